#pragma once
// NoticeBar: a dismissable line above the views for things the user should know but that
// need no answer (e.g. the study is being written by another process).

#include <QFrame>

class QLabel;

namespace bs::ui {

class NoticeBar : public QFrame {
    Q_OBJECT
public:
    explicit NoticeBar(QWidget* parent = nullptr);
    void showNotice(const QString& text);
    QString text() const;

private:
    QLabel* m_text;
};

} // namespace bs::ui

#pragma once
// JobStatusWidget: the status-bar part that shows a running job (progress, time left, Cancel).

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace bs::ui {

class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(QWidget* parent = nullptr);

    void start(const QString& title);
    // total == 0: busy without a known amount of work.
    void setProgress(qint64 done, qint64 total, const QString& message, double secondsLeft);
    void setCancelling();
    void stop();

    QProgressBar* progressBar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }
    QString etaText() const;

    static QString formatDuration(double seconds); // "45 s", "3 min 05 s", "2 h 07 min"

signals:
    void cancelRequested();

private:
    QLabel* m_title;
    QLabel* m_message;
    QProgressBar* m_bar;
    QLabel* m_eta;
    QPushButton* m_cancel;
};

} // namespace bs::ui

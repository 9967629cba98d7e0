#pragma once
// PlotMessage: a hint centred on a plot's axes ("nothing to show yet") that reads whole in a
// plot of any width.

#include <QObject>
#include <QString>

class QColor;
class QFont;
class QFontMetricsF;
class QCPAxisRect;
class QCPItemText;

namespace bs::ui {

// A text item centred on (and clipped to) one axis rectangle. A text item draws one line per
// line break and is cut at the rectangle's edges, so at every layout of the plot the message is
// broken again into lines that fit the rectangle's current width.
class PlotMessage : public QObject {
    Q_OBJECT
public:
    PlotMessage(QCPAxisRect* rect, const QFont& font, const QColor& color);

    // "" hides the message.
    void setText(const QString& text);
    // The text as given, without the line breaks added to fit.
    QString text() const { return m_text; }
    QCPItemText* item() const { return m_item; }

private:
    void fit();

    QCPAxisRect* m_rect;
    QCPItemText* m_item;
    QString m_text;
};

// `text` in lines no wider than `width`: as given when every line fits (the author's breaks),
// otherwise re-broken between words with the given breaks read as spaces. A word wider than
// `width` gets a line of its own.
QString fitLines(const QString& text, const QFontMetricsF& metrics, double width);

} // namespace bs::ui

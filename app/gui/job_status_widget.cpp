#include "app/gui/job_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <cmath>

namespace bs::ui {

JobStatusWidget::JobStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_eta(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_bar);
    layout->addWidget(m_eta);
    layout->addWidget(m_cancel);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_message->setMinimumWidth(220);
    m_message->setMaximumWidth(420);
    m_bar->setFixedWidth(200);
    // Fixed integer range: core reports batches, which may exceed int for huge studies.
    m_bar->setRange(0, 1000);
    m_eta->setMinimumWidth(110);
    m_cancel->setToolTip(tr("Stop after the point in flight; finished pairs stay in the file"));
    connect(m_cancel, &QPushButton::clicked, this, &JobStatusWidget::cancelRequested);
    setVisible(false);
}

QString JobStatusWidget::formatDuration(double seconds) {
    if (!(seconds >= 0) || seconds > 1e7)
        return tr("unknown");
    const long s = long(std::lround(seconds));
    if (s >= 3600)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(s);
}

void JobStatusWidget::start(const QString& title) {
    m_title->setText(title);
    m_message->clear();
    m_bar->setRange(0, 0);
    m_eta->clear();
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("Cancel"));
    setVisible(true);
}

void JobStatusWidget::setProgress(qint64 done, qint64 total, const QString& message,
                                  double secondsLeft) {
    if (total <= 0) {
        m_bar->setRange(0, 0);
    } else {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::llround(1000.0 * double(done) / double(total))));
    }
    const QFontMetrics metrics(m_message->font());
    m_message->setText(metrics.elidedText(message, Qt::ElideMiddle, m_message->maximumWidth()));
    m_message->setToolTip(message);
    m_eta->setText(secondsLeft >= 0 ? tr("%1 left").arg(formatDuration(secondsLeft)) : QString());
}

void JobStatusWidget::setCancelling() {
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
}

void JobStatusWidget::stop() {
    setVisible(false);
}

QString JobStatusWidget::etaText() const {
    return m_eta->text();
}

} // namespace bs::ui

#include "app/gui/analysis_job_bar.h"

#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/study_document.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <utility>

namespace bs::ui {

AnalysisJobBar::AnalysisJobBar(MainWindow* window, JobKind kind, const QString& runText,
                               std::function<bool()> start, QWidget* parent)
    : QWidget(parent)
    , m_window(window)
    , m_kind(kind)
    , m_start(std::move(start))
    , m_run(new QPushButton(runText, this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_run);
    layout->addWidget(m_cancel);
    layout->addWidget(m_progress);
    layout->addWidget(m_status, 1);
    m_cancel->setToolTip(tr("Stop at the next point; what is computed so far stays shown"));
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_run, &QPushButton::clicked, this, &AnalysisJobBar::run);
    connect(m_cancel, &QPushButton::clicked, m_window, &MainWindow::cancelJob);
    JobController* jobs = m_window->jobs();
    connect(jobs, &JobController::progress, this, [this](qint64 done, qint64 total) {
        if (!m_running)
            return;
        m_progress->setRange(0, int(std::min<qint64>(total, 1 << 30)));
        m_progress->setValue(int(std::min<qint64>(done, 1 << 30)));
    });
    connect(jobs, &JobController::busyChanged, this, [this] { updateButtons(); });
    connect(jobs, &JobController::jobFinished, this,
            [this](JobKind kind, JobOutcome outcome, const StudySnapshot&) {
                if (kind != m_kind || !m_running)
                    return;
                m_running = false;
                updateButtons();
                emit finished(outcome);
            });
    connect(m_window->document(), &StudyDocument::studyReset, this, [this] { updateButtons(); });
    updateButtons();
}

bool AnalysisJobBar::run() {
    if (m_running || !m_start())
        return false;
    m_running = true;
    m_progress->setRange(0, 0); // busy until the first progress report
    updateButtons();
    return true;
}

void AnalysisJobBar::addControl(QWidget* control) {
    auto* layout = static_cast<QHBoxLayout*>(this->layout());
    layout->insertWidget(m_controls++, control);
}

void AnalysisJobBar::addLabel(const QString& text) {
    addControl(new QLabel(text, this));
}

void AnalysisJobBar::setStatus(const QString& text) {
    m_status->setText(text);
}

QString AnalysisJobBar::status() const {
    return m_status->text();
}

void AnalysisJobBar::updateButtons() {
    const bool busy = m_window->jobs()->busy();
    m_run->setEnabled(!busy && m_window->document()->isOpen());
    m_cancel->setEnabled(m_running);
    m_progress->setVisible(m_running);
}

} // namespace bs::ui

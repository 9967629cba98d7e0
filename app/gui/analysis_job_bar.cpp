#include "app/gui/analysis_job_bar.h"

#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <utility>

namespace bs::ui {

AnalysisJobBar::AnalysisJobBar(StudyDocument* document, StudyJobRunner* runner,
                               const QString& runText, std::function<StudyJobHandle*()> start,
                               QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(runner)
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
    connect(m_cancel, &QPushButton::clicked, m_runner, &StudyJobRunner::cancel);
    connect(m_runner, &StudyJobRunner::busyChanged, this, [this] { updateButtons(); });
    connect(m_document, &StudyDocument::studyReset, this, [this] { updateButtons(); });
    updateButtons();
}

bool AnalysisJobBar::run() {
    if (m_running)
        return false;
    StudyJobHandle* job = m_start();
    if (!job) {
        if (m_runner->busy())
            setStatus(StudyJobRunner::busyMessage());
        return false;
    }
    connect(job, &StudyJobHandle::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(std::min<qint64>(total, 1 << 30)));
        m_progress->setValue(int(std::min<qint64>(done, 1 << 30)));
    });
    connect(job, &StudyJobHandle::finished, this, [this](JobOutcome outcome) {
        m_running = false;
        updateButtons();
        emit finished(outcome);
    });
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
    m_run->setEnabled(!m_runner->busy() && m_document->isOpen());
    m_cancel->setEnabled(m_running);
    m_progress->setVisible(m_running);
}

} // namespace bs::ui

#pragma once
// AnalysisJobBar: the row of an in-memory analysis view that starts its job, shows its
// progress and cancels it (attribution, flipped examples, soups).

#include "app/gui/job_types.h"

#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace bs::ui {

class StudyDocument;
class StudyJobHandle;
class StudyJobRunner;

// Runs one kind of study job for its panel: the run button calls `start`, which starts the job
// through the runner and returns its handle (nullptr when none started); the bar follows that
// job's progress, Cancel stops it at its next safe point (the panel keeps the partial result
// the job posts). The panel adds its own choices (models, dataset) in front through addControl.
// When no job starts because another runs, the bar says so.
class AnalysisJobBar : public QWidget {
    Q_OBJECT
public:
    AnalysisJobBar(StudyDocument* document, StudyJobRunner* runner, const QString& runText,
                   std::function<StudyJobHandle*()> start, QWidget* parent = nullptr);

    // Starts the job as the run button does; false when none started (another job runs).
    bool run();
    void addControl(QWidget* control);
    void addLabel(const QString& text);
    void setStatus(const QString& text);
    QString status() const;
    // Whether this bar's job is the one running.
    bool running() const { return m_running; }

    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    // This bar's job ended (after the last posted result).
    void finished(bs::ui::JobOutcome outcome);

private:
    void updateButtons();

    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    std::function<StudyJobHandle*()> m_start;
    int m_controls = 0;
    bool m_running = false;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
};

} // namespace bs::ui

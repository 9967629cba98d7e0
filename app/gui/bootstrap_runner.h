#pragma once
// BootstrapRunner: computes the bootstrap intervals of the open study in the background, from
// the per-example losses kept beside it, and holds the result in memory (never in the study).

#include "app/gui/job_types.h"
#include "core/jobs/bootstrap_job.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

Q_DECLARE_METATYPE(bs::BootstrapResult)

namespace bs::ui {

class StudyDocument;
class StudyJobRunner;

class BootstrapRunner : public QObject {
    Q_OBJECT
public:
    BootstrapRunner(StudyDocument* document, StudyJobRunner* runner, QObject* parent = nullptr);

    // Whether the open study has per-example losses beside it (its ".examples" folder).
    bool available() const;
    bool running() const { return m_running; }
    // Starts the intervals of every computed pair on `dataset`, with the cluster stability of
    // the clustering the Clusters tab shows (if any); false when no job started.
    bool start(const QString& dataset);
    // The last result (also a cancelled job's partial one); nullptr before the first.
    const BootstrapResult* result() const { return m_result ? &*m_result : nullptr; }

signals:
    // The study changed (opened, closed, saved by a job): availability may have changed.
    void availabilityChanged();
    void resultChanged();
    void finished(bs::ui::JobOutcome outcome);

private:
    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    std::optional<BootstrapResult> m_result;
    QString m_resultPath; // the study file the result belongs to
    bool m_running = false;
};

} // namespace bs::ui

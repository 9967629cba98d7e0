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

class MainWindow;

class BootstrapRunner : public QObject {
    Q_OBJECT
public:
    explicit BootstrapRunner(MainWindow* window);

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
    MainWindow* m_window;
    std::optional<BootstrapResult> m_result;
    QString m_resultPath; // the study file the result belongs to
    bool m_running = false;
};

} // namespace bs::ui

#pragma once
// StudyDocument: the GUI's copy of the open study, updated live by job results.

#include "app/gui/job_types.h"

#include <QObject>
#include <QString>

#include <optional>

namespace bs::ui {

// The file is the truth: jobs on the worker read and save it; the document mirrors it for the
// views, applies each finished model or pair as it arrives, and is replaced by the study as
// saved when a job ends.
class StudyDocument : public QObject {
    Q_OBJECT
public:
    explicit StudyDocument(QObject* parent = nullptr);

    bool isOpen() const { return !m_path.isEmpty(); }
    const QString& path() const { return m_path; }
    const Study& study() const { return m_study; }
    // The file's display name, e.g. "study.h5".
    QString displayName() const;

    void open(const Study& study, const QString& path);
    // The study as a job of `kind` saved it (same file). Only what that kind of job writes is
    // taken over and announced by its own signal (planesChanged for a plane job, ...), so the
    // other views keep their state; a changed layout (models, datasets, points) resets all.
    void replace(const Study& study, JobKind kind);
    void close();

    // The clustering the Clusters tab shows: view state, saved only when the user stores it.
    // The models table and the heatmap's cluster order follow it. Cleared when a study opens.
    const ClusteringResult* shownClustering() const {
        return m_shownClustering ? &*m_shownClustering : nullptr;
    }
    void showClustering(std::optional<ClusteringResult> clustering);

    void applyEvaluation(const EvalUpdate& update);
    void applyPair(const PairUpdate& update);

signals:
    // Models, datasets or the file changed: views rebuild.
    void studyReset();
    // Live updates: only values changed (model -1: every model's evaluations).
    void evaluationsChanged(int64_t model);
    void pairChanged(int64_t i, int64_t j);
    void shownClusteringChanged();
    // A job's results, applied as a delta: only the named part of the study changed.
    void pairsChanged(); // every pair's curves, matrices and distances
    void planesChanged();
    void clusteringsChanged();
    void sharpnessChanged();
    void hessiansChanged();
    void trainedCurvesChanged();

private:
    Study m_study;
    QString m_path;
    std::optional<ClusteringResult> m_shownClustering;
};

} // namespace bs::ui

#include "app/gui/study_document.h"

#include <QFileInfo>

namespace bs::ui {

namespace {

// A fresh matrix has NaN ("pending") off the diagonal and 0 on it, as core fills them.
void ensureSquare(Matrix& m, int64_t n) {
    if (m.rows == n && m.cols == n)
        return;
    m = Matrix::filled(n, n);
    for (int64_t k = 0; k < n; ++k)
        m(k, k) = 0.0;
}

} // namespace

StudyDocument::StudyDocument(QObject* parent)
    : QObject(parent) {}

QString StudyDocument::displayName() const {
    return QFileInfo(m_path).fileName();
}

void StudyDocument::open(const Study& study, const QString& path) {
    m_study = study;
    m_path = path;
    m_shownClustering.reset();
    emit studyReset();
}

namespace {

// Whether two studies have the same models, datasets and curve points: then a job's results
// can be applied as a delta, and every view's state (selection, sort order, zoom) stays valid.
bool sameLayout(const Study& a, const Study& b) {
    if (a.points != b.points || a.maxLength != b.maxLength || a.precision != b.precision ||
        a.modelLabelNames != b.modelLabelNames || a.models.size() != b.models.size() ||
        a.datasets.size() != b.datasets.size())
        return false;
    for (size_t m = 0; m < a.models.size(); ++m)
        if (a.models[m].name != b.models[m].name || a.models[m].path != b.models[m].path)
            return false;
    for (size_t d = 0; d < a.datasets.size(); ++d)
        if (a.datasets[d].name != b.datasets[d].name || a.datasets[d].role != b.datasets[d].role)
            return false;
    return true;
}

} // namespace

void StudyDocument::replace(const Study& study, JobKind kind) {
    if (kind == JobKind::CreateStudy || kind == JobKind::EditStudy || !sameLayout(m_study, study)) {
        m_study = study;
        emit studyReset();
        return;
    }
    // Model content hashes are refreshed by evaluations and pairs alike.
    for (size_t m = 0; m < study.models.size(); ++m)
        m_study.models[m].contentHash = study.models[m].contentHash;
    switch (kind) {
    case JobKind::Evaluate:
    case JobKind::Curves:
        // A curves job evaluates the models it needs first, so both parts may have changed.
        m_study.evaluations = study.evaluations;
        m_study.curves = study.curves;
        m_study.matrices = study.matrices;
        m_study.distance = study.distance;
        emit evaluationsChanged(-1);
        emit pairsChanged();
        break;
    case JobKind::Plane:
        m_study.planes = study.planes;
        emit planesChanged();
        break;
    case JobKind::Cluster:
        m_study.clusterings = study.clusterings;
        emit clusteringsChanged();
        break;
    case JobKind::Sharpness:
        m_study.sharpness = study.sharpness;
        emit sharpnessChanged();
        break;
    case JobKind::Hessian:
        m_study.hessians = study.hessians;
        emit hessiansChanged();
        break;
    case JobKind::TrainCurve:
        m_study.trainedCurves = study.trainedCurves;
        emit trainedCurvesChanged();
        break;
    case JobKind::Attribution:
    case JobKind::Flips:
    case JobKind::Soup:
    case JobKind::Bootstrap:
        // Their results live in their panels (and per-example losses beside the file); a soup
        // added to the study changes the models, handled above as a new layout.
        break;
    case JobKind::CreateStudy:
    case JobKind::EditStudy:
        break;
    }
}

void StudyDocument::close() {
    m_study = Study();
    m_path.clear();
    m_shownClustering.reset();
    emit studyReset();
}

void StudyDocument::showClustering(std::optional<ClusteringResult> clustering) {
    m_shownClustering = std::move(clustering);
    emit shownClusteringChanged();
}

void StudyDocument::applyEvaluation(const EvalUpdate& update) {
    const int64_t n = int64_t(m_study.models.size());
    if (update.model < 0 || update.model >= n)
        return;
    for (size_t d = 0; d < update.datasets.size() && d < update.evaluations.size(); ++d) {
        if (m_study.datasetIndex(update.datasets[d]) < 0)
            continue;
        auto& evals = m_study.evaluations[update.datasets[d]];
        if (int64_t(evals.size()) != n)
            evals.assign(size_t(n), Evaluation{});
        evals[size_t(update.model)] = update.evaluations[d];
    }
    if (!update.contentHash.empty())
        m_study.models[size_t(update.model)].contentHash = update.contentHash;
    emit evaluationsChanged(update.model);
}

void StudyDocument::applyPair(const PairUpdate& update) {
    const int64_t n = int64_t(m_study.models.size());
    const int64_t i = update.i, j = update.j;
    if (i < 0 || j < 0 || i >= n || j >= n)
        return;
    ensureSquare(m_study.distance, n);
    m_study.distance(i, j) = m_study.distance(j, i) = update.distance;
    for (const PairDatasetValues& values : update.datasets) {
        if (m_study.datasetIndex(values.dataset) < 0)
            continue;
        CurveSet& curves = m_study.curves[values.dataset];
        if (curves.models != n || curves.points != m_study.points)
            curves = CurveSet::empty(n, m_study.points);
        if (int64_t(values.loss.size()) == m_study.points &&
            int64_t(values.metric.size()) == m_study.points)
            curves.setPair(i, j, values.loss, values.metric);
        DerivedMatrices& m = m_study.matrices[values.dataset];
        auto put = [&](Matrix& matrix, const double(&v)[2]) {
            ensureSquare(matrix, n);
            matrix(i, j) = v[0];
            matrix(j, i) = v[1];
        };
        put(m.barrierHeight, values.barrierHeight);
        put(m.convexityGap, values.convexityGap);
        put(m.peakExcess, values.peakExcess);
        put(m.auc, values.auc);
    }
    emit pairChanged(i, j);
}

} // namespace bs::ui

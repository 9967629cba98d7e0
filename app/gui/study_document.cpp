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

void StudyDocument::replace(const Study& study) {
    m_study = study;
    emit studyReset();
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

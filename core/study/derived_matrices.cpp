#include "core/study/derived_matrices.h"

#include "core/analysis/barriers.h"
#include "core/common/error.h"

#include <cmath>
#include <utility>

namespace bs {

namespace {

void setCells(DerivedMatrices& m, int64_t i, int64_t j, const BarrierMetrics& metrics) {
    for (const auto& [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
        m.barrierHeight.at(a, b) = metrics.barrierHeight;
        m.convexityGap.at(a, b) = metrics.convexityGap;
        m.peakExcess.at(a, b) = metrics.peakExcess;
        m.auc.at(a, b) = metrics.auc;
    }
}

void clearCells(DerivedMatrices& m, int64_t i, int64_t j) {
    setCells(m, i, j, BarrierMetrics{kNaN, kNaN, kNaN, kNaN});
}

bool anyCellMissing(const DerivedMatrices& m, int64_t i, int64_t j) {
    for (const Matrix* matrix : {&m.barrierHeight, &m.convexityGap, &m.peakExcess, &m.auc})
        if (std::isnan(matrix->at(i, j)) || std::isnan(matrix->at(j, i)))
            return true;
    return false;
}

} // namespace

Matrix& DerivedMatrices::of(MatrixKind kind) {
    return const_cast<Matrix&>(std::as_const(*this).of(kind));
}

const Matrix& DerivedMatrices::of(MatrixKind kind) const {
    switch (kind) {
    case MatrixKind::ConvexityGap:
        return convexityGap;
    case MatrixKind::BarrierHeight:
        return barrierHeight;
    case MatrixKind::PeakExcess:
        return peakExcess;
    case MatrixKind::Auc:
        return auc;
    case MatrixKind::Distance:
        break;
    }
    throw Error("the " + matrixId(kind) + " matrix is not derived from curves");
}

void updatePairMatrices(Study& study, int64_t i, int64_t j) {
    for (const DatasetEntry& dataset : study.datasets) {
        const CurveSet& curves = study.curves[dataset.name];
        DerivedMatrices& m = study.matrices[dataset.name];
        if (curves.hasPair(i, j))
            setCells(m, i, j, barrierMetrics(curves.lossCurve(i, j)));
        else
            clearCells(m, i, j);
    }
}

void updateAllMatrices(Study& study) {
    study.ensureShapes();
    const int64_t n = static_cast<int64_t>(study.models.size());
    for (const DatasetEntry& dataset : study.datasets) {
        DerivedMatrices& m = study.matrices[dataset.name];
        m.barrierHeight = Matrix::filled(n, n);
        m.convexityGap = Matrix::filled(n, n);
        m.peakExcess = Matrix::filled(n, n);
        m.auc = Matrix::filled(n, n); // NaN: the diagonal is no pair (docs/study-format.md)
    }
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j)
            updatePairMatrices(study, i, j);
}

void repairMatrices(Study& study) {
    const int64_t n = static_cast<int64_t>(study.models.size());
    for (const DatasetEntry& dataset : study.datasets) {
        const auto curves = study.curves.find(dataset.name);
        const auto matrices = study.matrices.find(dataset.name);
        if (curves == study.curves.end() || matrices == study.matrices.end() ||
            curves->second.loss.empty() || matrices->second.convexityGap.values.empty())
            continue;
        DerivedMatrices& m = matrices->second;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j) {
                if (anyCellMissing(m, i, j) && curves->second.hasPair(i, j))
                    setCells(m, i, j, barrierMetrics(curves->second.lossCurve(i, j)));
            }
    }
}

} // namespace bs

#include "core/jobs/bootstrap_job.h"

#include "core/analysis/clustering.h"
#include "core/common/csv_field.h"
#include "core/common/error.h"
#include "core/jobs/dataset_choice.h"
#include "core/study/example_loss_store.h"
#include "core/study/study.h"
#include "core/study/study_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

namespace bs {

namespace {

double metricOf(const BarrierMetrics& m, const std::string& matrix) {
    const std::optional<MatrixKind> kind = findMatrixId(matrix);
    switch (kind.value_or(MatrixKind::Distance)) {
    case MatrixKind::ConvexityGap:
        return m.convexityGap;
    case MatrixKind::BarrierHeight:
        return m.barrierHeight;
    case MatrixKind::PeakExcess:
        return m.peakExcess;
    case MatrixKind::Auc:
        return m.auc;
    case MatrixKind::Distance:
        break;
    }
    std::vector<MatrixKind> barriers;
    for (MatrixKind k : allMatrixKinds())
        if (isCurveMatrix(k))
            barriers.push_back(k);
    throw Error("cluster stability needs a barrier matrix (" + matrixIdList(barriers) + "), got '" +
                matrix + "'");
}

void setCell(IntervalMatrices& m, int64_t i, int64_t j, const MetricInterval& v) {
    m.low(i, j) = m.low(j, i) = v.low;
    m.high(i, j) = m.high(j, i) = v.high;
}

} // namespace

std::vector<int64_t> alignLabels(const std::vector<int64_t>& labels,
                                 const std::vector<int64_t>& reference, int64_t k) {
    std::vector<std::vector<int64_t>> agree(static_cast<size_t>(k),
                                            std::vector<int64_t>(static_cast<size_t>(k), 0));
    for (size_t m = 0; m < labels.size(); ++m)
        ++agree[static_cast<size_t>(labels[m])][static_cast<size_t>(reference[m])];
    std::vector<int64_t> best(static_cast<size_t>(k));
    std::iota(best.begin(), best.end(), 0);
    if (k <= 7) {
        std::vector<int64_t> p = best;
        int64_t bestScore = -1;
        do {
            int64_t score = 0;
            for (int64_t c = 0; c < k; ++c)
                score +=
                    agree[static_cast<size_t>(c)][static_cast<size_t>(p[static_cast<size_t>(c)])];
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        } while (std::next_permutation(p.begin(), p.end()));
    } else {
        std::vector<bool> usedFrom(static_cast<size_t>(k)), usedTo(static_cast<size_t>(k));
        for (int64_t step = 0; step < k; ++step) {
            int64_t bf = -1, bt = -1, score = -1;
            for (int64_t f = 0; f < k; ++f)
                for (int64_t t = 0; t < k; ++t)
                    if (!usedFrom[static_cast<size_t>(f)] && !usedTo[static_cast<size_t>(t)] &&
                        agree[static_cast<size_t>(f)][static_cast<size_t>(t)] > score) {
                        score = agree[static_cast<size_t>(f)][static_cast<size_t>(t)];
                        bf = f;
                        bt = t;
                    }
            usedFrom[static_cast<size_t>(bf)] = usedTo[static_cast<size_t>(bt)] = true;
            best[static_cast<size_t>(bf)] = bt;
        }
    }
    std::vector<int64_t> out;
    for (const int64_t l : labels)
        out.push_back(best[static_cast<size_t>(l)]);
    return out;
}

BootstrapResult computeBootstrap(const Study& study, const ExampleLossStore& store,
                                 const BootstrapRequest& request, const Progress& progress) {
    const int64_t d = chooseDataset(study, request.dataset);
    const std::string& dataset = study.datasets[static_cast<size_t>(d)].name;
    const auto n = static_cast<int64_t>(study.models.size());
    const CurveSet& curves = study.curves.at(dataset);

    BootstrapResult out;
    out.dataset = dataset;
    out.options = request.options;
    out.examples = store.examples(static_cast<size_t>(d));
    for (IntervalMatrices* m : {&out.barrierHeight, &out.convexityGap, &out.peakExcess, &out.auc}) {
        m->low = Matrix::filled(n, n);
        m->high = Matrix::filled(n, n);
    }
    const BootstrapResamples resamples(out.examples, request.options);

    // The reference clustering and the models whose pairs feed stability.
    const bool wantStability = request.cluster.k >= 2;
    std::map<int64_t, size_t> clustered; // model -> row in the clustering
    if (wantStability) {
        ClusterRequest cluster = request.cluster;
        cluster.dataset = dataset;
        metricOf(BarrierMetrics{}, cluster.matrix); // refuses distance and unknown names early
        out.stability.clustering = clusterModels(study, cluster);
        for (size_t r = 0; r < out.stability.clustering.models.size(); ++r)
            clustered[study.modelIndex(out.stability.clustering.models[r])] = r;
    }
    const auto c = static_cast<int64_t>(clustered.size());

    std::vector<std::pair<int64_t, int64_t>> pairs;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j)
            if (curves.hasPair(i, j))
                pairs.emplace_back(i, j);
    bool stabilityPossible = wantStability;
    try {
        for (size_t p = 0; p < pairs.size(); ++p) {
            const auto [i, j] = pairs[p];
            progress.step(static_cast<int64_t>(p), static_cast<int64_t>(pairs.size()),
                          "bootstrap " + study.models[static_cast<size_t>(i)].name + " - " +
                              study.models[static_cast<size_t>(j)].name);
            const bool inClustering = clustered.count(i) && clustered.count(j);
            if (!store.hasPair(i, j)) {
                ++out.pairsWithoutExamples;
                if (inClustering && stabilityPossible) {
                    stabilityPossible = false;
                    out.stability.skipped =
                        "the pair " + study.models[static_cast<size_t>(i)].name + " - " +
                        study.models[static_cast<size_t>(j)].name + " has no per-example losses";
                }
                continue;
            }
            const BarrierIntervals v = barrierIntervals(
                resamples.resampledCurves(store.readPair(static_cast<size_t>(d), i, j)),
                request.options.level);
            setCell(out.barrierHeight, i, j, v.barrierHeight);
            setCell(out.convexityGap, i, j, v.convexityGap);
            setCell(out.peakExcess, i, j, v.peakExcess);
            setCell(out.auc, i, j, v.auc);
            ++out.pairs;
        }
        progress.step(static_cast<int64_t>(pairs.size()), static_cast<int64_t>(pairs.size()),
                      "bootstrap: intervals done");
        if (stabilityPossible) {
            const ClusteringResult& ref = out.stability.clustering;
            ClusteringOptions options;
            options.clusters = static_cast<int>(ref.k);
            options.delta = ref.delta; // the reference's bandwidth, so only the data vary
            std::vector<std::pair<int64_t, int64_t>> inside; // clustered pairs, as rows
            for (const auto& [i, j] : pairs)
                if (clustered.count(i) && clustered.count(j))
                    inside.emplace_back(i, j);
            // Resamples in blocks whose [block, c, c] metric tables fit the request's memory:
            // memory does not grow with the number of resamples.
            const int64_t b = request.options.resamples;
            const int64_t block =
                std::clamp<int64_t>(request.stabilityBytes / std::max<int64_t>(1, c * c * 8), 1, b);
            std::vector<double> kept(static_cast<size_t>(c), 0.0);
            for (int64_t first = 0; first < b; first += block) {
                const int64_t count = std::min(block, b - first);
                std::vector<std::vector<double>> table(
                    static_cast<size_t>(count),
                    std::vector<double>(static_cast<size_t>(c * c), 0.0));
                for (const auto& [i, j] : inside) {
                    progress.checkCancelled();
                    const auto curves = resamples.resampledCurves(
                        store.readPair(static_cast<size_t>(d), i, j), first, count);
                    const auto x = static_cast<int64_t>(clustered[i]);
                    const auto y = static_cast<int64_t>(clustered[j]);
                    for (int64_t r = 0; r < count; ++r)
                        table[static_cast<size_t>(r)][static_cast<size_t>(x * c + y)] =
                            table[static_cast<size_t>(r)][static_cast<size_t>(y * c + x)] =
                                metricOf(barrierMetrics(curves[static_cast<size_t>(r)]),
                                         request.cluster.matrix);
                }
                for (int64_t r = 0; r < count; ++r) {
                    progress.step(first + r, b, "bootstrap: cluster stability");
                    const Matrix m{c, c, std::move(table[static_cast<size_t>(r)])};
                    const Clustering again = clusterDistances(m, options);
                    const std::vector<int64_t> labels(again.labels.begin(), again.labels.end());
                    const std::vector<int64_t> aligned = alignLabels(labels, ref.labels, ref.k);
                    for (int64_t x = 0; x < c; ++x)
                        kept[static_cast<size_t>(x)] +=
                            aligned[static_cast<size_t>(x)] == ref.labels[static_cast<size_t>(x)]
                                ? 1.0
                                : 0.0;
                }
            }
            for (double& k : kept)
                k /= static_cast<double>(b);
            out.stability.keep = std::move(kept);
        } else if (!wantStability) {
            out.stability.skipped = "not asked for";
        }
        out.complete = true;
    } catch (const Cancelled&) {
        out.complete = false;
        if (out.stability.skipped.empty())
            out.stability.skipped = "cancelled";
    }
    return out;
}

std::string bootstrapCsv(const Study& study, const BootstrapResult& r) {
    std::string out = "first,second,metric,estimate,low,high\n";
    const auto& m = study.matrices.at(r.dataset);
    const auto n = static_cast<int64_t>(study.models.size());
    auto number = [](double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%.9g", v);
        return std::string(text);
    };
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) {
            if (std::isnan(r.convexityGap.low(i, j)))
                continue;
            for (const auto& [kind, intervals, estimate] :
                 {std::tuple{MatrixKind::BarrierHeight, &r.barrierHeight, &m.barrierHeight},
                  std::tuple{MatrixKind::ConvexityGap, &r.convexityGap, &m.convexityGap},
                  std::tuple{MatrixKind::PeakExcess, &r.peakExcess, &m.peakExcess},
                  std::tuple{MatrixKind::Auc, &r.auc, &m.auc}})
                out += csvField(study.models[static_cast<size_t>(i)].name) + "," +
                       csvField(study.models[static_cast<size_t>(j)].name) + "," + matrixId(kind) +
                       "," + number(estimate->at(i, j)) + "," + number(intervals->low(i, j)) + "," +
                       number(intervals->high(i, j)) + "\n";
        }
    return out;
}

} // namespace bs

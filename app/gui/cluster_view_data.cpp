#include "app/gui/cluster_view_data.h"

#include "core/analysis/embedding_axes.h"
#include "core/analysis/statistics.h"
#include "core/common/error.h"

#include <QCoreApplication>

#include <cmath>

namespace bs::ui {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

// Translated in the Clusters tab's context, where these texts were written first.
QString tr(const char* text) {
    return QCoreApplication::translate("bs::ui::ClustersPanel", text);
}

const QString kScoreLabel = QStringLiteral("centroid score ‖e − c₀‖ − ‖e − c₁‖");

} // namespace

ClusterViewData clusterViewData(const Study& study, const ClusteringResult* clustering,
                                const QString& column, const QString& emptyText) {
    const std::string col = column.toStdString();
    std::vector<double> values;
    if (!col.empty()) {
        try {
            values = modelColumn(study, col);
        } catch (const Error&) {
            values.clear();
        }
    }

    EmbeddingData embedding;
    ScatterData score, sharpness;
    HistogramData histogram;
    score.title = tr("%1 vs centroid score").arg(column);
    score.xLabel = kScoreLabel;
    score.yLabel = column;
    sharpness.title = tr("%1 vs sharpness").arg(column);
    sharpness.yLabel = column;
    histogram.title = tr("%1 by cluster").arg(column);
    histogram.xLabel = column;
    embedding.emptyText = score.emptyText = histogram.emptyText = emptyText;
    if (clustering) {
        const ClusteringResult& c = *clustering;
        embedding.title = tr("Spectral embedding (%1, k = %2, δ = %3)")
                              .arg(qs(c.matrix).toUpper())
                              .arg(c.k)
                              .arg(c.delta, 0, 'g', 3);
        const auto [cx, cy] = embeddingDisplayAxes(c.embedding);
        embedding.xLabel = tr("embedding %1").arg(cx + 1);
        embedding.yLabel = tr("embedding %1").arg(cy + 1);
        embedding.clusters = c.k;
        histogram.clusterCount = c.k;
        for (size_t k = 0; k < c.models.size(); ++k) {
            const int64_t m = study.modelIndex(c.models[k]);
            const double v = m >= 0 && size_t(m) < values.size() ? values[size_t(m)] : kNaN;
            embedding.names.push_back(qs(c.models[k]));
            embedding.x.push_back(c.embedding.cols > cx ? c.embedding(int64_t(k), cx) : kNaN);
            embedding.y.push_back(c.embedding.cols > cy ? c.embedding(int64_t(k), cy) : kNaN);
            embedding.labels.push_back(c.labels[k]);
            histogram.values.push_back(v);
            histogram.clusters.push_back(c.labels[k]);
            if (c.score.size() == c.models.size()) {
                score.names.push_back(qs(c.models[k]));
                score.x.push_back(c.score[k]);
                score.y.push_back(v);
                score.clusters.push_back(c.labels[k]);
            }
        }
        if (c.score.size() == c.models.size() && !col.empty()) {
            try {
                score.regression = scoreRegression(study, c, col);
            } catch (const Error&) {
            }
        } else if (c.k != 2) {
            score.emptyText = tr("The centroid score is defined for k = 2.");
        }
    }

    // Sharpness on the clustering's dataset (or the surface set) against the same column.
    std::string sharpDataset = clustering && !clustering->dataset.empty()
                                   ? clustering->dataset
                                   : (study.surfaceDataset() ? study.surfaceDataset()->name : "");
    std::vector<double> sharp(study.models.size(), kNaN);
    for (const SharpnessResult& s : study.sharpness)
        if (s.dataset == sharpDataset) {
            const int64_t m = study.modelIndex(s.model);
            if (m >= 0)
                sharp[size_t(m)] = s.value;
        }
    sharpness.xLabel = tr("ε-sharpness on %1").arg(qs(sharpDataset));
    sharpness.emptyText = tr("Compute Sharpness to compare it with the clusters");
    for (size_t m = 0; m < study.models.size(); ++m) {
        if (!std::isfinite(sharp[m]))
            continue;
        int64_t cluster = -1;
        if (clustering)
            for (size_t k = 0; k < clustering->models.size(); ++k)
                if (clustering->models[k] == study.models[m].name)
                    cluster = clustering->labels[k];
        sharpness.names.push_back(qs(study.models[m].name));
        sharpness.x.push_back(sharp[m]);
        sharpness.y.push_back(m < values.size() ? values[m] : kNaN);
        sharpness.clusters.push_back(cluster);
    }
    if (sharpness.x.size() >= 2)
        sharpness.regression = linearRegression(sharpness.x, sharpness.y);

    return {std::move(embedding), std::move(score), std::move(sharpness), std::move(histogram)};
}

} // namespace bs::ui

#include "core/study/study_csv.h"

#include "core/common/error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace bs {

const Matrix& studyMatrix(const Study& study, MatrixKind kind, const std::string& dataset) {
    if (!isCurveMatrix(kind))
        return study.distance;
    const auto found = study.matrices.find(dataset);
    if (found == study.matrices.end()) {
        std::string known;
        for (const DatasetEntry& d : study.datasets)
            known += (known.empty() ? "" : ", ") + d.name;
        throw Error("no dataset '" + dataset + "' in the study (datasets: " + known + ")");
    }
    return found->second.of(kind);
}

const Matrix& studyMatrix(const Study& study, const std::string& what, const std::string& dataset) {
    return studyMatrix(study, parseMatrixId(what), dataset);
}

std::string csvNumber(double value) {
    if (std::isnan(value))
        return {};
    char buffer[32];
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value)
            break;
    }
    return buffer;
}

std::string matrixCsv(const Study& study, const std::string& what, const std::string& dataset) {
    const Matrix& m = studyMatrix(study, what, dataset);
    std::ostringstream out;
    out << "model";
    for (const ModelEntry& model : study.models)
        out << ',' << csvField(model.name);
    out << '\n';
    for (int64_t i = 0; i < m.rows; ++i) {
        out << csvField(study.models[static_cast<size_t>(i)].name);
        for (int64_t j = 0; j < m.cols; ++j)
            out << ',' << csvNumber(m.at(i, j));
        out << '\n';
    }
    return out.str();
}

std::string evaluationsCsv(const Study& study) {
    std::ostringstream out;
    out << "model,family,run,step";
    for (const DatasetEntry& d : study.datasets) {
        out << ',' << csvField(d.name + "_loss");
        for (Metric metric : allMetrics())
            out << ',' << csvField(d.name + "_" + metricFileName(metric));
    }
    out << '\n';
    for (size_t m = 0; m < study.models.size(); ++m) {
        const ModelEntry& model = study.models[m];
        out << csvField(model.name) << ',' << model.family << ',' << csvField(model.run) << ','
            << (model.step >= 0 ? std::to_string(model.step) : std::string());
        for (const DatasetEntry& d : study.datasets) {
            const auto found = study.evaluations.find(d.name);
            const Evaluation e = found != study.evaluations.end() && m < found->second.size()
                                     ? found->second[m]
                                     : Evaluation{};
            out << ',' << csvNumber(e.loss);
            for (Metric metric : allMetrics())
                out << ',' << csvNumber(e.metric(metric));
        }
        out << '\n';
    }
    return out.str();
}

std::string curvesCsv(const Study& study, const std::string& dataset) {
    const auto found = study.curves.find(dataset);
    if (found == study.curves.end())
        throw Error("no curves for dataset '" + dataset + "'");
    const CurveSet& curves = found->second;
    const std::vector<double> alphas = curveAlphas(curves.points);
    std::ostringstream out;
    out << "dataset,model_a,model_b,alpha,loss,metric\n";
    for (int64_t i = 0; i < curves.models; ++i)
        for (int64_t j = i + 1; j < curves.models; ++j)
            for (int64_t k = 0; k < curves.points; ++k) {
                const double loss = curves.loss[curves.index(i, j, k)];
                if (std::isnan(loss))
                    continue;
                out << csvField(dataset) << ',' << csvField(study.models[i].name) << ','
                    << csvField(study.models[j].name) << ',' << csvNumber(alphas[k]) << ','
                    << csvNumber(loss) << ',' << csvNumber(curves.metric[curves.index(i, j, k)])
                    << '\n';
            }
    return out.str();
}

} // namespace bs

#include "core/study/curve_store.h"

#include "core/common/error.h"

#include <cmath>
#include <set>

namespace bs {

namespace {

constexpr const char* kRoot = "/trained_curves";

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

// Barrier heights agree when both are NaN (an incomplete curve) or equal to rounding.
bool sameBarrier(double stored, double computed) {
    if (std::isnan(stored) || std::isnan(computed))
        return std::isnan(stored) && std::isnan(computed);
    return std::abs(stored - computed) <= 1e-12 * std::max(1.0, std::abs(computed));
}

} // namespace

void writeTrainedCurves(h5::File& f, const Study& study) {
    if (study.trainedCurves.empty())
        return;
    f.createGroup(kRoot, true);
    for (const TrainedCurve& c : study.trainedCurves) {
        const std::string g = std::string(kRoot) + "/" + c.id;
        const CurveTrainingOptions& o = c.training;
        if (o.seed > uint64_t(INT64_MAX))
            throw Error("curve " + quoted(c.id) + ": seeds above 2^63 - 1 cannot be stored");
        f.createGroup(g, true);
        f.writeAttr(g, "first", c.first);
        f.writeAttr(g, "second", c.second);
        f.writeAttr(g, "kind", std::string(curveKindName(o.kind)));
        f.writeAttr(g, "train_spec", c.trainSpec);
        f.writeAttr(g, "steps", o.steps);
        f.writeAttr(g, "learning_rate", o.learningRate);
        f.writeAttr(g, "batch_size", o.batchSize);
        f.writeAttr(g, "optimizer", std::string(curveOptimizerName(o.optimizer)));
        f.writeAttr(g, "seed", static_cast<int64_t>(o.seed));
        f.writeAttr(g, "training_examples", c.trainingExamples);
        f.writeAttr(g, "control_point", c.controlPoint);
        const auto p = static_cast<int64_t>(c.t.size());
        f.writeDoubles(g + "/t", {p}, c.t.data());
        f.writeDoubles(g + "/training_loss", {static_cast<int64_t>(c.trainingLosses.size())},
                       c.trainingLosses.data());
        for (const CurveComparison& d : c.datasets) {
            const std::string s = g + "/" + d.dataset;
            f.createGroup(s);
            f.writeAttr(s, "metric", d.metric);
            f.writeAttr(s, "line_barrier_height", d.line.barrierHeight);
            f.writeAttr(s, "curve_barrier_height", d.curve.barrierHeight);
            f.writeDoubles(s + "/line_loss", {p}, d.lineLoss.data());
            f.writeDoubles(s + "/line_metric", {p}, d.lineMetric.data());
            f.writeDoubles(s + "/curve_loss", {p}, d.curveLoss.data());
            f.writeDoubles(s + "/curve_metric", {p}, d.curveMetric.data());
        }
    }
}

void readTrainedCurves(const h5::File& f, Study& study) {
    if (!f.exists(kRoot))
        return;
    for (const std::string& id : f.children(kRoot)) {
        const std::string g = std::string(kRoot) + "/" + id;
        if (!f.isGroup(g))
            f.fail(g, "should be a group holding one trained curve");
        TrainedCurve c;
        c.id = id;
        c.first = f.readStringAttr(g, "first");
        c.second = f.readStringAttr(g, "second");
        c.trainSpec = f.readStringAttr(g, "train_spec");
        CurveTrainingOptions& o = c.training;
        const auto named = [&](const char* attr, auto parse) {
            const std::string text = f.readStringAttr(g, attr);
            try {
                return parse(text);
            } catch (const Error& e) {
                f.fail(g + " attribute '" + attr + "'", e.what());
            }
        };
        o.kind = named("kind", parseCurveKind);
        o.optimizer = named("optimizer", parseCurveOptimizer);
        const auto count = [&](const char* attr, int64_t least) {
            return f.readIntAttrAtLeast(g, attr, least);
        };
        o.steps = count("steps", 0);
        o.batchSize = count("batch_size", 1);
        o.seed = static_cast<uint64_t>(count("seed", 0));
        c.trainingExamples = count("training_examples", 0);
        o.learningRate = f.readDoubleAttr(g, "learning_rate");
        if (!(o.learningRate > 0) || !std::isfinite(o.learningRate))
            f.fail(g + " attribute 'learning_rate'", "is not a positive number");
        c.controlPoint = f.readStringAttr(g, "control_point");
        c.t = f.readDoubles(g + "/t", {-1});
        const auto p = static_cast<int64_t>(c.t.size());
        if (p < 2)
            f.fail(g + "/t", "holds " + std::to_string(p) + " points, expected at least 2");
        for (int64_t k = 0; k < p; ++k)
            if (std::abs(c.t[size_t(k)] - double(k) / double(p - 1)) > 1e-9)
                f.fail(g + "/t", "value " + std::to_string(k) + " is " +
                                     std::to_string(c.t[size_t(k)]) + ", expected k / (P - 1)");
        // Training losses exist for finished training only (the curve is stored once trained).
        c.trainingLosses = f.readDoubles(g + "/training_loss", {o.steps});
        for (const std::string& name : f.children(g)) {
            const std::string s = g + "/" + name;
            if (!f.isGroup(s))
                continue; // t and training_loss
            CurveComparison d;
            d.dataset = name;
            d.metric = f.readStringAttr(s, "metric");
            d.lineLoss = f.readDoubles(s + "/line_loss", {p});
            d.lineMetric = f.readDoubles(s + "/line_metric", {p});
            d.curveLoss = f.readDoubles(s + "/curve_loss", {p});
            d.curveMetric = f.readDoubles(s + "/curve_metric", {p});
            d.line = barrierMetrics(d.lineLoss);
            d.curve = barrierMetrics(d.curveLoss);
            for (const auto& [attr, computed] :
                 {std::pair{"line_barrier_height", d.line.barrierHeight},
                  std::pair{"curve_barrier_height", d.curve.barrierHeight}})
                if (!sameBarrier(f.readDoubleAttr(s, attr), computed))
                    f.fail(s + " attribute '" + attr + "'",
                           "is " + std::to_string(f.readDoubleAttr(s, attr)) +
                               ", but the stored losses give " + std::to_string(computed));
            c.datasets.push_back(std::move(d));
        }
        study.trainedCurves.push_back(std::move(c));
    }
}

void validateTrainedCurves(const Study& study) {
    std::set<std::string> ids;
    for (const TrainedCurve& c : study.trainedCurves) {
        const std::string what = "trained curve " + quoted(c.id);
        if (!isValidGroupName(c.id))
            throw Error(what + ": the id must use letters, digits, '.', '_' and '-' only");
        if (!ids.insert(c.id).second)
            throw Error(what + " appears twice; curve ids must be unique");
        for (const std::string& model : {c.first, c.second})
            if (study.modelIndex(model) < 0)
                throw Error(what + " mentions unknown model " + quoted(model));
        if (c.first == c.second)
            throw Error(what + " joins " + quoted(c.first) + " to itself");
        std::set<std::string> datasets;
        for (const CurveComparison& d : c.datasets) {
            if (study.datasetIndex(d.dataset) < 0)
                throw Error(what + " mentions unknown dataset " + quoted(d.dataset));
            if (!datasets.insert(d.dataset).second)
                throw Error(what + " lists dataset " + quoted(d.dataset) + " twice");
            for (const auto* values : {&d.lineLoss, &d.lineMetric, &d.curveLoss, &d.curveMetric})
                if (values->size() != c.t.size())
                    throw Error(what + " has " + std::to_string(values->size()) + " values on " +
                                quoted(d.dataset) + " for " + std::to_string(c.t.size()) +
                                " points");
        }
    }
}

} // namespace bs

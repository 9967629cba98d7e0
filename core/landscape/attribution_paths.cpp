#include "core/landscape/attribution_paths.h"

#include "core/common/error.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/parameter_groups.h"
#include "core/landscape/parameter_space.h"

#include <ATen/ATen.h>

#include <tuple>

namespace bs {

at::Tensor withGroupOf(const at::Tensor& base, const at::Tensor& other,
                       const std::vector<std::pair<int64_t, int64_t>>& ranges) {
    at::NoGradGuard noGrad;
    at::Tensor out = base.clone();
    for (const auto& [offset, length] : ranges)
        out.narrow(0, offset, length).copy_(other.narrow(0, offset, length));
    return out;
}

BarrierAttribution attributeBarrier(ParameterSpace& space, const Evaluator& evaluator,
                                    const at::Tensor& a, const at::Tensor& b,
                                    const AttributionPaths& paths, const Progress& progress) {
    if (paths.points < 3)
        throw Error("attribution needs at least 3 points per path, got " +
                    std::to_string(paths.points));
    const std::vector<ParameterGroup> groups = parameterGroups(space.layout());
    const auto p = static_cast<size_t>(paths.points);

    BarrierAttribution out;
    out.first = paths.firstName;
    out.second = paths.secondName;
    out.dataset = paths.dataset;
    out.metricName = paths.metricName;
    for (size_t k = 0; k < p; ++k)
        out.alphas.push_back(static_cast<double>(k) / static_cast<double>(p - 1));
    out.loss.assign(p, kNaN);
    out.metric.assign(p, kNaN);
    for (const ParameterGroup& g : groups) {
        GroupAttribution row;
        row.group = g.name;
        row.scalars = g.scalars;
        row.onlyLoss = row.onlyMetric = row.allButLoss = row.allButMetric =
            std::vector<double>(p, kNaN);
        out.groups.push_back(std::move(row));
    }

    const int64_t evaluations =
        1 + (paths.points - 1) * (1 + 2 * static_cast<int64_t>(groups.size()));
    const int64_t batches = evaluator.batches();
    const int64_t total = evaluations * batches;
    int64_t done = 0;
    std::string message;
    auto evaluate = [&]() {
        const int64_t before = done;
        const Evaluation e = evaluator.evaluate(space.model(), [&](int64_t batch, int64_t) {
            progress.report(before + batch, total, message);
        });
        done = before + batches;
        return std::pair{e.loss, e.metric(paths.metricName)};
    };

    try {
        message = "attribution: " + paths.firstName;
        progress.step(done, total, message);
        space.set(a);
        const auto [startLoss, startMetric] = evaluate();
        auto start = [&](std::vector<double>& loss, std::vector<double>& metric) {
            loss[0] = startLoss;
            metric[0] = startMetric;
        };
        start(out.loss, out.metric);
        for (GroupAttribution& g : out.groups) {
            start(g.onlyLoss, g.onlyMetric);
            start(g.allButLoss, g.allButMetric);
        }
        auto path = [&](const at::Tensor& end, const std::string& what, std::vector<double>& loss,
                        std::vector<double>& metric) {
            for (size_t k = 1; k < p; ++k) {
                message = "attribution: " + what;
                progress.step(done, total, message);
                space.lerp(a, end, out.alphas[k]);
                std::tie(loss[k], metric[k]) = evaluate();
            }
        };
        path(b, "the line", out.loss, out.metric);
        for (size_t g = 0; g < groups.size(); ++g) {
            GroupAttribution& row = out.groups[g];
            // Where the end equals `a`, lerp gives `a` exactly: the other groups stay put.
            const at::Tensor only = withGroupOf(a, b, groups[g].ranges);
            space.setName(only,
                          paths.firstName + " with " + groups[g].name + " of " + paths.secondName);
            path(only, "only " + groups[g].name + " moves", row.onlyLoss, row.onlyMetric);
            const at::Tensor allBut = withGroupOf(b, a, groups[g].ranges);
            space.setName(allBut,
                          paths.secondName + " with " + groups[g].name + " of " + paths.firstName);
            path(allBut, "all but " + groups[g].name + " move", row.allButLoss, row.allButMetric);
        }
        progress.report(total, total, "attribution done");
        out.complete = true;
    } catch (const Cancelled&) {
        out.complete = false;
    }
    updateAttributionMetrics(out);
    return out;
}

} // namespace bs

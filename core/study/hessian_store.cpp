#include "core/study/hessian_store.h"

#include "core/common/error.h"

#include <cmath>
#include <numeric>
#include <set>

namespace bs {

namespace {

constexpr const char* kRoot = "/hessians";

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

void writeDensity(h5::File& f, const std::string& g, const HessianDensity& d) {
    std::vector<int64_t> lengths;
    std::vector<double> nodes, weights;
    for (size_t r = 0; r < d.nodes.size(); ++r) {
        lengths.push_back(static_cast<int64_t>(d.nodes[r].size()));
        nodes.insert(nodes.end(), d.nodes[r].begin(), d.nodes[r].end());
        weights.insert(weights.end(), d.weights[r].begin(), d.weights[r].end());
    }
    const auto total = static_cast<int64_t>(nodes.size());
    const auto points = static_cast<int64_t>(d.grid.size());
    f.writeAttr(g, "density_sigma", d.sigma);
    f.writeInts(g + "/density_run_lengths", lengths);
    f.writeDoubles(g + "/density_nodes", {total}, nodes.data());
    f.writeDoubles(g + "/density_weights", {total}, weights.data());
    f.writeDoubles(g + "/density_grid", {points}, d.grid.data());
    f.writeDoubles(g + "/density", {points}, d.density.data());
}

HessianDensity readDensity(const h5::File& f, const std::string& g) {
    HessianDensity d;
    d.sigma = f.readDoubleAttr(g, "density_sigma");
    if (!(d.sigma > 0) || !std::isfinite(d.sigma))
        f.fail(g + " attribute 'density_sigma'", "is not a positive number");
    const auto lengths = f.readInts(g + "/density_run_lengths");
    int64_t total = 0;
    for (int64_t n : lengths) {
        if (n < 1)
            f.fail(g + "/density_run_lengths",
                   "holds " + std::to_string(n) + ", expected at least one node per run");
        total += n;
    }
    const auto nodes = f.readDoubles(g + "/density_nodes", {total});
    const auto weights = f.readDoubles(g + "/density_weights", {total});
    size_t at = 0;
    for (int64_t n : lengths) {
        d.nodes.emplace_back(nodes.begin() + at, nodes.begin() + at + n);
        d.weights.emplace_back(weights.begin() + at, weights.begin() + at + n);
        at += static_cast<size_t>(n);
    }
    for (const auto& run : d.weights) {
        const double sum = std::accumulate(run.begin(), run.end(), 0.0);
        // Squared components of a unit vector: they sum to 1 up to rounding.
        if (!(std::abs(sum - 1) < 1e-6))
            f.fail(g + "/density_weights", "of one run sum to " + std::to_string(sum) +
                                               ", expected 1 (quadrature weights)");
    }
    d.grid = f.readDoubles(g + "/density_grid", {-1});
    d.density = f.readDoubles(g + "/density", {static_cast<int64_t>(d.grid.size())});
    return d;
}

} // namespace

void writeHessians(h5::File& f, const Study& study) {
    if (study.hessians.empty())
        return;
    f.createGroup(kRoot, true);
    for (size_t i = 0; i < study.hessians.size(); ++i) {
        const HessianResult& r = study.hessians[i];
        const std::string g = std::string(kRoot) + "/" + std::to_string(i);
        const HessianOptions& o = r.settings;
        f.createGroup(g, true);
        f.writeAttr(g, "model", r.model);
        f.writeAttr(g, "dataset", r.dataset);
        f.writeAttr(g, "top_k", o.topK);
        f.writeAttr(g, "lanczos_steps", o.lanczosSteps);
        f.writeAttr(g, "trace_samples", o.traceSamples);
        if (o.seed > uint64_t(INT64_MAX))
            throw Error("Hessian of " + quoted(r.model) +
                        ": seeds above 2^63 - 1 cannot be stored");
        f.writeAttr(g, "seed", static_cast<int64_t>(o.seed));
        f.writeAttr(g, "batch_size", o.batchSize);
        f.writeAttr(g, "density_runs", o.densityRuns);
        f.writeAttr(g, "density_steps", o.densitySteps);
        f.writeAttr(g, "density_sigma", o.densitySigma);
        f.writeAttr(g, "density_grid", o.densityGrid);
        for (size_t k = 0; k < r.groups.size(); ++k) {
            const HessianGroupValue& v = r.groups[k];
            const std::string p = g + "/" + std::to_string(k);
            const auto top = static_cast<int64_t>(v.value.eigenvalues.size());
            f.createGroup(p);
            f.writeAttr(p, "group", v.group);
            f.writeAttr(p, "parameters", v.value.parameters);
            f.writeAttr(p, "products", v.value.products);
            f.writeAttr(p, "trace", v.value.trace);
            f.writeAttr(p, "trace_standard_error", v.value.traceStandardError);
            f.writeDoubles(p + "/eigenvalues", {top}, v.value.eigenvalues.data());
            f.writeDoubles(p + "/eigenvalue_bounds", {top}, v.value.eigenvalueErrors.data());
            if (!v.value.density.empty())
                writeDensity(f, p, v.value.density);
        }
    }
}

void readHessians(const h5::File& f, Study& study) {
    if (!f.exists(kRoot))
        return;
    for (const std::string& id : f.children(kRoot)) {
        const std::string g = std::string(kRoot) + "/" + id;
        if (!f.isGroup(g))
            f.fail(g, "should be a group holding one model's Hessian");
        HessianResult r;
        r.model = f.readStringAttr(g, "model");
        r.dataset = f.readStringAttr(g, "dataset");
        HessianOptions& o = r.settings;
        const auto positive = [&](const char* name, int64_t least) {
            return f.readIntAttrAtLeast(g, name, least);
        };
        o.topK = positive("top_k", 1);
        o.lanczosSteps = positive("lanczos_steps", 1);
        o.traceSamples = positive("trace_samples", 0);
        o.seed = static_cast<uint64_t>(positive("seed", 0));
        o.batchSize = positive("batch_size", 1);
        o.densityRuns = positive("density_runs", 0);
        o.densitySteps = positive("density_steps", 1);
        o.densitySigma = f.readDoubleAttr(g, "density_sigma");
        if (!(o.densitySigma >= 0) || !std::isfinite(o.densitySigma))
            f.fail(g + " attribute 'density_sigma'", "is not a number >= 0");
        o.densityGrid = positive("density_grid", 2);
        for (const std::string& k : f.children(g)) {
            const std::string p = g + "/" + k;
            HessianGroupValue v;
            v.group = f.readStringAttr(p, "group");
            v.value.parameters = f.readIntAttr(p, "parameters");
            if (v.value.parameters < 1)
                f.fail(p + " attribute 'parameters'",
                       "is " + std::to_string(v.value.parameters) + ", expected a positive count");
            v.value.products = f.readIntAttr(p, "products");
            if (v.value.products < 0)
                f.fail(p + " attribute 'products'", "is negative");
            v.value.trace = f.readDoubleAttr(p, "trace");
            v.value.traceStandardError = f.readDoubleAttr(p, "trace_standard_error");
            v.value.eigenvalues = f.readDoubles(p + "/eigenvalues", {-1});
            const auto top = static_cast<int64_t>(v.value.eigenvalues.size());
            if (top > o.topK)
                f.fail(p + "/eigenvalues",
                       "holds " + std::to_string(top) +
                           " values, more than top_k = " + std::to_string(o.topK));
            v.value.eigenvalueErrors = f.readDoubles(p + "/eigenvalue_bounds", {top});
            for (double bound : v.value.eigenvalueErrors)
                if (!(bound >= 0))
                    f.fail(p + "/eigenvalue_bounds", "holds a negative or NaN bound");
            if (f.exists(p + "/density"))
                v.value.density = readDensity(f, p);
            if (r.find(v.group))
                f.fail(p + " attribute 'group'",
                       "names group " + quoted(v.group) + " a second time in " + g);
            r.groups.push_back(std::move(v));
        }
        if (findHessian(study.hessians, r.model, r.dataset))
            f.fail(g,
                   "is a second Hessian of model " + quoted(r.model) + " on " + quoted(r.dataset));
        study.hessians.push_back(std::move(r));
    }
}

void validateHessians(const Study& study) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const HessianResult& r : study.hessians) {
        const std::string what = "the Hessian of " + quoted(r.model);
        if (study.modelIndex(r.model) < 0)
            throw Error(what + " mentions an unknown model");
        if (study.datasetIndex(r.dataset) < 0)
            throw Error(what + " mentions unknown dataset " + quoted(r.dataset));
        if (!seen.insert({r.model, r.dataset}).second)
            throw Error(what + " on " + quoted(r.dataset) + " appears twice");
        std::set<std::string> groups;
        for (const HessianGroupValue& g : r.groups) {
            if (!groups.insert(g.group).second)
                throw Error(what + " lists group " + quoted(g.group) + " twice");
            if (g.value.eigenvalueErrors.size() != g.value.eigenvalues.size())
                throw Error(what + " (group " + quoted(g.group) + ") has " +
                            std::to_string(g.value.eigenvalues.size()) + " eigenvalues and " +
                            std::to_string(g.value.eigenvalueErrors.size()) + " bounds");
            const HessianDensity& d = g.value.density;
            bool consistent =
                d.nodes.size() == d.weights.size() && d.grid.size() == d.density.size();
            for (size_t k = 0; consistent && k < d.nodes.size(); ++k)
                consistent = d.nodes[k].size() == d.weights[k].size() && !d.nodes[k].empty();
            if (!consistent)
                throw Error(what + " (group " + quoted(g.group) +
                            ") has a density whose nodes, weights and grid disagree in size");
        }
    }
}

} // namespace bs

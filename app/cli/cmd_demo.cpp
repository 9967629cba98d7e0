// basinscope-cli demo: the toy-NLI zoo end to end (study, eval, curves, metrics, clusters).
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/analysis/rand_index.h"
#include "core/analysis/statistics.h"
#include "core/common/error.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "core/zoo/zoo_builder.h"
#include "core/zoo/zoo_study.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

namespace bs::cli {

namespace {

namespace fs = std::filesystem;

// The committed zoo: resources/zoo/toy-nli above the executable (build tree) or
// share/basinscope/zoo/toy-nli (installed), else resources/zoo/toy-nli below the current folder.
fs::path findCommittedZoo() {
    if (const char* env = std::getenv("BASINSCOPE_ZOO"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            for (const fs::path& candidate : {dir / "resources" / "zoo" / "toy-nli",
                                              dir / "share" / "basinscope" / "zoo" / "toy-nli"})
                if (fs::exists(candidate / zoo::kManifestFile))
                    return candidate;
        }
    }
    const fs::path local = fs::path("resources") / "zoo" / "toy-nli";
    if (fs::exists(local / zoo::kManifestFile))
        return local;
    return {};
}

fs::path cacheZoo() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "basinscope" / "toy-nli-zoo";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache" / "basinscope" / "toy-nli-zoo";
    return fs::path("toy-nli-zoo");
}

// The zoo to use: --zoo (built there with the default recipe when absent), the committed
// one, or a cached build.
fs::path prepareZoo(const std::string& given, const CliContext& context, int jobs) {
    fs::path dir = given.empty() ? findCommittedZoo() : fs::path(given);
    if (dir.empty())
        dir = cacheZoo();
    if (fs::exists(dir / zoo::kManifestFile)) {
        const std::vector<std::string> problems = zoo::verifyZoo(dir);
        if (!problems.empty())
            throw Error(dir.string() + ": " + problems.front() +
                        "; regenerate it with `basinscope-cli zoo toy-nli --out " + dir.string() +
                        " --force`");
        if (!context.quiet)
            std::cerr << "zoo: " << dir.string() << " (verified)\n";
        return dir;
    }
    if (!context.quiet)
        std::cerr << "zoo: none at " << dir.string()
                  << "; generating it (about 15 minutes on 2 cores, once)\n";
    ProgressPrinter printer("zoo", context.quiet);
    zoo::ZooBuildOptions build;
    build.recipe = zoo::defaultToyNliRecipe();
    build.out = dir;
    build.jobs = jobs;
    build.command = "basinscope-cli zoo toy-nli --out " + dir.string() + " (run by demo)";
    build.progress = Progress(printer.callback(), interruptToken());
    build.log = [&](const std::string& line) {
        if (!context.quiet) {
            printer.finish();
            std::cerr << line << "\n";
        }
    };
    zoo::ensureZoo(build);
    printer.finish();
    return dir;
}

// A study file found at --out must be the demo study of this zoo with these settings (same
// models and datasets); otherwise resuming would mix studies.
void requireSameStudy(const fs::path& file, const Study& wanted) {
    const Study existing = readStudy(file);
    const auto names = [](const auto& items) {
        std::vector<std::string> out;
        for (const auto& item : items)
            out.push_back(item.name);
        return out;
    };
    bool same = names(existing.models) == names(wanted.models) &&
                names(existing.datasets) == names(wanted.datasets) &&
                existing.points == wanted.points;
    for (size_t i = 0; same && i < wanted.models.size(); ++i)
        same = existing.models[i].path == wanted.models[i].path;
    for (size_t i = 0; same && i < wanted.datasets.size(); ++i)
        same = existing.datasets[i].sampleRows == wanted.datasets[i].sampleRows;
    if (!same)
        throw Error(file.string() + " holds another study (not this zoo's demo with these "
                                    "settings); use --force to replace it or choose another --out");
}

void printContrast(const char* what, const zoo::GroupContrast& g) {
    std::printf("  %-26s within %.4f (max %.4f, %lld pairs)  across %.4f (min %.4f, %lld pairs)\n",
                what, g.within, g.withinMax, static_cast<long long>(g.withinPairs), g.across,
                g.acrossMin, static_cast<long long>(g.acrossPairs));
}

} // namespace

void registerDemoCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string out = "demo.h5";
        std::string zoo;
        int64_t samples = 200;
        int64_t points = 8;
        int jobs = 2;
        bool force = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "demo", "The toy-NLI zoo end to end: study, evaluations, curves, metrics, clusters");
    cmd->add_option("--out", options->out, "Study file to write")->capture_default_str();
    cmd->add_option("--zoo", options->zoo,
                    "Zoo folder (default: the committed resources/zoo; generated when missing)");
    cmd->add_option("--samples", options->samples, "Examples per dataset")
        ->check(CLI::Range(8, 100000))
        ->capture_default_str();
    cmd->add_option("--points", options->points, "Points per curve")
        ->check(CLI::Range(3, 101))
        ->capture_default_str();
    cmd->add_option("--jobs", options->jobs, "Fine-tuning jobs if the zoo must be generated")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    cmd->add_flag("--force", options->force,
                  "Start the study file afresh (by default an existing demo study is resumed)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        const auto start = std::chrono::steady_clock::now();
        const fs::path file = options->out;
        const fs::path zooDir = prepareZoo(options->zoo, context, options->jobs);
        context.applyThreads();

        zoo::DemoStudySettings settings;
        settings.samples = options->samples;
        settings.points = options->points;
        const NewStudyOptions wanted = zoo::demoStudyOptions(zooDir, settings);
        if (fs::exists(file) && options->force)
            fs::remove(file);
        if (!file.parent_path().empty())
            fs::create_directories(file.parent_path());
        if (fs::exists(file)) {
            // An earlier (possibly interrupted) demo: resume it when it is this zoo's study.
            requireSameStudy(file, buildStudy(wanted));
            if (!context.quiet)
                std::cerr << "demo: resuming " << file.string() << " (finished work is kept)\n";
        } else {
            const Study built = buildStudy(wanted);
            StudyLock lock(file, "basinscope-cli demo");
            writeStudy(built, file);
        }
        WritableStudy writable(file, "basinscope-cli demo");
        Study& study = writable.study();
        StudySession session(study, computeOptions(context));
        {
            ProgressPrinter printer("eval", context.quiet);
            evaluateModels(study, session, {}, false, cliHooks(printer.callback(), writable));
        }
        {
            ProgressPrinter printer("curves", context.quiet);
            computeCurves(study, session, allPairs(static_cast<int64_t>(study.models.size())),
                          cliHooks(printer.callback(), writable));
        }
        updateMatrices(study);
        {
            ProgressPrinter printer("distances", context.quiet);
            computeDistances(study, session, cliHooks(printer.callback(), writable));
        }
        study.clusterings.clear();
        for (const char* dataset : {"dev", "dev-swaps"})
            for (const char* matrix : {"cg", "peak_excess"})
                study.clusterings.push_back(zoo::clusterMatrix(study, dataset, matrix));
        writable.save();

        // Summary: regimes from the manifest, accuracies from the study.
        std::map<std::string, std::string> regimeOf;
        const nlohmann::json manifest = zoo::readZooManifest(zooDir);
        for (const auto& m : manifest["models"])
            regimeOf[m["name"].get<std::string>()] = m["regime"].get<std::string>();
        std::vector<int> regime;
        for (const ModelEntry& m : study.models)
            regime.push_back(regimeOf[m.name] == "overlap" ? 1 : 0);
        const ClusteringResult& main = study.clusterings.front();
        std::map<std::string, int64_t> clusterOf;
        std::map<std::string, double> scoreOf;
        for (size_t i = 0; i < main.models.size(); ++i) {
            clusterOf[main.models[i]] = main.labels[i];
            if (!main.score.empty())
                scoreOf[main.models[i]] = main.score[i];
        }
        std::printf("\n%-22s %-8s %7s %9s %7s %7s %8s %8s\n", "model", "regime", "dev", "dev-swaps",
                    "hans", "hans-lo", "cluster", "score");
        std::vector<double> scores, hansAccuracy;
        std::vector<int> clusters, regimes;
        for (size_t i = 0; i < study.models.size(); ++i) {
            const std::string& name = study.models[i].name;
            const auto acc = [&](const char* d) {
                return study.evaluations[d][i].accuracy;
            };
            const bool clustered = clusterOf.count(name) > 0;
            std::printf("%-22s %-8s %7.3f %9.3f %7.3f %7.3f %8s %8.3f\n", name.c_str(),
                        regimeOf[name].c_str(), acc("dev"), acc("dev-swaps"), acc("hans"),
                        acc("hans-lo"), clustered ? std::to_string(clusterOf[name]).c_str() : "-",
                        scoreOf.count(name) ? scoreOf[name] : kNaN);
            if (clustered) {
                clusters.push_back(static_cast<int>(clusterOf[name]));
                regimes.push_back(regime[i]);
                scores.push_back(scoreOf.count(name) ? scoreOf[name] : kNaN);
                hansAccuracy.push_back(acc("hans"));
            }
        }
        std::printf("\nwithin vs across label regimes (median of model pairs):\n");
        for (const char* dataset : {"dev", "dev-swaps"}) {
            const DerivedMatrices& m = study.matrices[dataset];
            printContrast((std::string("CG on ") + dataset).c_str(),
                          zoo::contrastGroups(m.convexityGap, regime));
            printContrast((std::string("peak excess on ") + dataset).c_str(),
                          zoo::contrastGroups(m.peakExcess, regime));
        }
        std::printf("\nclusters (spectral, k=2, delta = median):\n");
        for (const ClusteringResult& c : study.clusterings) {
            std::vector<int> labels, truth;
            for (size_t i = 0; i < c.models.size(); ++i) {
                labels.push_back(static_cast<int>(c.labels[i]));
                truth.push_back(regimeOf[c.models[i]] == "overlap" ? 1 : 0);
            }
            std::printf("  %-26s ARI vs regime %.3f  (%zu models)\n", c.id.c_str(),
                        adjustedRandIndex(labels, truth), c.models.size());
        }
        const Regression r = linearRegression(scores, hansAccuracy);
        const auto spread = [](const std::vector<double>& v) {
            double lo = kNaN, hi = kNaN;
            for (double x : v)
                if (std::isfinite(x)) {
                    lo = std::isfinite(lo) ? std::min(lo, x) : x;
                    hi = std::isfinite(hi) ? std::max(hi, x) : x;
                }
            return hi - lo;
        };
        std::printf("\nPearson r between the %s cluster score and hans accuracy: %.3f "
                    "(p = %.3g, n = %lld)\n",
                    main.id.c_str(), r.r, r.p, static_cast<long long>(r.n));
        if (!std::isfinite(r.r) || !(spread(hansAccuracy) > 0))
            std::printf("  (undefined when every model has the same hans accuracy: range %.3f)\n",
                        spread(hansAccuracy));
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("\nstudy written to %s in %s; open it with: basinscope %s\n",
                    file.string().c_str(), formatDuration(seconds).c_str(), file.string().c_str());
        return 0;
    });
}

} // namespace bs::cli

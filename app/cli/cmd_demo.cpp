// basinscope-cli demo: the demo zoo end to end (study, eval, curves, metrics, clusters, plane).
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/analysis/rand_index.h"
#include "core/analysis/statistics.h"
#include "core/common/error.h"
#include "core/jobs/plane_job.h"
#include "core/study/derived_matrices.h"
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

// The committed zoo: resources/zoo/toy-cue above the executable (build tree) or
// share/basinscope/zoo/toy-cue (installed), else resources/zoo/toy-cue below the current folder.
fs::path findCommittedZoo() {
    if (const char* env = std::getenv("BASINSCOPE_ZOO"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            for (const fs::path& candidate : {dir / "resources" / "zoo" / "toy-cue",
                                              dir / "share" / "basinscope" / "zoo" / "toy-cue"})
                if (fs::exists(candidate / zoo::kManifestFile))
                    return candidate;
        }
    }
    const fs::path local = fs::path("resources") / "zoo" / "toy-cue";
    if (fs::exists(local / zoo::kManifestFile))
        return local;
    return {};
}

fs::path cacheZoo() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "basinscope" / "toy-cue-zoo";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache" / "basinscope" / "toy-cue-zoo";
    return fs::path("toy-cue-zoo");
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
                        "; regenerate it with `basinscope-cli zoo toy-cue --out " + dir.string() +
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
    build.recipe = zoo::defaultZooRecipe();
    build.out = dir;
    build.jobs = jobs;
    build.command = "basinscope-cli zoo toy-cue --out " + dir.string() + " (run by demo)";
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
    std::printf("  %-24s within %.4f (max %.4f, %lld pairs)  across %.4f (min %.4f, %lld pairs)\n",
                what, g.within, g.withinMax, static_cast<long long>(g.withinPairs), g.across,
                g.acrossMin, static_cast<long long>(g.acrossPairs));
}

// The summary a new user reads: per-model accuracies, clusters, and whether the clusters
// of in-domain connectivity line up with behaviour on the diagnostic set.
void printSummary(const Study& study, const nlohmann::json& manifest) {
    std::map<std::string, std::string> regimeOf;
    for (const auto& m : manifest["models"])
        regimeOf[m["name"].get<std::string>()] = m["regime"].get<std::string>();
    const ClusteringResult& main = study.clusterings.front();
    std::map<std::string, int64_t> clusterOf;
    std::map<std::string, double> scoreOf;
    for (size_t i = 0; i < main.models.size(); ++i) {
        clusterOf[main.models[i]] = main.labels[i];
        if (i < main.score.size())
            scoreOf[main.models[i]] = main.score[i];
    }
    const std::vector<int64_t> finals = connectivityModels(study);
    const auto accuracy = [&](const char* dataset, int64_t model) {
        return study.evaluations.at(dataset)[size_t(model)].accuracy;
    };
    std::printf("\n%-20s %-9s %7s %9s %14s %7s %8s %8s\n", "model", "regime", "dev", "dev loss",
                "cue-conflicts", "no-cue", "cluster", "score");
    // Behaviour group: right or wrong on most rows whose cue word lies.
    std::vector<int> behaviour, regime;
    std::vector<double> scores, conflicts;
    for (int64_t i : finals) {
        const std::string& name = study.models[size_t(i)].name;
        const bool clustered = clusterOf.count(name) > 0;
        std::printf("%-20s %-9s %7.3f %9.4f %14.3f %7.3f %8s %8.3f\n", name.c_str(),
                    regimeOf[name].c_str(), accuracy("dev", i),
                    study.evaluations.at("dev")[size_t(i)].loss, accuracy("cue-conflicts", i),
                    accuracy("no-cue", i),
                    clustered ? std::to_string(clusterOf[name]).c_str() : "-",
                    scoreOf.count(name) ? scoreOf[name] : kNaN);
        behaviour.push_back(accuracy("cue-conflicts", i) >= 0.5 ? 1 : 0);
        regime.push_back(regimeOf[name] == "balanced" ? 1 : 0);
        if (clustered) {
            scores.push_back(scoreOf.count(name) ? scoreOf[name] : kNaN);
            conflicts.push_back(accuracy("cue-conflicts", i));
        }
    }
    const Matrix dev = submatrix(study.matrices.at("dev").convexityGap, finals);
    const Matrix devPeak = submatrix(study.matrices.at("dev").peakExcess, finals);
    std::printf("\nbehaviour groups: cue-conflicts accuracy >= 0.5 (%d models) or < 0.5 (%d)\n",
                static_cast<int>(std::count(behaviour.begin(), behaviour.end(), 1)),
                static_cast<int>(std::count(behaviour.begin(), behaviour.end(), 0)));
    std::printf("within vs across behaviour groups (median of model pairs):\n");
    printContrast("CG on dev", zoo::contrastGroups(dev, behaviour));
    printContrast("peak excess on dev", zoo::contrastGroups(devPeak, behaviour));
    std::printf("\nclusters (spectral, k = 2, delta = median off-diagonal value):\n");
    for (const ClusteringResult& c : study.clusterings) {
        std::vector<int> labels, truth, regimes;
        for (size_t i = 0; i < c.models.size(); ++i) {
            labels.push_back(static_cast<int>(c.labels[i]));
            const auto it = std::find_if(finals.begin(), finals.end(), [&](int64_t m) {
                return study.models[size_t(m)].name == c.models[i];
            });
            const size_t k = size_t(it - finals.begin());
            truth.push_back(behaviour[k]);
            regimes.push_back(regime[k]);
        }
        std::printf("  %-24s delta %.4f  ARI vs behaviour %.3f, vs training regime %.3f  (%zu "
                    "models)\n",
                    c.id.c_str(), c.delta, adjustedRandIndex(labels, truth),
                    adjustedRandIndex(labels, regimes), c.models.size());
    }
    const Regression r = linearRegression(scores, conflicts);
    std::printf("\nPearson r between the %s cluster score and cue-conflicts accuracy: %.3f "
                "(p = %.3g, n = %lld)\n",
                main.id.c_str(), r.r, r.p, static_cast<long long>(r.n));
    for (const PlaneResult& plane : study.planes)
        std::printf("plane %s through %s, %s, %s on %s\n", plane.id.c_str(),
                    plane.models[0].c_str(), plane.models[1].c_str(), plane.models[2].c_str(),
                    plane.dataset.c_str());
}

} // namespace

void registerDemoCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string out = "demo.h5";
        std::string zoo;
        int64_t samples = 200;
        int64_t points = 8;
        int64_t planeResolution = 21;
        bool checkpoints = true;
        int jobs = 2;
        bool force = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "demo", "The demo zoo end to end: study, evaluations, curves, metrics, clusters, plane");
    cmd->add_option("--out", options->out, "Study file to write")->capture_default_str();
    cmd->add_option("--zoo", options->zoo,
                    "Zoo folder (default: the committed resources/zoo; generated when missing)");
    cmd->add_option("--samples", options->samples, "Examples per dataset")
        ->check(CLI::Range(8, 100000))
        ->capture_default_str();
    cmd->add_option("--points", options->points, "Points per curve")
        ->check(CLI::Range(3, 101))
        ->capture_default_str();
    cmd->add_option("--plane-resolution", options->planeResolution,
                    "Grid points per axis of the plane across the two basins")
        ->check(CLI::Range(3, 201))
        ->capture_default_str();
    cmd->add_flag("--checkpoints,!--no-checkpoints", options->checkpoints,
                  "Include the runs' last two intermediate checkpoints (training dynamics)")
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
        if (options->checkpoints) {
            // The last two checkpoint steps: with the final models that makes three points per
            // run in the training-dynamics view, at a third of the cost of every checkpoint.
            std::vector<int64_t> steps = zoo::zooCheckpointSteps(zooDir);
            if (steps.size() > 2)
                steps.erase(steps.begin(), steps.end() - 2);
            settings.checkpointSteps = steps;
        }
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
            computeCurves(study, session, zoo::demoPairs(study),
                          cliHooks(printer.callback(), writable));
        }
        updateAllMatrices(study);
        {
            ProgressPrinter printer("distances", context.quiet);
            computeDistances(study, session, cliHooks(printer.callback(), writable));
        }
        // The paper's clustering first (CG of the in-domain loss); the GUI shows the first.
        study.clusterings.clear();
        for (MatrixKind matrix : {MatrixKind::ConvexityGap, MatrixKind::PeakExcess})
            study.clusterings.push_back(zoo::clusterMatrix(study, "dev", matrix));
        writable.save();
        {
            // One plane across the two clusters: what the loss looks like between them.
            PlaneRequest request;
            request.models = zoo::planeAcrossClusters(study, study.clusterings.front(),
                                                      study.matrices.at("dev").convexityGap);
            request.dataset = "dev";
            request.resolution = options->planeResolution;
            const size_t index = findOrAddPlane(study, request);
            ProgressPrinter printer("plane", context.quiet);
            computePlane(study, session, index, cliHooks(printer.callback(), writable));
        }
        writable.save();
        printSummary(study, zoo::readZooManifest(zooDir));
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("\nstudy written to %s in %s; open it with: basinscope %s\n",
                    file.string().c_str(), formatDuration(seconds).c_str(), file.string().c_str());
        return 0;
    });
}

} // namespace bs::cli

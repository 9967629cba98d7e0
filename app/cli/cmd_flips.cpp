// basinscope-cli flips: the examples whose predicted label changes between two models.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/text_output.h"
#include "core/common/error.h"
#include "core/jobs/cluster_job.h"
#include "core/jobs/flip_job.h"
#include "core/study/study_store.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace bs::cli {

namespace {

std::string labelOf(const std::vector<std::string>& names, int64_t label) {
    return label >= 0 && label < static_cast<int64_t>(names.size())
               ? names[static_cast<size_t>(label)]
               : std::to_string(label);
}

// flips --clusters: the majority predictions of clusters 0 and 1 of a (stored or new) clustering.
int compareClusters(const std::string& file, const std::string& clusteringId,
                    const ClusterRequest& request, const std::string& dataset,
                    const std::string& csv, int64_t show, const CliContext& context) {
    const Study study = readStudy(file);
    ClusteringResult clustering;
    if (!clusteringId.empty()) {
        bool found = false;
        for (const ClusteringResult& c : study.clusterings)
            if (c.id == clusteringId) {
                clustering = c;
                found = true;
            }
        if (!found)
            throw Error("no clustering '" + clusteringId + "' in the study");
    } else {
        clustering = clusterModels(study, request);
    }
    std::vector<std::string> first, second;
    for (size_t m = 0; m < clustering.models.size(); ++m)
        (clustering.labels[m] == 0 ? first : second).push_back(clustering.models[m]);
    if (clustering.k != 2)
        throw Error("--clusters compares two clusters; clustering '" + clustering.id + "' has " +
                    std::to_string(clustering.k));
    StudySession session(study, computeOptions(context));
    ProgressPrinter printer("flips", context.quiet);
    const GroupFlipAnalysis a = computeGroupFlips(study, session, first, second, dataset,
                                                  Progress(printer.callback(), interruptToken()));
    printer.finish();
    std::printf("%s, %s: clusters 0 (%zu models) and 1 (%zu models) disagree by majority on %zu "
                "of %lld examples\n",
                clustering.id.c_str(), a.dataset.c_str(), first.size(), second.size(),
                a.disagreements.size(), static_cast<long long>(a.examples));
    const auto shown = std::min<int64_t>(show, static_cast<int64_t>(a.disagreements.size()));
    if (shown > 0)
        std::printf("%6s %-16s %-22s %-22s %s\n", "row", "gold", "cluster 0 (share)",
                    "cluster 1 (share)", "text");
    for (int64_t e = 0; e < shown; ++e) {
        const GroupDisagreement& x = a.disagreements[static_cast<size_t>(e)];
        const std::string text = x.textB.empty() ? x.textA : x.textA + " | " + x.textB;
        char first[64], second[64];
        std::snprintf(first, sizeof first, "%s (%.2f)", labelOf(a.labelNames, x.firstLabel).c_str(),
                      x.firstShare);
        std::snprintf(second, sizeof second, "%s (%.2f)",
                      labelOf(a.labelNames, x.secondLabel).c_str(), x.secondShare);
        std::printf("%6lld %-16s %-22s %-22s %s\n", static_cast<long long>(x.row),
                    labelOf(a.labelNames, x.gold).c_str(), first, second,
                    shortened(text, 60).c_str());
    }
    if (shown > 0)
        std::printf("(%lld listed of %zu; --csv writes all of them with their full text)\n",
                    static_cast<long long>(shown), a.disagreements.size());
    if (!csv.empty())
        writeTextOutput(csv, groupFlipsCsv(a), context.quiet);
    return 0;
}

} // namespace

void registerFlipsCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::string pair;
        FlipRequest request;
        std::string csv;
        int64_t show = 20;
        bool clusters = false;
        std::string clustering;
        ClusterRequest cluster;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "flips", "Examples whose predicted label changes along the line between two models");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--pair", options->pair, "The two models, A,B");
    cmd->add_flag("--clusters", options->clusters,
                  "Instead of a pair: examples whose majority prediction differs between clusters "
                  "0 and 1");
    cmd->add_option("--clustering", options->clustering,
                    "With --clusters: a stored clustering's id (default: cluster now)");
    cmd->add_option("--matrix", options->cluster.matrix, "With --clusters: matrix to cluster on")
        ->capture_default_str();
    cmd->add_option("--dataset", options->request.dataset,
                    "Dataset (default: the first diagnostic dataset)");
    cmd->add_option("--points", options->request.points, "Points (default: the study's)");
    cmd->add_option("--csv", options->csv, "Every flipped example with its text ('-' = stdout)");
    cmd->add_option("--show", options->show, "Examples listed on the terminal")
        ->capture_default_str();
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        if (options->clusters == !options->pair.empty())
            throw Error("name a pair with --pair A,B or compare clusters with --clusters");
        if (options->clusters)
            return compareClusters(options->study, options->clustering, options->cluster,
                                   options->request.dataset, options->csv, options->show, context);
        FlipRequest request = options->request;
        std::tie(request.first, request.second) = parsePairOption(options->pair);
        const Study study = readStudy(options->study);
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("flips", context.quiet);
        FlipAnalysis a =
            computeFlips(study, session, request, Progress(printer.callback(), interruptToken()));
        printer.finish();
        int64_t endsDiffer = 0;
        for (const FlippedExample& x : a.flipped)
            endsDiffer += x.endsDiffer ? 1 : 0;
        std::printf("%s -> %s on %s: %lld of %lld examples change their prediction along the "
                    "line, %lld of them between the two models%s\n",
                    a.first.c_str(), a.second.c_str(), a.dataset.c_str(),
                    static_cast<long long>(a.flipped.size()), static_cast<long long>(a.examples),
                    static_cast<long long>(endsDiffer),
                    a.complete ? "" : " (interrupted: only the points computed count)");
        std::stable_sort(a.flipped.begin(), a.flipped.end(),
                         [](const FlippedExample& x, const FlippedExample& y) {
                             return x.firstFlip < y.firstFlip;
                         });
        auto label = [&](int64_t l) {
            return l >= 0 && l < static_cast<int64_t>(a.labelNames.size())
                       ? a.labelNames[static_cast<size_t>(l)]
                       : std::to_string(l);
        };
        const auto shown = std::min<int64_t>(options->show, static_cast<int64_t>(a.flipped.size()));
        if (shown > 0)
            std::printf("%6s %7s %-16s %-16s %-16s %s\n", "row", "flip at", "gold", "first model",
                        "second model", "text");
        for (int64_t e = 0; e < shown; ++e) {
            const FlippedExample& x = a.flipped[static_cast<size_t>(e)];
            const std::string text = x.textB.empty() ? x.textA : x.textA + " | " + x.textB;
            std::printf("%6lld %7.3f %-16s %-16s %-16s %s\n", static_cast<long long>(x.row),
                        x.firstFlip, label(x.gold).c_str(), label(x.predicted.front()).c_str(),
                        label(x.predicted.back()).c_str(), shortened(text, 60).c_str());
        }
        if (shown < static_cast<int64_t>(a.flipped.size()) || shown > 0)
            std::printf("(%lld listed of %zu; --csv writes all of them with their full text)\n",
                        static_cast<long long>(shown), a.flipped.size());
        if (!options->csv.empty())
            writeTextOutput(options->csv, flipsCsv(a), context.quiet);
        return a.complete ? 0 : 130;
    });
}

} // namespace bs::cli

// basinscope-cli merge: combine `curves --shard` outputs into the study.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "core/jobs/study_merge.h"
#include "core/study/study_store.h"

#include <iostream>

namespace bs::cli {

void registerMergeCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::vector<std::string> shards;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("merge", "Merge shard files into the study");
    cmd->add_option("study", options->study, "Study file to merge into")->required();
    cmd->add_option("shards", options->shards, "Shard files written by curves --shard")->required();
    setCommandBody(*cmd, [options, &context]() {
        WritableStudy writable(options->study, "basinscope-cli merge");
        for (const std::string& shardFile : options->shards) {
            const MergeReport report =
                mergeStudy(writable.study(), readStudy(shardFile), shardFile);
            if (!context.quiet)
                std::cout << shardFile << ": " << report.pairs << " curves, " << report.evaluations
                          << " evaluations, " << report.distances << " distances merged"
                          << (report.conflicts ? ", " + std::to_string(report.conflicts) +
                                                     " differing values kept from the study"
                                               : std::string())
                          << "\n";
        }
        writable.save();
        return 0;
    });
}

} // namespace bs::cli

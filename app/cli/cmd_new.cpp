// basinscope-cli new: create a study from checkpoint folders and datasets.
#include "app/cli/commands.h"
#include "core/common/error.h"
#include "core/jobs/study_builder.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"

#include <filesystem>
#include <iostream>

namespace bs::cli {

void registerNewCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string file;
        std::vector<std::string> models;
        std::string surface;
        std::vector<std::string> diagnostics;
        int64_t samples = 0;
        int64_t points = 10;
        int64_t maxLength = 128;
        std::string modelLabels;
        bool force = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd =
        app.add_subcommand("new", "Create a study: models, a surface dataset, diagnostics");
    cmd->add_option("study", options->file, "Study file to create (.h5)")->required();
    cmd->add_option("--models", options->models,
                    "Checkpoint folders or quoted glob patterns ('runs/mnli-seed*')")
        ->required();
    cmd->add_option("--surface", options->surface,
                    "The in-domain set whose loss surface is explored: NAME=FILE:FORMAT[:options]")
        ->required();
    cmd->add_option("--diagnostic", options->diagnostics,
                    "Diagnostic set(s): NAME=FILE:FORMAT[:filters], e.g. "
                    "hans-lo=heuristics_evaluation_set.txt:hans:heuristic=lexical_overlap");
    cmd->add_option("--samples", options->samples,
                    "Examples per dataset when its spec sets none (0 = all); the first N rows")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--points", options->points, "Points per curve, both ends included")
        ->check(CLI::Range(2, 1001))
        ->capture_default_str();
    cmd->add_option("--max-length", options->maxLength, "Tokens per example after truncation")
        ->check(CLI::Range(2, 100000))
        ->capture_default_str();
    cmd->add_option("--model-labels", options->modelLabels,
                    "Names of the models' labels in id order, when config.json has generic "
                    "LABEL_k names (e.g. entailment,neutral,contradiction)");
    cmd->add_flag("--force", options->force, "Replace an existing study file");
    setCommandBody(*cmd, [options, &context]() {
        const std::filesystem::path file = options->file;
        const std::filesystem::path folder =
            file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
        if (!std::filesystem::is_directory(folder))
            throw Error(file.string() + ": folder " + folder.string() + " does not exist");
        if (std::filesystem::exists(file) && !options->force)
            throw Error(file.string() +
                        " already exists; use `basinscope-cli edit` to change its models or "
                        "datasets (results are kept), or --force to replace it");
        NewStudyOptions study;
        study.models = options->models;
        study.datasets.push_back(parseNamedDatasetSpec(options->surface, DatasetRole::Surface));
        for (const std::string& text : options->diagnostics)
            study.datasets.push_back(parseNamedDatasetSpec(text, DatasetRole::Diagnostic));
        study.samples = options->samples;
        study.points = options->points;
        study.maxLength = options->maxLength;
        study.modelLabelNames = splitList(options->modelLabels);
        const Study built = buildStudy(study);
        if (built.maxLength < options->maxLength)
            std::cerr << "note: --max-length " << options->maxLength << " is more than the models' "
                      << built.maxLength << " positions; the study uses " << built.maxLength
                      << "\n";
        StudyLock lock(file, "basinscope-cli new");
        writeStudy(built, file);
        if (!context.quiet) {
            std::cout << "created " << file.string() << ": " << built.models.size() << " models, "
                      << built.datasets.size() << " datasets, " << built.points
                      << " points per curve\n";
            for (const DatasetEntry& d : built.datasets)
                std::cout << "  " << roleName(d.role) << " " << d.name << ": "
                          << d.sampleRows.size() << " examples (" << d.format << ", "
                          << d.primaryMetric << ")\n";
            std::cout << "next: basinscope-cli eval " << file.string()
                      << " && basinscope-cli curves " << file.string() << "\n";
        }
        return 0;
    });
}

} // namespace bs::cli

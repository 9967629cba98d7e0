// basinscope-cli edit: add or remove models and datasets; computed results are kept.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "core/common/error.h"
#include "core/io/model_config.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/architecture.h"

#include <iostream>

namespace bs::cli {

void registerEditCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::vector<std::string> addModels, removeModels, addDiagnostics, removeDatasets;
        int64_t samples = 0;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "edit", "Add or remove models and diagnostic datasets (computed results are kept)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--add-models", options->addModels, "Checkpoint folders or glob patterns");
    cmd->add_option("--remove-models", options->removeModels, "Model names")->delimiter(',');
    cmd->add_option("--add-diagnostic", options->addDiagnostics, "NAME=FILE:FORMAT[:options]");
    cmd->add_option("--remove-datasets", options->removeDatasets, "Diagnostic dataset names")
        ->delimiter(',');
    cmd->add_option("--samples", options->samples, "Examples of added datasets (0 = all)");
    setCommandBody(*cmd, [options, &context]() {
        WritableStudy writable(options->study, "basinscope-cli edit");
        Study& study = writable.study();

        std::vector<ModelEntry> models;
        for (const ModelEntry& model : study.models) {
            bool removed = false;
            for (const std::string& name : options->removeModels)
                removed |= name == model.name;
            if (!removed)
                models.push_back(model);
        }
        for (const std::string& name : options->removeModels)
            if (study.modelIndex(name) < 0)
                throw Error("no model '" + name + "' in " + options->study);
        if (!options->addModels.empty()) {
            if (study.models.empty())
                throw Error(options->study + " has no models to compare new ones with");
            const ModelConfig reference =
                readModelConfig(std::filesystem::path(study.models.front().path) / "config.json");
            for (const auto& folder : resolveModelFolders(options->addModels)) {
                const ModelConfig config = readModelConfig(folder / "config.json");
                requireSameArchitecture(reference, study.models.front().path, config,
                                        folder.string());
                ModelEntry entry = describeModelFolder(folder);
                entry.family = familyName(config.family);
                entry.parameterCount = study.models.front().parameterCount;
                for (const ModelEntry& existing : models)
                    if (existing.name == entry.name)
                        throw Error("a model named '" + entry.name + "' is already in the study");
                models.push_back(std::move(entry));
            }
        }

        std::vector<DatasetEntry> datasets;
        for (const DatasetEntry& dataset : study.datasets) {
            bool removed = false;
            for (const std::string& name : options->removeDatasets)
                removed |= name == dataset.name;
            if (removed && dataset.role == DatasetRole::Surface)
                throw Error("'" + dataset.name +
                            "' is the surface dataset; create a new study "
                            "to change it");
            if (!removed)
                datasets.push_back(dataset);
        }
        for (const std::string& name : options->removeDatasets)
            if (study.datasetIndex(name) < 0)
                throw Error("no dataset '" + name + "' in " + options->study);
        const std::vector<std::string> labels = studyModelLabels(study);
        for (const std::string& text : options->addDiagnostics) {
            const NamedDatasetSpec named = parseNamedDatasetSpec(text, DatasetRole::Diagnostic);
            for (const DatasetEntry& existing : datasets)
                if (existing.name == named.name)
                    throw Error("a dataset named '" + named.name + "' is already in the study");
            datasets.push_back(makeDatasetEntry(named, options->samples, labels));
        }
        study.setModels(std::move(models));
        study.setDatasets(std::move(datasets));
        writable.save();
        if (!context.quiet)
            std::cout << options->study << ": " << study.models.size() << " models, "
                      << study.datasets.size() << " datasets (computed results kept)\n";
        return 0;
    });
}

} // namespace bs::cli

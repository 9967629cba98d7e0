#include "app/gui/study_edit.h"

#include "core/common/error.h"
#include "core/io/model_config.h"
#include "core/jobs/study_session.h"
#include "core/landscape/architecture.h"

#include <algorithm>

namespace bs::ui {

namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

void applyStudyEdit(Study& study, const StudyEdit& edit, const std::string& file) {
    for (const std::string& name : edit.removeModels)
        if (study.modelIndex(name) < 0)
            throw Error("no model '" + name + "' in " + file);
    for (const std::string& name : edit.removeDatasets)
        if (study.datasetIndex(name) < 0)
            throw Error("no dataset '" + name + "' in " + file);

    std::vector<ModelEntry> models;
    for (const ModelEntry& model : study.models)
        if (!listed(edit.removeModels, model.name))
            models.push_back(model);
    if (!edit.addModelFolders.empty()) {
        if (study.models.empty())
            throw Error(file + " has no models to compare new ones with");
        const ModelEntry& first = study.models.front();
        const ModelConfig reference =
            readModelConfig(std::filesystem::path(first.path) / "config.json");
        for (const auto& folder : resolveModelFolders(edit.addModelFolders)) {
            const ModelConfig config = readModelConfig(folder / "config.json");
            requireSameArchitecture(reference, first.path, config, folder.string());
            ModelEntry entry = describeModelFolder(folder);
            entry.family = familyName(config.family);
            entry.parameterCount = first.parameterCount;
            for (const ModelEntry& existing : models)
                if (existing.name == entry.name)
                    throw Error("a model named '" + entry.name + "' is already in " + file);
            models.push_back(std::move(entry));
        }
    }

    std::vector<DatasetEntry> datasets;
    for (const DatasetEntry& dataset : study.datasets) {
        const bool removed = listed(edit.removeDatasets, dataset.name);
        if (removed && dataset.role == DatasetRole::Surface)
            throw Error("'" + dataset.name +
                        "' is the surface dataset; create a new study to change it");
        if (!removed)
            datasets.push_back(dataset);
    }
    const std::vector<std::string> labels = studyModelLabels(study);
    for (const NamedDatasetSpec& named : edit.addDatasets) {
        for (const DatasetEntry& existing : datasets)
            if (existing.name == named.name)
                throw Error("a dataset named '" + named.name + "' is already in " + file);
        datasets.push_back(makeDatasetEntry(named, edit.samples, labels));
    }
    study.setModels(std::move(models));
    study.setDatasets(std::move(datasets));
}

} // namespace bs::ui

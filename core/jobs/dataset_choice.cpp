#include "core/jobs/dataset_choice.h"

#include "core/common/error.h"
#include "core/study/study.h"

namespace bs {

int64_t chooseDataset(const Study& study, const std::string& name) {
    if (name.empty()) {
        const DatasetEntry* surface = study.surfaceDataset();
        if (!surface)
            throw Error("the study has no surface dataset; name one with --dataset");
        return study.datasetIndex(surface->name);
    }
    const int64_t d = study.datasetIndex(name);
    if (d < 0)
        throw Error("no dataset '" + name + "' in the study");
    return d;
}

} // namespace bs

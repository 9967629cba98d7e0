#pragma once
// The dataset a job works on: the one named, or the study's surface dataset.

#include <cstdint>
#include <string>

namespace bs {

struct Study;

// The index of dataset `name` in the study, or of its surface dataset when `name` is empty.
// Throws bs::Error naming the dataset when there is none such.
int64_t chooseDataset(const Study& study, const std::string& name);

} // namespace bs

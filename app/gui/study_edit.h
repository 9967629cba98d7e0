#pragma once
// Applying a StudyEdit (add/remove models and diagnostic datasets) to a study in memory.

#include "app/gui/job_types.h"

#include <string>

namespace bs::ui {

// Same rules as `basinscope-cli edit`: added models must share the study's architecture,
// names stay unique, the surface dataset cannot be removed; results of what stays are kept.
// Throws bs::Error naming `file` and the offending model or dataset.
void applyStudyEdit(Study& study, const StudyEdit& edit, const std::string& file);

} // namespace bs::ui

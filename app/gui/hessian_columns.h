#pragma once
// The Hessian's columns of the Models table: top eigenvalue and trace per model.

#include "core/jobs/hessian_job.h"
#include "core/study/study.h"
#include "widgets/model_table_model.h"

#include <vector>

namespace bs::ui {

// Appends "Hessian λmax" and "Hessian trace" (whole-model results; NaN for models without
// one): those the study keeps on its surface dataset, replaced by `results` (computed in this
// session, arriving while the job runs) where they have the model. The table is left as it is when neither has any.
void appendHessianColumns(ModelTable& table, const Study& study,
                          const std::vector<ModelHessian>& results);

} // namespace bs::ui

#pragma once
// One numeric column of the models table against another, as the regression scatter draws it.

#include "widgets/cluster_views.h"
#include "widgets/model_table_model.h"

#include <QString>

namespace bs::ui {

// Column `yId` against column `xId` of `table`: one point per model with both values, named
// after the model (the "name" column), coloured by its cluster (the "cluster" column, when the
// table has one), with the least-squares fit of the points (two or more). The titles and axis
// labels are the columns' titles. Unknown or non-numeric columns give no points.
ScatterData columnScatter(const ModelTable& table, const QString& xId, const QString& yId);

} // namespace bs::ui

#include "app/gui/hessian_columns.h"

#include <QCoreApplication>

#include <cmath>

namespace bs::ui {

void appendHessianColumns(ModelTable& table, const Study& study,
                          const std::vector<ModelHessian>& results) {
    ModelColumn top, trace;
    top.id = QStringLiteral("hessian:top");
    trace.id = QStringLiteral("hessian:trace");
    top.numbers.assign(study.models.size(), std::nan(""));
    trace.numbers.assign(study.models.size(), std::nan(""));
    QString dataset;
    bool any = false;
    for (const ModelHessian& r : results) {
        const int64_t m = study.modelIndex(r.model);
        // The table has one row per model: the whole model's Hessian, not a group's block.
        if (m < 0 || !r.group.empty() || r.value.eigenvalues.empty())
            continue;
        top.numbers[size_t(m)] = r.value.eigenvalues.front();
        trace.numbers[size_t(m)] = r.value.trace;
        dataset = QString::fromStdString(r.dataset);
        any = true;
    }
    if (!any)
        return;
    top.title = QCoreApplication::translate("bs::ui::ModelsPanel", "Hessian λmax");
    top.toolTip = QCoreApplication::translate(
                      "bs::ui::ModelsPanel",
                      "Largest eigenvalue of the loss Hessian on %1 (Lanczos); computed by "
                      "Compute Hessian and held in memory, not in the study file")
                      .arg(dataset);
    trace.title = QCoreApplication::translate("bs::ui::ModelsPanel", "Hessian trace");
    trace.toolTip = QCoreApplication::translate(
                        "bs::ui::ModelsPanel",
                        "Trace of the loss Hessian on %1 (Hutchinson's estimate); held in "
                        "memory, not in the study file")
                        .arg(dataset);
    table.columns.push_back(std::move(top));
    table.columns.push_back(std::move(trace));
}

} // namespace bs::ui

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
    const DatasetEntry* surface = study.surfaceDataset();
    QString dataset = surface ? QString::fromStdString(surface->name) : QString();
    bool any = false, stored = false, held = false;
    auto put = [&](int64_t m, const HessianValue& value) {
        top.numbers[size_t(m)] = value.eigenvalues.front();
        trace.numbers[size_t(m)] = value.trace;
        any = true;
    };
    // What the study file keeps (whole-model values on the surface dataset: the table has one
    // row per model, not a group's block) ...
    for (const HessianResult& r : study.hessians) {
        const int64_t m = study.modelIndex(r.model);
        const HessianGroupValue* whole = r.find("");
        if (m < 0 || !surface || r.dataset != surface->name || !whole ||
            whole->value.eigenvalues.empty())
            continue;
        put(m, whole->value);
        stored = true;
    }
    // ... and what was computed in this session, newer, in its place.
    for (const ModelHessian& r : results) {
        const int64_t m = study.modelIndex(r.model);
        if (m < 0 || !r.group.empty() || r.value.eigenvalues.empty())
            continue;
        put(m, r.value);
        dataset = QString::fromStdString(r.dataset);
        held = true;
    }
    if (!any)
        return;
    // Compute Hessian stores each model as it finishes: values computed in this session are in
    // the file too (or will be, while the job runs).
    const QString where =
        held && !stored
            ? QCoreApplication::translate("bs::ui::ModelsPanel",
                                          "stored in the study file as each model finishes")
            : QCoreApplication::translate("bs::ui::ModelsPanel", "stored in the study file");
    top.title = QCoreApplication::translate("bs::ui::ModelsPanel", "Hessian λmax");
    top.toolTip =
        QCoreApplication::translate("bs::ui::ModelsPanel",
                                    "Largest eigenvalue of the loss Hessian on %1 (Lanczos); %2")
            .arg(dataset, where);
    trace.title = QCoreApplication::translate("bs::ui::ModelsPanel", "Hessian trace");
    trace.toolTip =
        QCoreApplication::translate("bs::ui::ModelsPanel",
                                    "Trace of the loss Hessian on %1 (Hutchinson's estimate); %2")
            .arg(dataset, where);
    table.columns.push_back(std::move(top));
    table.columns.push_back(std::move(trace));
}

} // namespace bs::ui

#include "app/gui/pair_choice.h"

#include "core/study/study.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSignalBlocker>

#include <algorithm>

namespace bs::ui {

void fillModelBoxes(const Study& study, QComboBox* first, QComboBox* second) {
    const QString a = first->currentText(), b = second->currentText();
    for (QComboBox* box : {first, second}) {
        const QSignalBlocker block(box);
        box->clear();
        for (const ModelEntry& m : study.models)
            box->addItem(QString::fromStdString(m.name));
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    }
    first->setCurrentIndex(first->findText(a) >= 0 ? first->findText(a) : 0);
    second->setCurrentIndex(second->findText(b) >= 0 ? second->findText(b)
                                                     : std::min(1, second->count() - 1));
}

void fillDatasetBox(const Study& study, QComboBox* box, bool preferDiagnostic) {
    const QString current = box->currentData().toString();
    const QSignalBlocker block(box);
    box->clear();
    int preferred = -1;
    for (const DatasetEntry& d : study.datasets) {
        const QString name = QString::fromStdString(d.name);
        const bool surface = d.role == DatasetRole::Surface;
        box->addItem(
            surface ? QCoreApplication::translate("bs::ui::PairChoice", "%1 (surface)").arg(name)
                    : name,
            name);
        if (preferred < 0 && surface != preferDiagnostic)
            preferred = box->count() - 1;
    }
    const int kept = box->findData(current);
    box->setCurrentIndex(kept >= 0 ? kept : std::max(preferred, 0));
}

void choosePair(const Study& study, QComboBox* first, QComboBox* second, int64_t i, int64_t j) {
    const auto n = int64_t(study.models.size());
    if (i < 0 || j < 0 || i >= n || j >= n)
        return;
    first->setCurrentText(QString::fromStdString(study.models[size_t(i)].name));
    second->setCurrentText(QString::fromStdString(study.models[size_t(j)].name));
}

} // namespace bs::ui

#include "app/gui/pair_choice.h"

#include "app/gui/analysis_job_bar.h"
#include "app/gui/study_document.h"
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

PairChoice::PairChoice(StudyDocument* document, AnalysisJobBar* bar, const QString& title,
                       bool preferDiagnostic)
    : QObject(bar)
    , m_document(document)
    , m_bar(bar)
    , m_preferDiagnostic(preferDiagnostic)
    , m_first(new QComboBox(bar))
    , m_second(new QComboBox(bar))
    , m_dataset(new QComboBox(bar)) {
    bar->addLabel(QCoreApplication::translate("bs::ui::PairChoice", "<b>%1</b> of").arg(title));
    bar->addControl(m_first);
    bar->addLabel(QStringLiteral("→"));
    bar->addControl(m_second);
    bar->addLabel(QCoreApplication::translate("bs::ui::PairChoice", "on"));
    bar->addControl(m_dataset);
    connect(document, &StudyDocument::studyReset, this, &PairChoice::refill);
    refill();
}

void PairChoice::refill() {
    const Study& study = m_document->study();
    fillModelBoxes(study, m_first, m_second);
    fillDatasetBox(study, m_dataset, m_preferDiagnostic);
}

void PairChoice::setPair(int64_t i, int64_t j) {
    choosePair(m_document->study(), m_first, m_second, i, j);
}

void PairChoice::setDataset(const QString& name) {
    const int index = m_dataset->findData(name);
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
}

std::string PairChoice::first() const {
    return m_first->currentText().toStdString();
}

std::string PairChoice::second() const {
    return m_second->currentText().toStdString();
}

std::string PairChoice::dataset() const {
    return m_dataset->currentData().toString().toStdString();
}

bool PairChoice::valid() const {
    if (!first().empty() && first() != second())
        return true;
    m_bar->setStatus(
        QCoreApplication::translate("bs::ui::PairChoice", "Choose two different models."));
    return false;
}

} // namespace bs::ui

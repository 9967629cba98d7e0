#pragma once
// AttributionPanel: which parameter groups carry the barrier of a pair, computed on demand
// and held in memory (never written to the study file).

#include "core/analysis/barrier_attribution.h"
#include "widgets/exportable_view.h"

#include <QMetaType>
#include <QWidget>

class QComboBox;

Q_DECLARE_METATYPE(bs::BarrierAttribution)

namespace bs::ui {

class AnalysisJobBar;
class PairChoice;
class AttributionMap;
class StudyDocument;
class StudyJobHandle;
class StudyJobRunner;

class AttributionPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    AttributionPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent = nullptr);

    AttributionMap* map() const { return m_map; }
    AnalysisJobBar* jobBar() const { return m_bar; }
    // Chooses the pair (model indices of the open study) without computing.
    void setPair(int64_t i, int64_t j);
    // Attributes the barrier of the pair in the background on the chosen dataset; false when
    // no job started (another job runs, or the two models are the same).
    bool attribute(int64_t i, int64_t j);

    QString exportName() const override;
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

private:
    StudyJobHandle* start();

    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    AnalysisJobBar* m_bar;
    PairChoice* m_pair;
    AttributionMap* m_map;
};

} // namespace bs::ui

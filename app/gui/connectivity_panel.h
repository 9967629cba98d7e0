#pragma once
// ConnectivityPanel: the heatmap with its choices (matrix, dataset, axis order).

#include "app/gui/heatmap_intervals.h"
#include "app/gui/study_views.h"
#include "widgets/connectivity_heatmap.h"

#include <QWidget>

class QComboBox;
class QMenu;
class QAction;
class QActionGroup;
class QToolButton;

namespace bs::ui {

class BootstrapRunner;
class Settings;
class StudyDocument;

class ConnectivityPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    ConnectivityPanel(StudyDocument* document, Settings* settings, QWidget* parent = nullptr);

    ConnectivityHeatmap* heatmap() const { return m_heatmap; }
    QComboBox* matrixBox() const { return m_matrixBox; }
    QComboBox* datasetBox() const { return m_datasetBox; }
    QComboBox* sortBox() const { return m_sortBox; }
    // The "Intervals" menu: Bootstrap Intervals… and the choice of what the map shows.
    QToolButton* intervalButton() const { return m_intervalButton; }
    QAction* bootstrapAction() const { return m_bootstrapAction; }
    QActionGroup* intervalChoices() const { return m_intervalChoices; }

    // Where the map's bootstrap intervals come from; until it is set the menu stays hidden.
    void setBootstrap(BootstrapRunner* runner);
    BootstrapRunner* bootstrap() const { return m_bootstrap; }
    // Starts the intervals of the shown dataset in the background; false when none started.
    bool computeIntervals();
    IntervalDisplay intervalDisplay() const;
    void setIntervalDisplay(IntervalDisplay display);

    MatrixKind matrix() const;
    QString dataset() const;
    // Sorts both axes by a models-table column id ("model-order" = the study's order).
    void setSortColumn(const QString& id, bool ascending = true);
    void setMatrix(MatrixKind kind);
    void setDataset(const QString& name);
    void setSelectedPair(int64_t i, int64_t j);

    // The context menu of the map at a widget position of the heatmap (nullptr off the
    // cells): the pair analyses of the pair under it. The caller owns the menu.
    QMenu* pairMenu(const QPoint& position);

    QString exportName() const override;
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override { return m_heatmap->toCsv(); }

signals:
    void pairClicked(int64_t i, int64_t j);
    // From the map's context menu: compute the analysis of pair (i, j).
    void attributeRequested(int64_t i, int64_t j);
    void flipsRequested(int64_t i, int64_t j);
    void curveRequested(int64_t i, int64_t j); // train a curve between the two models
    void statusMessage(const QString& text);

private:
    void rebuild();     // the study changed: choices and data
    void refreshData(); // values only (a pair finished, a choice changed)
    void refreshOrder();
    void refreshColumns(); // model columns came (sharpness, Hessian, a stored clustering)
    void fillSortChoices();
    void saveChoices();
    void updateIntervalChoices();
    // The intervals of the shown matrix and dataset, or nullptr.
    const IntervalMatrices* shownIntervals() const;
    QString hoverText(int64_t i, int64_t j, double value) const;

    StudyDocument* m_document;
    Settings* m_settings;
    ConnectivityHeatmap* m_heatmap;
    QComboBox* m_matrixBox;
    QComboBox* m_datasetBox;
    QComboBox* m_sortBox;
    QToolButton* m_sortDirection;
    QToolButton* m_intervalButton;
    QAction* m_bootstrapAction;
    QActionGroup* m_intervalChoices;
    BootstrapRunner* m_bootstrap = nullptr;
    bool m_updating = false;
};

} // namespace bs::ui

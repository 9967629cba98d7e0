#pragma once
// HessianPanel: the Hessian's columns of the models table (top eigenvalue, trace) against any
// other model column, as the Clusters tab plots ε-sharpness, and the eigenvalue density of the
// selected model.

#include "widgets/exportable_view.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace bs::ui {

class EigenDensityPlot;
class ModelsPanel;
class RegressionScatter;
class StudyDocument;

// Draws what the Models table holds: the scatter's points are the table's values, so they
// follow every change of the table (Compute Hessian, evaluations, another study).
class HessianPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    HessianPanel(StudyDocument* document, ModelsPanel* models, QWidget* parent = nullptr);

    RegressionScatter* scatter() const { return m_scatter; }
    // The density of the first model selected in the table (none selected: of the first model
    // that has one), computed in this session or kept by the study.
    EigenDensityPlot* densityPlot() const { return m_density; }
    // Column ids of the models table: x is a Hessian column, y any numeric column.
    void setColumns(const QString& xId, const QString& yId);
    QString xColumn() const;
    QString yColumn() const;

    QString exportName() const override;
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

private:
    void rebuildChoices(); // the table's columns changed
    void refresh();
    void refreshDensity();

    StudyDocument* m_document;
    ModelsPanel* m_models;
    QComboBox* m_xBox;
    QComboBox* m_yBox;
    RegressionScatter* m_scatter;
    EigenDensityPlot* m_density;
    bool m_updating = false;
};

} // namespace bs::ui

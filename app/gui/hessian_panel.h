#pragma once
// HessianPanel: the Hessian's columns of the models table (top eigenvalue, trace) against any
// other model column, as the Clusters tab plots ε-sharpness.

#include "widgets/exportable_view.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace bs::ui {

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

    StudyDocument* m_document;
    ModelsPanel* m_models;
    QComboBox* m_xBox;
    QComboBox* m_yBox;
    RegressionScatter* m_scatter;
    bool m_updating = false;
};

} // namespace bs::ui

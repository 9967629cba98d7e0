#pragma once
// ModelsPanel: the table of models (metrics, swatches), sortable, with the model selection.

#include "app/gui/model_selection.h"
#include "core/jobs/hessian_job.h"
#include "widgets/exportable_view.h"
#include "widgets/model_table_model.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableView;
class QToolBar;

namespace bs::ui {

class StudyDocument;

class ModelsPanel : public QWidget, public ExportableView, public ModelSelection {
    Q_OBJECT
public:
    explicit ModelsPanel(StudyDocument* document, QWidget* parent = nullptr);

    ModelTableModel* tableModel() const { return m_model; }
    ModelSortProxy* sortProxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QToolBar* toolBar() const { return m_toolBar; }

    // Selected models (study indices), in table order.
    std::vector<int64_t> selectedModels() const override;
    void selectModels(const std::vector<int64_t>& models);

    QString exportName() const override { return QStringLiteral("models"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;
    // A size that shows every row (for headless figure export).
    QSize naturalSize() const;

    // Hessian results shown as columns (held here only: the study file does not store them);
    // forgotten when another study is opened.
    void setHessian(std::vector<ModelHessian> results);
    const std::vector<ModelHessian>& hessian() const { return m_hessian; }

signals:
    void selectionChanged(const std::vector<int64_t>& models);

private:
    void rebuild();
    void refreshValues();
    ModelTable table() const;

    StudyDocument* m_document;
    ModelTableModel* m_model;
    ModelSortProxy* m_proxy;
    QTableView* m_view;
    QToolBar* m_toolBar;
    QLabel* m_summary;
    std::vector<ModelHessian> m_hessian;
    QString m_hessianStudy; // the study file the results belong to
};

} // namespace bs::ui

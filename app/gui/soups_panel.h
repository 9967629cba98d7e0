#pragma once
// SoupsPanel: model soups within and across the basins of the clustering shown in the
// Clusters tab, computed on demand and held in memory (never written to the study file).

#include "core/analysis/model_soup.h"
#include "widgets/exportable_view.h"

#include <QMetaType>
#include <QWidget>

#include <vector>

class QSortFilterProxyModel;
class QTableView;

Q_DECLARE_METATYPE(std::vector<bs::SoupEvaluation>)

namespace bs::ui {

class AnalysisJobBar;
class StudyDocument;
class StudyJobHandle;
class StudyJobRunner;
class SoupTableModel;

class SoupsPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    SoupsPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent = nullptr);

    AnalysisJobBar* jobBar() const { return m_bar; }
    QTableView* view() const { return m_view; }
    SoupTableModel* model() const { return m_model; }
    // Averages each cluster of the shown clustering and as many models across clusters, and
    // evaluates the soups in the background; false when no job started.
    bool computeSoups();

    QString exportName() const override { return QStringLiteral("soups"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

private:
    void describeClustering();
    StudyJobHandle* computeSoupsNow(); // the job bar's start

    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    AnalysisJobBar* m_bar;
    SoupTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QString m_clusteringId; // the clustering the shown soups were made from
};

} // namespace bs::ui

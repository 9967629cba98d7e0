#pragma once
// FlipsPanel: the examples whose prediction changes along the line between two models,
// computed on demand and held in memory (never written to the study file).

#include "core/analysis/flipped_examples.h"
#include "widgets/exportable_view.h"

#include <QMetaType>
#include <QWidget>

class QComboBox;
class QSortFilterProxyModel;
class QTableView;

Q_DECLARE_METATYPE(bs::FlipAnalysis)

namespace bs::ui {

class AnalysisJobBar;
class PairChoice;
class FlipTableModel;
class StudyDocument;
class StudyJobHandle;
class StudyJobRunner;

class FlipsPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    FlipsPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent = nullptr);

    AnalysisJobBar* jobBar() const { return m_bar; }
    QTableView* view() const { return m_view; }
    FlipTableModel* model() const { return m_model; }
    // The table as shown (sorted).
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    // Chooses the pair (model indices of the open study) without computing.
    void setPair(int64_t i, int64_t j);
    // Chooses the dataset whose examples are predicted (by name).
    void setDataset(const QString& name);
    // Finds the flipped examples of the pair in the background; false when no job started.
    bool findFlips(int64_t i, int64_t j);

    QString exportName() const override;
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

signals:
    // Where along the pair's line the examples first flip (for the interpolation view).
    void flipsFound(const QString& first, const QString& second, const std::vector<double>& alphas);

private:
    StudyJobHandle* start();
    void showAnalysis(const FlipAnalysis& analysis);
    QString title() const;

    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    AnalysisJobBar* m_bar;
    PairChoice* m_pair;
    FlipTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
};

} // namespace bs::ui

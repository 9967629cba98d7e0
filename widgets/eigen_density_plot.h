#pragma once
// EigenDensityPlot: the eigenvalue density of a model's loss Hessian (stochastic Lanczos
// quadrature, as PyHessian draws it), with the top eigenvalues marked.

#include "widgets/analysis_plot.h"

#include <vector>

class QCPGraph;

namespace bs::ui {

struct EigenDensityData {
    QString title, emptyText;
    QString densityLabel;              // the density's legend entry, e.g. how it was computed
    std::vector<double> grid, density; // the density on equally spaced eigenvalues
    std::vector<double> eigenvalues;   // the top eigenvalues, marked below the curve
};

// The density on a log axis (its tails span many decades; values below 1e-8 of the peak are
// drawn at that floor, as PyHessian adds 1e-7 before its semilogy), the top eigenvalues as
// diamonds on the floor.
class EigenDensityPlot : public AnalysisPlot {
    Q_OBJECT
public:
    explicit EigenDensityPlot(QWidget* parent = nullptr);
    void setData(EigenDensityData data);
    const EigenDensityData& data() const { return m_data; }
    // The density curve (nullptr without data), for tests.
    QCPGraph* densityGraph() const { return m_density; }

    QString exportName() const override { return QStringLiteral("hessian-density"); }
    // "eigenvalue,density" on the grid, then "top_eigenvalue" rows.
    QString toCsv() const override;

private:
    EigenDensityData m_data;
    QCPGraph* m_density = nullptr;
};

} // namespace bs::ui

// MainWindow::addAnalysisPanels: the analysis tabs and their wiring. Each panel gets the
// document, the job runner and, where it acts on them, the model selection; how one panel's
// request reaches another (a heatmap cell's "attribute" to the Attribution tab, flips marked
// in the interpolation view) is connected here, so that no panel knows the window.

#include "app/gui/attribution_panel.h"
#include "app/gui/bootstrap_runner.h"
#include "app/gui/clusters_panel.h"
#include "app/gui/connectivity_panel.h"
#include "app/gui/curve_runner.h"
#include "app/gui/flips_panel.h"
#include "app/gui/hessian_panel.h"
#include "app/gui/hessian_runner.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/plane_panel.h"
#include "app/gui/soups_panel.h"
#include "app/gui/study_job_runner.h"

#include <QStatusBar>

namespace bs::ui {

void MainWindow::addAnalysisPanels() {
    const auto showStatus = [this](const QString& text) {
        statusBar()->showMessage(text, 5000);
    };

    // Loss planes through three models (or around one), and the clusters.
    auto* planes = new PlanePanel(m_document, m_runner, m_settings);
    addAnalysisPanel(planes, tr("Planes"));
    connect(planes, &PlanePanel::statusMessage, this, showStatus);
    connect(m_models, &ModelsPanel::selectionChanged, planes, &PlanePanel::onSelection);
    auto* clusters = new ClustersPanel(m_document, m_runner, m_models);
    addAnalysisPanel(clusters, tr("Clusters"));
    connect(clusters, &ClustersPanel::statusMessage, this, showStatus);

    // What makes a barrier: computed on demand for a pair or the shown clustering, held in
    // memory by each panel.
    auto* attribution = new AttributionPanel(m_document, m_runner);
    addAnalysisPanel(attribution, tr("Attribution"));
    connect(m_connectivity, &ConnectivityPanel::pairClicked, attribution,
            &AttributionPanel::setPair);
    connect(m_connectivity, &ConnectivityPanel::attributeRequested, attribution,
            [this, attribution](int64_t i, int64_t j) {
                showAnalysisTab(attribution);
                attribution->attribute(i, j);
            });

    auto* flips = new FlipsPanel(m_document, m_runner);
    addAnalysisPanel(flips, tr("Flips"));
    connect(m_connectivity, &ConnectivityPanel::pairClicked, flips, &FlipsPanel::setPair);
    connect(m_connectivity, &ConnectivityPanel::flipsRequested, flips,
            [this, flips](int64_t i, int64_t j) {
                showAnalysisTab(flips);
                flips->findFlips(i, j);
            });
    // The interpolation view marks where the examples flip while it shows that pair.
    connect(flips, &FlipsPanel::flipsFound, m_interpolation, &InterpolationPanel::setFlipMarks);

    addAnalysisPanel(new SoupsPanel(m_document, m_runner), tr("Soups"));

    // Compute Hessian on the models table; its columns and density in the Hessian tab.
    auto* hessian = new HessianRunner(m_document, m_runner, m_models, this);
    connect(hessian, &HessianRunner::statusMessage, this, showStatus);
    // Train Curve… from a pair: the interpolation view draws the trained curves.
    auto* curves = new CurveRunner(m_document, m_runner, this, this);
    connect(m_interpolation, &InterpolationPanel::trainCurveRequested, curves,
            &CurveRunner::requestCurve);
    connect(m_connectivity, &ConnectivityPanel::curveRequested, curves, &CurveRunner::requestCurve);
    connect(curves, &CurveRunner::curvesChanged, m_interpolation,
            &InterpolationPanel::setTrainedCurves);
    connect(curves, &CurveRunner::statusMessage, this,
            [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    addAnalysisPanel(new HessianPanel(m_document, m_models), tr("Hessian"));
    m_connectivity->setBootstrap(new BootstrapRunner(m_document, m_runner, this));
}

} // namespace bs::ui

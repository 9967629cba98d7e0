#pragma once
// CurveRunner: Train Curve… from a pair (the interpolation view, a cell of the connectivity
// map), run as a background study job; the trained curves reach the interpolation view.

#include "app/gui/curve_dialog.h"
#include "app/gui/job_types.h"
#include "app/gui/trained_curve_view.h"

#include <QObject>
#include <QString>

#include <vector>

namespace bs::ui {

class MainWindow;

// Trains a quadratic Bezier curve or a polychain between two models (core/jobs/curve_job.h,
// the CLI's defaults) and evaluates it on every dataset of the study, with progress and cancel
// in the status bar. A finished curve is kept in memory for the open study (one per pair and
// kind: training again replaces it) and drawn by the interpolation view beside the straight
// line, as are the curves the study file keeps (the last per pair and kind); a cancelled
// training keeps nothing new, the earlier curves stay.
class CurveRunner : public QObject {
    Q_OBJECT
public:
    explicit CurveRunner(MainWindow* window);

    // Asks for the settings (the dialog) and starts the training of the pair (model indices).
    void requestCurve(int64_t i, int64_t j);
    // Starts the training without a dialog; false when none started (another job runs, no
    // study is open).
    bool train(const CurveChoice& choice);
    bool running() const { return m_running; }
    // The curves trained in this session for the open study (those the study file keeps are
    // drawn too).
    const std::vector<TrainedCurveView>& curves() const { return m_curves; }
    // The choices the dialog opens with for pair (i, j): the last training's, else the CLI's
    // defaults and the surface dataset's file.
    CurveChoice initialChoice(int64_t i, int64_t j) const;

signals:
    void curveReady(const bs::ui::TrainedCurveView& curve);
    void finished(bs::ui::JobOutcome outcome);

private:
    void onResult(const TrainedCurveView& curve);
    void publish();

    MainWindow* m_window;
    std::vector<TrainedCurveView> m_curves;
    QString m_curvesPath; // the study file the curves belong to
    CurveChoice m_last;   // the last training's choices (empty trainSpec: none yet)
    bool m_running = false;
};

} // namespace bs::ui

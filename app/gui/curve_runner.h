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

class StudyDocument;
class StudyJobRunner;

// Trains a quadratic Bezier curve or a polychain between two models (core/jobs/curve_job.h,
// the CLI's defaults) and evaluates it on every dataset of the study, with progress and cancel
// in the status bar. The curve is stored in the study file as `basinscope-cli curve` stores it
// (its control point kept in "<study>.curves"), and the interpolation view draws the study's
// curves beside the straight line (the last per pair and kind). Cancel during the training
// keeps nothing of it; cancel during the evaluation keeps the trained curve and the points
// done, and the same request continues it.
class CurveRunner : public QObject {
    Q_OBJECT
public:
    // The settings dialog opens over `window`.
    CurveRunner(StudyDocument* document, StudyJobRunner* runner, QWidget* window,
                QObject* parent = nullptr);

    // Asks for the settings (the dialog) and starts the training of the pair (model indices).
    void requestCurve(int64_t i, int64_t j);
    // Starts the training without a dialog; false when none started (another job runs, no
    // study is open).
    bool train(const CurveChoice& choice);
    bool running() const { return m_running; }
    // The curves trained in this session for the open study (as stored in its file).
    const std::vector<TrainedCurveView>& curves() const { return m_curves; }
    // The choices the dialog opens with for pair (i, j): the last training's, else the CLI's
    // defaults and the surface dataset's file.
    CurveChoice initialChoice(int64_t i, int64_t j) const;

signals:
    void curveReady(const bs::ui::TrainedCurveView& curve);
    // The curves the interpolation view should draw (the last per pair and kind).
    void curvesChanged(const std::vector<bs::ui::TrainedCurveView>& curves);
    void statusMessage(const QString& text, int milliseconds);
    void finished(bs::ui::JobOutcome outcome);

private:
    void onResult(const TrainedCurveView& curve);
    void publish();

    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    QWidget* m_window;
    std::vector<TrainedCurveView> m_curves;
    QString m_curvesPath; // the study file the curves belong to
    CurveChoice m_last;   // the last training's choices (empty trainSpec: none yet)
    bool m_running = false;
};

} // namespace bs::ui

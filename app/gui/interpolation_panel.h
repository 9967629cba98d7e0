#pragma once
// InterpolationPanel: curves of the selected pairs, or grouped top-k / bottom-k means.

#include "app/gui/trained_curve_view.h"
#include "core/landscape/pair_schedule.h"
#include "widgets/alpha_marks.h"
#include "widgets/interpolation_plot.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QSpinBox;

namespace bs::ui {

class Settings;
class StudyDocument;

class InterpolationPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    enum class Mode { Pairs, Groups };

    InterpolationPanel(StudyDocument* document, Settings* settings, QWidget* parent = nullptr);

    InterpolationPlot* plot() const { return m_plot; }
    Mode mode() const;
    void setMode(Mode mode);
    // Shows these pairs (switching to pair mode).
    void showPairs(const std::vector<ModelPair>& pairs);
    const std::vector<ModelPair>& pairs() const { return m_pairs; }
    void setGroupColumn(const QString& id);
    void setGroupSize(int k);
    // Where the examples of pair first → second first flip their prediction (the Flips tab's
    // result): marked while the plot shows that pair alone, in either direction.
    void setFlipMarks(const QString& first, const QString& second,
                      const std::vector<double>& firstFlips);

    // Trained curves the view may draw: those between the two models of the one pair shown
    // (either direction) appear beside its straight line, with both barriers.
    void setTrainedCurves(std::vector<TrainedCurveView> curves);
    // The trained curves drawn now, as drawn (from the shown pair's first model).
    const std::vector<TrainedCurveView>& shownCurves() const { return m_shownCurves; }
    QToolButton* trainCurveButton() const { return m_trainButton; }

    QString exportName() const override;
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override { return m_plot->toCsv(); }

signals:
    // Train Curve…: the one pair shown (model indices).
    void trainCurveRequested(int64_t i, int64_t j);

private:
    void rebuild(); // the study changed
    void refresh(); // redraw from the current choices
    void onPairChanged(int64_t i, int64_t j);
    void saveChoices();
    void rebuildDatasetMenu();
    std::vector<AlphaMark> flipMarks() const;

    StudyDocument* m_document;
    Settings* m_settings;
    InterpolationPlot* m_plot;
    QComboBox* m_modeBox;
    QLabel* m_byLabel;
    QComboBox* m_columnBox;
    QLabel* m_kLabel;
    QSpinBox* m_kBox;
    QPushButton* m_datasetButton; // a menu of check boxes
    QToolButton* m_trainButton;
    std::vector<ModelPair> m_pairs;
    std::vector<std::string> m_pairNames; // to keep the pairs when the study is replaced
    QString m_flipFirst, m_flipSecond;
    std::vector<double> m_flipAlphas;
    std::vector<TrainedCurveView> m_trainedCurves, m_shownCurves;
    bool m_updating = false;
};

} // namespace bs::ui

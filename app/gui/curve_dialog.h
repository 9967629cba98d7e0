#pragma once
// CurveDialog: what the Train Curve… action asks before training a curve between two models.

#include <QDialog>

#include <cstdint>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bs {
struct Study;
}

namespace bs::ui {

// The choices of one curve training, as `basinscope-cli curve` takes them (the same defaults).
struct CurveChoice {
    QString first, second; // model names
    QString kind;          // "bezier" or "polychain"
    QString trainSpec;     // FILE:FORMAT[:options] (docs/datasets.md)
    int64_t steps = 0;
    double learningRate = 0;
    int64_t batchSize = 0;
    QString optimizer; // "adam" or "sgd"
    uint64_t seed = 0;

    // The CLI's defaults for everything but the models and the training file.
    static CurveChoice defaults();
};

// The pair, the kind of curve, the training file and the training's settings. accept() checks
// the training file's spec (the error shows in the dialog) and that the models differ.
class CurveDialog : public QDialog {
    Q_OBJECT
public:
    CurveDialog(const Study& study, const CurveChoice& initial, QWidget* parent = nullptr);

    CurveChoice choice() const;
    void setChoice(const CurveChoice& choice);
    void accept() override;
    // The text of the last refused accept ("" when none).
    QString error() const;

private:
    void browse();

    QComboBox* m_first;
    QComboBox* m_second;
    QComboBox* m_kind;
    QLineEdit* m_trainSpec;
    QSpinBox* m_steps;
    QDoubleSpinBox* m_learningRate;
    QSpinBox* m_batch;
    QComboBox* m_optimizer;
    QSpinBox* m_seed;
    QLabel* m_error;
};

} // namespace bs::ui

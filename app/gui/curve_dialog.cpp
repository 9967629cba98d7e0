#include "app/gui/curve_dialog.h"

#include "app/gui/pair_choice.h"
#include "core/common/error.h"
#include "core/data/dataset_spec.h"
#include "core/landscape/curve_training.h"
#include "core/study/study.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace bs::ui {

CurveChoice CurveChoice::defaults() {
    const CurveTrainingOptions core;
    CurveChoice c;
    c.kind = QString::fromLatin1(curveKindName(core.kind));
    c.steps = core.steps;
    c.learningRate = core.learningRate;
    c.batchSize = core.batchSize;
    c.optimizer = QString::fromLatin1(curveOptimizerName(core.optimizer));
    c.seed = core.seed;
    return c;
}

CurveDialog::CurveDialog(const Study& study, const CurveChoice& initial, QWidget* parent)
    : QDialog(parent)
    , m_first(new QComboBox(this))
    , m_second(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_trainSpec(new QLineEdit(this))
    , m_steps(new QSpinBox(this))
    , m_learningRate(new QDoubleSpinBox(this))
    , m_batch(new QSpinBox(this))
    , m_optimizer(new QComboBox(this))
    , m_seed(new QSpinBox(this))
    , m_error(new QLabel(this)) {
    setWindowTitle(tr("Train Curve"));
    fillModelBoxes(study, m_first, m_second);
    m_kind->addItem(tr("Quadratic Bezier curve"), QStringLiteral("bezier"));
    m_kind->addItem(tr("Polychain (two segments)"), QStringLiteral("polychain"));
    m_trainSpec->setPlaceholderText(tr("FILE:FORMAT[:options], e.g. train.tsv:mnli:samples=2000"));
    m_trainSpec->setToolTip(
        tr("The training file as a dataset spec (docs/datasets.md), read with the study's "
           "tokenizer, length and labels. Train on training data: a curve fitted to the data it "
           "is then evaluated on understates the barrier."));
    m_trainSpec->setMinimumWidth(380);
    auto* browse = new QPushButton(tr("Browse…"), this);
    // The file's format is guessed from the surface dataset's (the same task).
    const DatasetEntry* surface = study.surfaceDataset();
    const QString format = surface ? QString::fromStdString(surface->format) : QString();
    connect(browse, &QPushButton::clicked, this, [this, format] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Training File"));
        if (!file.isEmpty())
            m_trainSpec->setText(format.isEmpty() ? file : file + QLatin1Char(':') + format);
    });
    m_steps->setRange(0, 1000000);
    m_steps->setToolTip(tr("Training steps: each samples t ~ U(0, 1) and one batch"));
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(1e-6, 10.0);
    m_learningRate->setSingleStep(1e-4);
    m_batch->setRange(1, 65536);
    m_batch->setToolTip(tr("Training examples per step"));
    m_optimizer->addItem(tr("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(tr("SGD"), QStringLiteral("sgd"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Seed of the sampled t and the batch order: the same seed gives the "
                          "same curve"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));

    auto* pair = new QHBoxLayout;
    pair->addWidget(m_first, 1);
    pair->addWidget(new QLabel(QStringLiteral("→"), this));
    pair->addWidget(m_second, 1);
    auto* file = new QHBoxLayout;
    file->addWidget(m_trainSpec, 1);
    file->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Models"), pair);
    form->addRow(tr("Curve"), m_kind);
    form->addRow(tr("Training file"), file);
    form->addRow(tr("Steps"), m_steps);
    form->addRow(tr("Learning rate"), m_learningRate);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Optimizer"), m_optimizer);
    form->addRow(tr("Seed"), m_seed);
    auto* note = new QLabel(tr("The endpoints stay fixed; only the control point is trained. "
                               "The curve is then evaluated on every dataset of the study."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Train"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &CurveDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CurveDialog::reject);
    setChoice(initial);
}

void CurveDialog::setChoice(const CurveChoice& c) {
    if (m_first->findText(c.first) >= 0)
        m_first->setCurrentIndex(m_first->findText(c.first));
    if (m_second->findText(c.second) >= 0)
        m_second->setCurrentIndex(m_second->findText(c.second));
    m_kind->setCurrentIndex(std::max(m_kind->findData(c.kind), 0));
    m_trainSpec->setText(c.trainSpec);
    m_steps->setValue(int(c.steps));
    m_learningRate->setValue(c.learningRate);
    m_batch->setValue(int(c.batchSize));
    m_optimizer->setCurrentIndex(std::max(m_optimizer->findData(c.optimizer), 0));
    m_seed->setValue(int(std::min<uint64_t>(c.seed, uint64_t(std::numeric_limits<int>::max()))));
}

CurveChoice CurveDialog::choice() const {
    CurveChoice c;
    c.first = m_first->currentText();
    c.second = m_second->currentText();
    c.kind = m_kind->currentData().toString();
    c.trainSpec = m_trainSpec->text().trimmed();
    c.steps = m_steps->value();
    c.learningRate = m_learningRate->value();
    c.batchSize = m_batch->value();
    c.optimizer = m_optimizer->currentData().toString();
    c.seed = uint64_t(m_seed->value());
    return c;
}

QString CurveDialog::error() const {
    return m_error->text();
}

void CurveDialog::accept() {
    const CurveChoice c = choice();
    QString problem;
    if (c.first.isEmpty() || c.first == c.second)
        problem = tr("Choose two different models.");
    else if (c.trainSpec.isEmpty())
        problem = tr("Give a training file (FILE:FORMAT[:options]).");
    else
        try {
            const DatasetSpec spec = parseDatasetSpec(c.trainSpec.toStdString());
            validateDatasetSpec(spec);
            if (!QFileInfo(QString::fromStdString(spec.path.string())).isFile())
                problem = tr("%1 does not exist.").arg(QString::fromStdString(spec.path.string()));
        } catch (const Error& e) {
            problem = QString::fromStdString(e.what());
        }
    m_error->setText(problem);
    if (problem.isEmpty())
        QDialog::accept();
}

} // namespace bs::ui

#include "app/gui/dataset_form.h"

#include "core/common/error.h"
#include "core/data/dataset_spec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bs::ui {

namespace {

// Example filters per format, shown as placeholder text.
QString filterHint(const QString& format) {
    if (format == QLatin1String("hans"))
        return QStringLiteral("heuristic=lexical_overlap,gold_label=non-entailment");
    if (format == QLatin1String("mnli"))
        return QStringLiteral("genre=fiction|travel");
    if (format == QLatin1String("cola"))
        return QStringLiteral("source=gj04");
    return QStringLiteral("column=value|other_value");
}

// Guesses the format from well-known public file names.
QString guessFormat(const QString& path) {
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.startsWith(QLatin1String("heuristics_")))
        return QStringLiteral("hans");
    if (name.startsWith(QLatin1String("dev_matched")) ||
        name.startsWith(QLatin1String("dev_mismatched")))
        return QStringLiteral("mnli");
    if (name.endsWith(QLatin1String(".jsonl")))
        return QStringLiteral("jsonl");
    if (name.endsWith(QLatin1String(".csv")))
        return QStringLiteral("csv");
    if (name.startsWith(QLatin1String("in_domain")) ||
        name.startsWith(QLatin1String("out_of_domain")))
        return QStringLiteral("cola");
    if (name.startsWith(QLatin1String("dev_and_test")))
        return QStringLiteral("paws");
    return {};
}

} // namespace

DatasetForm::DatasetForm(DatasetRole role, QWidget* parent)
    : QWidget(parent)
    , m_role(role)
    , m_name(new QLineEdit(this))
    , m_file(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_filters(new QLineEdit(this))
    , m_columns(new QLineEdit(this))
    , m_labels(new QLineEdit(this))
    , m_samples(new QSpinBox(this))
    , m_random(new QCheckBox(tr("random sample, seed"), this))
    , m_seed(new QSpinBox(this)) {
    for (const std::string& format : datasetFormats())
        m_format->addItem(QString::fromStdString(format));
    m_name->setPlaceholderText(role == DatasetRole::Surface ? QStringLiteral("mnli")
                                                            : QStringLiteral("hans-lo"));
    m_name->setToolTip(tr("Letters, digits, '.', '_' and '-'; names the dataset in views and "
                          "in the file"));
    m_filters->setToolTip(tr("Keep only rows whose columns match: key=value|value,key=value"));
    m_columns->setPlaceholderText(QStringLiteral("text_a=premise,text_b=hypothesis,label=label"));
    m_columns->setToolTip(tr("JSONL/CSV only: which columns hold the texts and the label"));
    m_labels->setPlaceholderText(QStringLiteral("entailment|neutral|contradiction"));
    m_labels->setToolTip(tr("JSONL/CSV only: the label names in id order"));
    m_samples->setRange(0, 100000000);
    m_samples->setSpecialValueText(tr("all rows"));
    m_samples->setToolTip(tr("Examples used (0 = all rows that pass the filters)"));
    m_seed->setRange(0, 1000000);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* sampleRow = new QHBoxLayout;
    sampleRow->addWidget(m_samples);
    sampleRow->addWidget(m_random);
    sampleRow->addWidget(m_seed);
    sampleRow->addStretch(1);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&File:"), fileRow);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Fi&lters:"), m_filters);
    form->addRow(tr("&Columns:"), m_columns);
    form->addRow(tr("La&bels:"), m_labels);
    form->addRow(tr("&Samples:"), sampleRow);

    connect(browse, &QPushButton::clicked, this, &DatasetForm::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &DatasetForm::formatChanged);
    connect(m_random, &QCheckBox::toggled, m_seed, &QWidget::setEnabled);
    for (QLineEdit* edit : {m_name, m_file, m_filters, m_columns, m_labels})
        connect(edit, &QLineEdit::textChanged, this, &DatasetForm::changed);
    m_seed->setEnabled(false);
    formatChanged();
}

void DatasetForm::browse() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a Dataset File"), QFileInfo(m_file->text()).path(),
        tr("Datasets (*.tsv *.txt *.jsonl *.csv);;All files (*)"));
    if (!path.isEmpty())
        setFile(path, guessFormat(path));
}

void DatasetForm::setFile(const QString& path, const QString& format) {
    m_file->setText(path);
    if (!format.isEmpty())
        m_format->setCurrentText(format);
    if (m_name->text().isEmpty()) {
        QString stem = QFileInfo(path).completeBaseName();
        stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
        m_name->setText(format.isEmpty() ? stem : format);
    }
}

void DatasetForm::setName(const QString& name) {
    m_name->setText(name);
}
void DatasetForm::setFilters(const QString& filters) {
    m_filters->setText(filters);
}
void DatasetForm::setSamples(int samples) {
    m_samples->setValue(samples);
}

bool DatasetForm::isFilled() const {
    return !m_file->text().trimmed().isEmpty() && !m_name->text().trimmed().isEmpty();
}

void DatasetForm::formatChanged() {
    const QString format = m_format->currentText();
    const bool mapped = isMappedFormat(format.toStdString());
    m_columns->setEnabled(mapped);
    m_labels->setEnabled(mapped);
    m_filters->setPlaceholderText(filterHint(format));
    emit changed();
}

QString DatasetForm::specText() const {
    QStringList options;
    if (!m_filters->text().trimmed().isEmpty())
        options << m_filters->text().trimmed();
    if (m_columns->isEnabled() && !m_columns->text().trimmed().isEmpty())
        options << m_columns->text().trimmed();
    if (m_labels->isEnabled() && !m_labels->text().trimmed().isEmpty())
        options << QStringLiteral("labels=") + m_labels->text().trimmed();
    if (m_samples->value() > 0)
        options << QStringLiteral("samples=%1").arg(m_samples->value());
    if (m_random->isChecked())
        options << QStringLiteral("sampling=random,seed=%1").arg(m_seed->value());
    QString text = m_name->text().trimmed() + QLatin1Char('=') + m_file->text().trimmed() +
                   QLatin1Char(':') + m_format->currentText();
    if (!options.isEmpty())
        text += QLatin1Char(':') + options.join(QLatin1Char(','));
    return text;
}

NamedDatasetSpec DatasetForm::spec() const {
    NamedDatasetSpec named = parseNamedDatasetSpec(specText().toStdString(), m_role);
    validateDatasetSpec(named.spec);
    if (!isValidGroupName(named.name))
        throw Error("dataset name '" + named.name +
                    "': use letters, digits, '.', '_' and '-' only");
    if (!QFileInfo(QString::fromStdString(named.spec.path.string())).isFile())
        throw Error(named.spec.path.string() + " does not exist");
    return named;
}

DatasetDialog::DatasetDialog(DatasetRole role, QWidget* parent)
    : QDialog(parent)
    , m_form(new DatasetForm(role, this))
    , m_error(new QLabel(this)) {
    setWindowTitle(role == DatasetRole::Surface ? tr("Surface Dataset") : tr("Diagnostic Dataset"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DatasetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DatasetDialog::reject);
    resize(560, sizeHint().height());
}

void DatasetDialog::accept() {
    try {
        m_spec = m_form->spec();
    } catch (const std::exception& e) {
        m_error->setText(QString::fromStdString(e.what()));
        return;
    }
    QDialog::accept();
}

} // namespace bs::ui

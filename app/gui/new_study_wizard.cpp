#include "app/gui/new_study_wizard.h"

#include "app/gui/dataset_form.h"
#include "app/gui/model_folder_list.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <functional>

namespace bs::ui {

namespace {

// A page whose Next button waits for `complete`.
class CheckedPage : public QWizardPage {
public:
    std::function<bool()> complete;
    bool isComplete() const override { return complete ? complete() : true; }
    void changed() { emit completeChanged(); }
};

QLabel* hint(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace

NewStudyWizard::NewStudyWizard(const QString& startFolder, QWidget* parent)
    : QWizard(parent)
    , m_startFolder(startFolder.isEmpty() ? QDir::homePath() : startFolder) {
    setWindowTitle(tr("New Study"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    addPage(modelsPage());
    addPage(surfacePage());
    addPage(diagnosticsPage());
    addPage(curvesPage());
    resize(720, 520);
}

QWizardPage* NewStudyWizard::modelsPage() {
    auto* page = new CheckedPage;
    page->setTitle(tr("Models"));
    page->setSubTitle(tr("Fine-tuned checkpoints of one architecture (Hugging Face folders)."));
    m_models = new ModelFolderList(page);
    m_labels = new QLineEdit(page);
    m_labels->setPlaceholderText(QStringLiteral("entailment, neutral, contradiction"));
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_models, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Model label names:"), m_labels);
    layout->addLayout(form);
    layout->addWidget(hint(tr("Only needed when config.json names the labels LABEL_0, "
                              "LABEL_1, …: give the real names in label-id order."),
                           page));
    page->complete = [this] {
        return m_models->entries().size() >= 2;
    };
    connect(m_models, &ModelFolderList::changed, page, [page] { page->changed(); });
    return page;
}

QWizardPage* NewStudyWizard::surfacePage() {
    auto* page = new CheckedPage;
    page->setTitle(tr("Surface Dataset"));
    page->setSubTitle(tr("The in-domain set whose loss along the interpolation paths defines "
                         "the connectivity (e.g. MNLI dev_matched)."));
    m_surface = new DatasetForm(DatasetRole::Surface, page);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_surface);
    layout->addStretch(1);
    page->complete = [this] {
        return m_surface->isFilled();
    };
    connect(m_surface, &DatasetForm::changed, page, [page] { page->changed(); });
    return page;
}

QWizardPage* NewStudyWizard::diagnosticsPage() {
    auto* page = new QWizardPage;
    page->setTitle(tr("Diagnostic Datasets"));
    page->setSubTitle(tr("Out-of-distribution sets that tell generalisation strategies apart "
                         "(e.g. HANS lexical overlap, non-entailed). Optional."));
    m_diagnostics = new QListWidget(page);
    auto* add = new QPushButton(tr("&Add…"), page);
    auto* remove = new QPushButton(tr("&Remove"), page);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(page);
    layout->addWidget(m_diagnostics, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &NewStudyWizard::addDiagnostic);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_diagnostics->currentRow();
        if (row < 0)
            return;
        delete m_diagnostics->takeItem(row);
        m_diagnosticSpecs.erase(m_diagnosticSpecs.begin() + row);
    });
    return page;
}

void NewStudyWizard::addDiagnostic() {
    DatasetDialog dialog(DatasetRole::Diagnostic, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addDiagnosticSpec(dialog.spec(), dialog.form()->specText());
}

void NewStudyWizard::addDiagnosticSpec(const NamedDatasetSpec& spec, const QString& text) {
    m_diagnosticSpecs.push_back(spec);
    m_diagnostics->addItem(text);
}

QWizardPage* NewStudyWizard::curvesPage() {
    auto* page = new CheckedPage;
    page->setTitle(tr("Curves and File"));
    page->setSubTitle(tr("How finely each interpolation is sampled, and where the study is "
                         "saved (HDF5, saved after every pair)."));
    m_points = new QSpinBox(page);
    m_points->setRange(2, 1001);
    m_points->setValue(10);
    m_points->setToolTip(tr("Points per curve, both ends included (the paper uses 10)"));
    m_maxLength = new QSpinBox(page);
    m_maxLength->setRange(2, 100000);
    m_maxLength->setValue(128);
    m_samples = new QSpinBox(page);
    m_samples->setRange(0, 100000000);
    m_samples->setSpecialValueText(tr("all rows"));
    m_samples->setToolTip(tr("Examples of every dataset that sets no sample count (first N)"));
    m_path = new QLineEdit(QDir(m_startFolder).filePath(QStringLiteral("study.h5")), page);
    auto* browse = new QPushButton(tr("Save As…"), page);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_compute = new QCheckBox(tr("Evaluate the models and compute every curve once created"), page);
    m_compute->setChecked(true);
    auto* form = new QFormLayout(page);
    form->addRow(tr("Points per curve:"), m_points);
    form->addRow(tr("Tokens per example:"), m_maxLength);
    form->addRow(tr("Examples per dataset:"), m_samples);
    form->addRow(tr("Study file:"), pathRow);
    form->addRow(QString(), m_compute);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Study As"), m_path->text(),
                                                          tr("BasinScope studies (*.h5)"));
        if (!path.isEmpty())
            m_path->setText(path.endsWith(QLatin1String(".h5")) ? path : path + ".h5");
    });
    page->complete = [this] {
        return !m_path->text().trimmed().isEmpty();
    };
    connect(m_path, &QLineEdit::textChanged, page, [page] { page->changed(); });
    return page;
}

bool NewStudyWizard::validateCurrentPage() {
    if (currentId() == 1) {
        try {
            m_surface->spec();
        } catch (const std::exception& e) {
            QMessageBox::warning(this, tr("Surface Dataset"), QString::fromStdString(e.what()));
            return false;
        }
    }
    if (currentId() == 3)
        return buildRequest();
    return QWizard::validateCurrentPage();
}

bool NewStudyWizard::buildRequest() {
    const QString path = QFileInfo(m_path->text().trimmed()).absoluteFilePath();
    if (!QFileInfo(path).dir().exists()) {
        QMessageBox::warning(this, tr("Study File"),
                             tr("The folder %1 does not exist.").arg(QFileInfo(path).path()));
        return false;
    }
    if (QFileInfo::exists(path) &&
        QMessageBox::question(this, tr("Study File"),
                              tr("%1 exists. Replace it with the new study?").arg(path)) !=
            QMessageBox::Yes)
        return false;
    NewStudyRequest request;
    request.path = path;
    for (const QString& entry : m_models->entries())
        request.options.models.push_back(entry.toStdString());
    try {
        request.options.datasets.push_back(m_surface->spec());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Surface Dataset"), QString::fromStdString(e.what()));
        return false;
    }
    for (const NamedDatasetSpec& spec : m_diagnosticSpecs)
        request.options.datasets.push_back(spec);
    request.options.samples = m_samples->value();
    request.options.points = m_points->value();
    request.options.maxLength = m_maxLength->value();
    for (const QString& label : m_labels->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!label.trimmed().isEmpty())
            request.options.modelLabelNames.push_back(label.trimmed().toStdString());
    request.computeAfter = m_compute->isChecked();
    m_request = std::move(request);
    return true;
}

} // namespace bs::ui

#pragma once
// NewStudyWizard: models, surface dataset, diagnostics, curve settings and the file to create.

#include "core/jobs/study_builder.h"

#include <QWizard>

class QCheckBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace bs::ui {

class DatasetForm;
class ModelFolderList;

struct NewStudyRequest {
    QString path;
    NewStudyOptions options;
    bool computeAfter = true; // evaluate and compute every curve once created
};

class NewStudyWizard : public QWizard {
    Q_OBJECT
public:
    explicit NewStudyWizard(const QString& startFolder, QWidget* parent = nullptr);

    // Valid after the wizard was accepted.
    const NewStudyRequest& request() const { return m_request; }

    bool validateCurrentPage() override;

    // The fields, for tests that fill the wizard as a user would.
    ModelFolderList* modelList() const { return m_models; }
    QLineEdit* labelsEdit() const { return m_labels; }
    DatasetForm* surfaceForm() const { return m_surface; }
    // Adds a diagnostic dataset as the Add… dialog would.
    void addDiagnosticSpec(const NamedDatasetSpec& spec, const QString& text);
    QSpinBox* pointsBox() const { return m_points; }
    QLineEdit* pathEdit() const { return m_path; }
    QCheckBox* computeBox() const { return m_compute; }

private:
    QWizardPage* modelsPage();
    QWizardPage* surfacePage();
    QWizardPage* diagnosticsPage();
    QWizardPage* curvesPage();
    void addDiagnostic();
    bool buildRequest();

    ModelFolderList* m_models = nullptr;
    QLineEdit* m_labels = nullptr;
    DatasetForm* m_surface = nullptr;
    QListWidget* m_diagnostics = nullptr;
    std::vector<NamedDatasetSpec> m_diagnosticSpecs;
    QSpinBox* m_points = nullptr;
    QSpinBox* m_maxLength = nullptr;
    QSpinBox* m_samples = nullptr;
    QLineEdit* m_path = nullptr;
    QCheckBox* m_compute = nullptr;
    QString m_startFolder;
    NewStudyRequest m_request;
};

} // namespace bs::ui

#pragma once
// DatasetForm / DatasetDialog: choosing a dataset file, its format, filters and sampling.

#include "core/jobs/study_builder.h"

#include <QDialog>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bs::ui {

// The fields of a dataset spec (docs/datasets.md). The spec is built as the CLI's
// NAME=FILE:FORMAT[:options] text and parsed by core, so both accept exactly the same sets.
class DatasetForm : public QWidget {
    Q_OBJECT
public:
    DatasetForm(DatasetRole role, QWidget* parent = nullptr);

    // The dataset as entered; bs::Error with a message for the user when it is not valid.
    NamedDatasetSpec spec() const;
    // The spec text (NAME=FILE:FORMAT[:options]).
    QString specText() const;
    void setFile(const QString& path, const QString& format);
    void setName(const QString& name);
    void setFilters(const QString& filters);
    void setSamples(int samples);
    bool isFilled() const;

signals:
    void changed();

private:
    void browse();
    void formatChanged();

    DatasetRole m_role;
    QLineEdit* m_name;
    QLineEdit* m_file;
    QComboBox* m_format;
    QLineEdit* m_filters;
    QLineEdit* m_columns;
    QLineEdit* m_labels;
    QSpinBox* m_samples;
    QCheckBox* m_random;
    QSpinBox* m_seed;
};

class DatasetDialog : public QDialog {
    Q_OBJECT
public:
    DatasetDialog(DatasetRole role, QWidget* parent = nullptr);
    DatasetForm* form() const { return m_form; }
    NamedDatasetSpec spec() const { return m_spec; }
    void accept() override;

private:
    DatasetForm* m_form;
    QLabel* m_error;
    NamedDatasetSpec m_spec;
};

} // namespace bs::ui

#pragma once
// Model and dataset choices shared by the pair analyses (attribution, flipped examples).

#include <QObject>
#include <QString>

#include <cstdint>
#include <string>

class QComboBox;

namespace bs {
struct Study;
}

namespace bs::ui {

// Fills both boxes with the study's model names, keeping the current choices where the
// models are still there; otherwise the first two models.
void fillModelBoxes(const Study& study, QComboBox* first, QComboBox* second);
// Fills the box with the study's datasets (name as item data), keeping the current one; else
// the first diagnostic dataset (preferDiagnostic) or the surface dataset.
void fillDatasetBox(const Study& study, QComboBox* box, bool preferDiagnostic);
// Chooses models i and j (indices of the study) when both exist.
void choosePair(const Study& study, QComboBox* first, QComboBox* second, int64_t i, int64_t j);

class AnalysisJobBar;
class StudyDocument;

// The pair and dataset a pair analysis runs on: "<title> of [first] → [second] on [dataset]"
// at the front of the analysis's job bar, refilled when another study opens.
class PairChoice : public QObject {
    Q_OBJECT
public:
    PairChoice(StudyDocument* document, AnalysisJobBar* bar, const QString& title,
               bool preferDiagnostic);

    // Chooses models i and j (indices of the study) when both exist.
    void setPair(int64_t i, int64_t j);
    // Chooses the dataset by name when the study has it.
    void setDataset(const QString& name);
    std::string first() const;
    std::string second() const;
    std::string dataset() const;
    // Whether two different models are chosen; if not, the bar says so.
    bool valid() const;

private:
    void refill();

    StudyDocument* m_document;
    AnalysisJobBar* m_bar;
    bool m_preferDiagnostic;
    QComboBox* m_first;
    QComboBox* m_second;
    QComboBox* m_dataset;
};

} // namespace bs::ui

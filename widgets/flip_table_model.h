#pragma once
// FlipTableModel: the flipped examples of a pair as a sortable table.

#include "core/analysis/flipped_examples.h"

#include <QAbstractTableModel>

namespace bs::ui {

// One row per flipped example: data row, first flip alpha, how often the prediction changes,
// gold label, the prediction at alpha = 0 and at alpha = 1, and the text. SortRole gives
// numbers for the numeric columns so that a QSortFilterProxyModel sorts them as numbers.
class FlipTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Row, FirstFlip, Changes, Gold, PredictedFirst, PredictedSecond, Text, Count };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit FlipTableModel(QObject* parent = nullptr);

    void setAnalysis(FlipAnalysis analysis);
    const FlipAnalysis& analysis() const { return m_analysis; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString label(int64_t index) const;

    FlipAnalysis m_analysis;
};

} // namespace bs::ui

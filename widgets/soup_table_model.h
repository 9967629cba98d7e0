#pragma once
// SoupTableModel: model soups (within and across basins) as a sortable table.

#include "core/analysis/model_soup.h"

#include <QAbstractTableModel>

#include <vector>

namespace bs::ui {

// One row per soup: name, kind (within / across), the cluster it is measured against, how
// many ingredients (their names as tool tip), then per dataset the soup's accuracy and the mean accuracy of its ingredients
// (so a soup that beats its own models, or one that falls apart, stands out). SortRole gives
// numbers for the numeric columns.
class SoupTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, Cluster, Models, FirstDataset };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit SoupTableModel(QObject* parent = nullptr);

    void setSoups(std::vector<SoupEvaluation> soups);
    const std::vector<SoupEvaluation>& soups() const { return m_soups; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<SoupEvaluation> m_soups;
    std::vector<std::string> m_datasets; // of the first soup (every soup has the study's)
};

} // namespace bs::ui

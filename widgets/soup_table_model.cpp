#include "widgets/soup_table_model.h"

#include <QStringList>

#include <cmath>
#include <utility>

namespace bs::ui {

SoupTableModel::SoupTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void SoupTableModel::setSoups(std::vector<SoupEvaluation> soups) {
    beginResetModel();
    m_soups = std::move(soups);
    m_datasets = m_soups.empty() ? std::vector<std::string>{} : m_soups.front().datasets;
    endResetModel();
}

int SoupTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_soups.size());
}

int SoupTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstDataset + 2 * int(m_datasets.size());
}

QVariant SoupTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || size_t(index.row()) >= m_soups.size())
        return {};
    const SoupEvaluation& s = m_soups[size_t(index.row())];
    const int column = index.column();
    if (column >= FirstDataset) {
        const size_t d = size_t(column - FirstDataset) / 2;
        const bool ingredients = (column - FirstDataset) % 2 == 1;
        const std::vector<Evaluation>& values = ingredients ? s.ingredientMean : s.evaluations;
        const double v = d < values.size() ? values[d].accuracy : std::nan("");
        if (role == SortRole)
            return v;
        if (role == Qt::DisplayRole)
            return std::isfinite(v) ? QString::number(v, 'f', 4) : QString();
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && column == Models) {
        QStringList names;
        for (const std::string& m : s.models)
            names << QString::fromStdString(m);
        return names.join(QStringLiteral("\n"));
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case Name:
        return QString::fromStdString(s.name);
    case Kind:
        return s.kind == "within"   ? tr("within")
               : s.kind == "across" ? tr("across")
                                    : QString::fromStdString(s.kind);
    case Cluster:
        if (role == SortRole)
            return qlonglong(s.cluster);
        return s.cluster >= 0 ? QString::number(s.cluster) : QString();
    case Models:
        // The count keeps the table narrow enough for the accuracy columns of every dataset;
        // the names are in the tool tip and the CSV.
        if (role == SortRole)
            return qlonglong(s.models.size());
        return s.models.size() == 1 ? tr("1 model") : tr("%1 models").arg(s.models.size());
    default:
        return {};
    }
}

QVariant SoupTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (section >= FirstDataset) {
        const size_t d = size_t(section - FirstDataset) / 2;
        const bool ingredients = (section - FirstDataset) % 2 == 1;
        if (d >= m_datasets.size())
            return {};
        const QString name = QString::fromStdString(m_datasets[d]);
        if (role == Qt::DisplayRole)
            return ingredients ? tr("%1 (models)").arg(name) : tr("%1 soup").arg(name);
        if (role == Qt::ToolTipRole)
            return ingredients ? tr("Mean accuracy of the soup's ingredients on %1").arg(name)
                               : tr("Accuracy of the averaged weights on %1").arg(name);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Soup");
    case Kind:
        return tr("Kind");
    case Cluster:
        return tr("Cluster");
    case Models:
        return tr("Models");
    default:
        return {};
    }
}

} // namespace bs::ui

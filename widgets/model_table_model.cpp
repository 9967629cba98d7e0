#include "widgets/model_table_model.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bs::ui {

QString ModelColumn::text(size_t row) const {
    if (kind == Kind::Text)
        return row < texts.size() ? texts[row] : QString();
    if (row >= numbers.size() || std::isnan(numbers[row]))
        return {};
    if (kind == Kind::Integer)
        return QLocale().toString(qlonglong(std::llround(numbers[row])));
    return QLocale().toString(numbers[row], 'f', decimals);
}

const ModelColumn* ModelTable::column(const QString& id) const {
    for (const ModelColumn& c : columns)
        if (c.id == id)
            return &c;
    return nullptr;
}

ModelTableModel::ModelTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ModelTableModel::setTable(ModelTable table) {
    bool sameShape =
        table.rows() == m_table.rows() && table.columns.size() == m_table.columns.size();
    for (size_t c = 0; sameShape && c < table.columns.size(); ++c)
        sameShape = table.columns[c].id == m_table.columns[c].id &&
                    table.columns[c].title == m_table.columns[c].title;
    if (!sameShape) {
        beginResetModel();
        m_table = std::move(table);
        endResetModel();
        return;
    }
    m_table = std::move(table);
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int ModelTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_table.rows());
}

int ModelTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

QVariant ModelTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const size_t row = size_t(index.row());
    const ModelColumn& column = m_table.columns[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return column.text(row);
    case Qt::DecorationRole:
        if (index.column() == 0 && row < m_table.colors.size())
            return m_table.colors[row];
        return {};
    case Qt::TextAlignmentRole:
        return int(column.numeric() ? Qt::AlignRight | Qt::AlignVCenter
                                    : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column.numeric() && row < column.numbers.size() && std::isnan(column.numbers[row]))
            return tr("not computed yet");
        return {};
    case SortRole:
        if (column.numeric())
            return row < column.numbers.size() ? column.numbers[row] : std::nan("");
        return column.text(row);
    default:
        return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    const ModelColumn& column = m_table.columns[size_t(section)];
    if (role == Qt::DisplayRole)
        return column.title;
    if (role == Qt::ToolTipRole && !column.toolTip.isEmpty())
        return column.toolTip;
    return {};
}

ModelSortProxy::ModelSortProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(ModelTableModel::SortRole);
}

bool ModelSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double) {
        const double x = a.toDouble(), y = b.toDouble();
        const bool xMissing = std::isnan(x), yMissing = std::isnan(y);
        if (xMissing || yMissing) // missing values go last whichever way the view sorts
            return ascending ? (!xMissing && yMissing) : (xMissing && !yMissing);
        if (x != y)
            return x < y;
        return left.row() < right.row();
    }
    const int c = QString::localeAwareCompare(a.toString(), b.toString());
    return c != 0 ? c < 0 : left.row() < right.row();
}

std::vector<int64_t> sortedModelOrder(const ModelColumn& column, bool ascending) {
    const size_t n = column.numeric() ? column.numbers.size() : column.texts.size();
    std::vector<int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    if (column.numeric()) {
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
            const double x = column.numbers[size_t(a)], y = column.numbers[size_t(b)];
            if (std::isnan(x) || std::isnan(y))
                return !std::isnan(x) && std::isnan(y);
            return ascending ? x < y : x > y;
        });
    } else {
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
            const int c =
                QString::localeAwareCompare(column.texts[size_t(a)], column.texts[size_t(b)]);
            return ascending ? c < 0 : c > 0;
        });
    }
    return order;
}

} // namespace bs::ui

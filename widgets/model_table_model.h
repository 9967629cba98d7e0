#pragma once
// ModelTableModel: the models of a study as a sortable table (one row per model).

#include <QAbstractTableModel>
#include <QColor>
#include <QSortFilterProxyModel>
#include <QString>

#include <vector>

namespace bs::ui {

// One column of the models table, with a value per model. Numeric columns keep NaN for
// "not known yet" (shown empty, sorted last).
struct ModelColumn {
    enum class Kind { Text, Number, Integer };
    QString id;    // stable key, e.g. "name", "metric:hans" (settings store it)
    QString title; // header text
    QString toolTip;
    Kind kind = Kind::Number;
    std::vector<QString> texts;  // Kind::Text
    std::vector<double> numbers; // Kind::Number / Kind::Integer
    int decimals = 4;

    bool numeric() const { return kind != Kind::Text; }
    // The display text of row `row` ("" for NaN).
    QString text(size_t row) const;
};

// Everything the table shows; column 0 is conventionally the model name.
struct ModelTable {
    std::vector<QColor> colors; // swatch per model
    std::vector<ModelColumn> columns;
    size_t rows() const { return colors.size(); }
    // The column with this id, or nullptr.
    const ModelColumn* column(const QString& id) const;
};

class ModelTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The raw value behind a cell: double for numeric columns, QString for text.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ModelTableModel(QObject* parent = nullptr);

    // Replaces the table: a reset when rows or columns changed, otherwise dataChanged
    // (keeps the view's selection while results arrive).
    void setTable(ModelTable table);
    const ModelTable& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    ModelTable m_table;
};

// Sorts by SortRole, numbers numerically, with missing values (NaN) last in either order.
class ModelSortProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ModelSortProxy(QObject* parent = nullptr);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

// Model indices sorted by a column (stable; NaN / empty last in either direction).
std::vector<int64_t> sortedModelOrder(const ModelColumn& column, bool ascending);

} // namespace bs::ui

#include "widgets/flip_table_model.h"

#include <utility>

namespace bs::ui {

FlipTableModel::FlipTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void FlipTableModel::setAnalysis(FlipAnalysis analysis) {
    beginResetModel();
    m_analysis = std::move(analysis);
    endResetModel();
}

int FlipTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_analysis.flipped.size());
}

int FlipTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Count;
}

QString FlipTableModel::label(int64_t index) const {
    if (index >= 0 && size_t(index) < m_analysis.labelNames.size())
        return QString::fromStdString(m_analysis.labelNames[size_t(index)]);
    return index < 0 ? QString() : QString::number(index);
}

QVariant FlipTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || size_t(index.row()) >= m_analysis.flipped.size())
        return {};
    const FlippedExample& e = m_analysis.flipped[size_t(index.row())];
    // The prediction at alpha = 1, or at the last point computed (a cancelled job).
    const int64_t last = e.predicted.empty() ? -1 : e.predicted.back();
    const int64_t first = e.predicted.empty() ? -1 : e.predicted.front();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case Row:
            return sort ? QVariant(qlonglong(e.row)) : QVariant(QString::number(e.row));
        case FirstFlip:
            return sort ? QVariant(e.firstFlip) : QVariant(QString::number(e.firstFlip, 'f', 3));
        case Changes:
            return sort ? QVariant(qlonglong(e.changes)) : QVariant(QString::number(e.changes));
        case Gold:
            return label(e.gold);
        case PredictedFirst:
            return label(first);
        case PredictedSecond:
            return label(last);
        case Text: {
            const QString a = QString::fromStdString(e.textA);
            return e.textB.empty() ? a
                                   : a + QStringLiteral(" ‖ ") + QString::fromStdString(e.textB);
        }
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() <= Changes)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Text)
        return QString::fromStdString(e.textB.empty() ? e.textA : e.textA + "\n" + e.textB);
    return {};
}

QVariant FlipTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Row:
            return tr("Row");
        case FirstFlip:
            return tr("First flip α");
        case Changes:
            return tr("Changes");
        case Gold:
            return tr("Gold");
        case PredictedFirst:
            return tr("At α = 0");
        case PredictedSecond:
            return tr("At α = 1");
        case Text:
            return tr("Text");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Row:
            return tr("Data row in the dataset's file (0-based)");
        case FirstFlip:
            return tr("The first α whose prediction differs from the first model's");
        case Changes:
            return tr("How often the prediction changes along the line");
        case PredictedFirst:
            return tr("The first model's prediction");
        case PredictedSecond:
            return tr("The second model's prediction");
        default:
            return {};
        }
    }
    return {};
}

} // namespace bs::ui

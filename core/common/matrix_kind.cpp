#include "core/common/matrix_kind.h"

#include "core/common/error.h"

#include <array>

namespace bs {

namespace {

struct Names {
    MatrixKind kind;
    std::string id;
    std::string fileName;
    std::string displayName;
    std::string shortName;
};

// The only spelling of these names in the program (a test greps the sources for others).
const std::array<Names, 5>& table() {
    static const std::array<Names, 5> names{{
        {MatrixKind::ConvexityGap, "cg", "convexity_gap", "Convexity gap", "CG"},
        {MatrixKind::BarrierHeight, "bh", "barrier_height", "Barrier height", "BH"},
        {MatrixKind::PeakExcess, "peak_excess", "peak_excess", "Peak excess", "peak excess"},
        {MatrixKind::Auc, "auc", "auc", "Area under the curve", "AUC"},
        {MatrixKind::Distance, "distance", "distance", "Parameter distance", "distance"},
    }};
    return names;
}

const Names& namesOf(MatrixKind kind) {
    for (const Names& n : table())
        if (n.kind == kind)
            return n;
    throw Error("matrix kind " + std::to_string(static_cast<int>(kind)) + " has no name");
}

std::string fileNameList() {
    std::string list;
    for (size_t i = 0; i < table().size(); ++i)
        list += (i == 0 ? "" : i + 1 == table().size() ? " or " : ", ") + table()[i].fileName;
    return list;
}

} // namespace

const std::vector<MatrixKind>& allMatrixKinds() {
    static const std::vector<MatrixKind> kinds = [] {
        std::vector<MatrixKind> out;
        for (const Names& n : table())
            out.push_back(n.kind);
        return out;
    }();
    return kinds;
}

const std::string& matrixId(MatrixKind kind) {
    return namesOf(kind).id;
}

const std::string& matrixFileName(MatrixKind kind) {
    return namesOf(kind).fileName;
}

const std::string& matrixDisplayName(MatrixKind kind) {
    return namesOf(kind).displayName;
}

const std::string& matrixShortName(MatrixKind kind) {
    return namesOf(kind).shortName;
}

bool isCurveMatrix(MatrixKind kind) {
    return kind != MatrixKind::Distance;
}

std::optional<MatrixKind> findMatrixId(std::string_view id) {
    for (const Names& n : table())
        if (n.id == id)
            return n.kind;
    return std::nullopt;
}

MatrixKind parseMatrixId(std::string_view id) {
    if (const auto kind = findMatrixId(id))
        return *kind;
    throw Error("unknown matrix '" + std::string(id) + "': use " + matrixIdList());
}

MatrixKind parseMatrixFileName(std::string_view name) {
    for (const Names& n : table())
        if (n.fileName == name)
            return n.kind;
    throw Error("unknown matrix name '" + std::string(name) + "' in the file: expected " +
                fileNameList());
}

std::string matrixIdList(const std::vector<MatrixKind>& kinds) {
    std::string list;
    for (size_t i = 0; i < kinds.size(); ++i)
        list += (i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ") + matrixId(kinds[i]);
    return list;
}

std::vector<std::string> matrixIds(const std::vector<MatrixKind>& kinds) {
    std::vector<std::string> ids;
    for (MatrixKind kind : kinds)
        ids.push_back(matrixId(kind));
    return ids;
}

} // namespace bs

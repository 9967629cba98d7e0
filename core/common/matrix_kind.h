#pragma once
// MatrixKind: the [N, N] matrices a study holds, and the one place their names are spelled.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

// The four matrices derived from each dataset's loss curves, and the parameter distance.
// Enumerators are in menu order (the order every view offers them).
enum class MatrixKind { ConvexityGap, BarrierHeight, PeakExcess, Auc, Distance };

// Every kind, in menu order.
const std::vector<MatrixKind>& allMatrixKinds();

// The short id users type and files record: "cg", "bh", "peak_excess", "auc", "distance".
// It is the CLI's choice, the CSV export's name, the `matrix` attribute of a stored
// clustering and the GUI's saved setting.
const std::string& matrixId(MatrixKind kind);
// The name of the HDF5 dataset: "convexity_gap" (/matrices/<dataset>/convexity_gap), ...,
// "distance" (/distance, the only one not per dataset).
const std::string& matrixFileName(MatrixKind kind);
// What a person reads: "Convexity gap", "Barrier height", ..., "Parameter distance".
const std::string& matrixDisplayName(MatrixKind kind);
// The abbreviation on axes and in tables: "CG", "BH", "peak excess", "AUC", "distance".
const std::string& matrixShortName(MatrixKind kind);

// False for Distance, the one matrix that belongs to no dataset (it is not derived from curves).
bool isCurveMatrix(MatrixKind kind);

// The kind with this id; nullopt when none has it.
std::optional<MatrixKind> findMatrixId(std::string_view id);
// The kind with this id; throws bs::Error naming the unknown id and the known ones.
MatrixKind parseMatrixId(std::string_view id);
// The kind stored under this HDF5 name; throws bs::Error naming it and the known names.
MatrixKind parseMatrixFileName(std::string_view name);

// "cg, bh, peak_excess, auc or distance": the ids of `kinds`, for help texts and errors.
std::string matrixIdList(const std::vector<MatrixKind>& kinds = allMatrixKinds());
// The ids of `kinds`, e.g. for a command line's list of allowed values.
std::vector<std::string> matrixIds(const std::vector<MatrixKind>& kinds = allMatrixKinds());

} // namespace bs

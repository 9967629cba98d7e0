#include "widgets/contour_lines.h"

#include "core/common/error.h"

#include <vtkCellArray.h>
#include <vtkContourFilter.h>
#include <vtkDoubleArray.h>
#include <vtkIdList.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkStripper.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

// The smallest of 1, 2, 2.5, 5 times a power of ten that is >= `raw`, so that the number of
// levels stays at or below the target.
double niceStep(double raw) {
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * power >= raw)
            return m * power;
    return 10.0 * power;
}

// `value` rounded to `digits` significant digits.
double roundSignificant(double value, int digits) {
    if (value == 0 || !std::isfinite(value))
        return value;
    const double scale = std::pow(10.0, digits - 1 - int(std::floor(std::log10(std::abs(value)))));
    return std::round(value * scale) / scale;
}

} // namespace

double IsoLine::length() const {
    double total = 0;
    for (size_t k = 1; k < x.size(); ++k)
        total += std::hypot(x[k] - x[k - 1], y[k] - y[k - 1]);
    return total;
}

std::vector<IsoLine> contourLines(const GridField& field, const std::vector<double>& levels) {
    if (field.nx < 2 || field.ny < 2 || field.values.size() != size_t(field.nx) * size_t(field.ny))
        throw Error("contour grid: need at least 2 x 2 values, got " + std::to_string(field.nx) +
                    " x " + std::to_string(field.ny) + " with " +
                    std::to_string(field.values.size()) + " values");
    if (std::any_of(field.values.begin(), field.values.end(),
                    [](double v) { return !std::isfinite(v); }))
        throw Error("contour grid: every value must be finite");
    if (levels.empty())
        return {};

    vtkNew<vtkImageData> image;
    image->SetDimensions(int(field.nx), int(field.ny), 1);
    image->SetOrigin(field.x0, field.y0, 0.0);
    image->SetSpacing(field.dx, field.dy, 1.0);
    vtkNew<vtkDoubleArray> scalars;
    scalars->SetName("value");
    scalars->SetNumberOfTuples(vtkIdType(field.values.size()));
    // VTK's point order (x fastest, then y) is the grid's row-major order.
    for (size_t k = 0; k < field.values.size(); ++k)
        scalars->SetValue(vtkIdType(k), field.values[k]);
    image->GetPointData()->SetScalars(scalars);

    vtkNew<vtkContourFilter> contour;
    contour->SetInputData(image);
    contour->ComputeScalarsOn();
    contour->ComputeNormalsOff();
    for (size_t k = 0; k < levels.size(); ++k)
        contour->SetValue(int(k), levels[k]);
    vtkNew<vtkStripper> stripper;
    stripper->SetInputConnection(contour->GetOutputPort());
    stripper->JoinContiguousSegmentsOn();
    stripper->Update();

    vtkPolyData* output = stripper->GetOutput();
    vtkDataArray* values = output->GetPointData()->GetScalars();
    vtkCellArray* lines = output->GetLines();
    std::vector<IsoLine> result;
    vtkNew<vtkIdList> ids;
    lines->InitTraversal();
    while (lines->GetNextCell(ids)) {
        if (ids->GetNumberOfIds() < 2)
            continue;
        IsoLine line;
        line.level = values ? values->GetTuple1(ids->GetId(0)) : levels.front();
        for (vtkIdType k = 0; k < ids->GetNumberOfIds(); ++k) {
            double p[3];
            output->GetPoint(ids->GetId(k), p);
            line.x.push_back(p[0]);
            line.y.push_back(p[1]);
        }
        // Snap the level to the requested one (the interpolated scalar carries rounding).
        const auto nearest =
            std::min_element(levels.begin(), levels.end(), [&](double a, double b) {
                return std::abs(a - line.level) < std::abs(b - line.level);
            });
        line.level = *nearest;
        result.push_back(std::move(line));
    }
    return result;
}

std::vector<double> niceLevels(double low, double high, int target, bool logarithmic) {
    std::vector<double> levels;
    if (!std::isfinite(low) || !std::isfinite(high) || high <= low || target < 1)
        return levels;
    if (logarithmic && low > 0) {
        const double a = std::log10(low), b = std::log10(high);
        const double step = (b - a) / double(target + 1);
        for (int k = 1; k <= target; ++k) {
            const double v = roundSignificant(std::pow(10.0, a + step * k), 2);
            if (v > low && v < high && (levels.empty() || v > levels.back()))
                levels.push_back(v);
        }
        return levels;
    }
    const double step = niceStep((high - low) / double(target + 1));
    for (double v = std::floor(low / step) * step + step; v < high - step * 1e-9; v += step)
        if (v > low)
            levels.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    return levels;
}

} // namespace bs::ui

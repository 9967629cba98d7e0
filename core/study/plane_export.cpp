#include "core/study/plane_export.h"

#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/study/study_csv.h"

#include <cmath>
#include <sstream>

namespace bs {

namespace {

double gridX(const PlaneResult& p, int64_t column) {
    return p.xMin + (p.xMax - p.xMin) * double(column) / double(p.resolution - 1);
}
double gridY(const PlaneResult& p, int64_t row) {
    return p.yMin + (p.yMax - p.yMin) * double(row) / double(p.resolution - 1);
}

void requireGrid(const PlaneResult& plane) {
    const size_t cells = static_cast<size_t>(plane.resolution * plane.resolution);
    if (plane.resolution < 2 || plane.loss.size() != cells || plane.metric.size() != cells)
        throw Error("plane " + plane.id + " has no grid to export");
}

std::string number(double value) {
    // VTK's XML reader parses "nan"; keep full precision otherwise.
    if (std::isnan(value))
        return "nan";
    return csvNumber(value);
}

} // namespace

void writePlaneVts(const PlaneResult& plane, const std::filesystem::path& file) {
    requireGrid(plane);
    const int64_t r = plane.resolution;
    std::ostringstream out;
    out << "<?xml version=\"1.0\"?>\n"
        << "<VTKFile type=\"StructuredGrid\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
        << "  <StructuredGrid WholeExtent=\"0 " << r - 1 << " 0 " << r - 1 << " 0 0\">\n"
        << "    <Piece Extent=\"0 " << r - 1 << " 0 " << r - 1 << " 0 0\">\n"
        << "      <PointData Scalars=\"loss\">\n";
    for (const auto* name : {"loss", "metric"}) {
        const auto& values = std::string(name) == "loss" ? plane.loss : plane.metric;
        out << "        <DataArray type=\"Float64\" Name=\"" << name << "\" format=\"ascii\">\n";
        for (int64_t i = 0; i < r * r; ++i)
            out << (i % r == 0 ? "          " : " ") << number(values[static_cast<size_t>(i)])
                << (i % r == r - 1 ? "\n" : "");
        out << "        </DataArray>\n";
    }
    out << "      </PointData>\n      <Points>\n"
        << "        <DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">\n";
    for (int64_t row = 0; row < r; ++row)
        for (int64_t column = 0; column < r; ++column) {
            const double z = plane.loss[static_cast<size_t>(row * r + column)];
            out << "          " << number(gridX(plane, column)) << ' ' << number(gridY(plane, row))
                << ' ' << (std::isnan(z) ? "0" : number(z)) << '\n';
        }
    out << "        </DataArray>\n      </Points>\n    </Piece>\n  </StructuredGrid>\n"
        << "</VTKFile>\n";
    AtomicFile atomic(file);
    const std::string text = out.str();
    atomic.write(text.data(), text.size());
    atomic.commit();
}

std::string planeCsv(const PlaneResult& plane) {
    requireGrid(plane);
    std::ostringstream out;
    out << "point,x,y,loss,metric\n";
    const int64_t r = plane.resolution;
    for (int64_t row = 0; row < r; ++row)
        for (int64_t column = 0; column < r; ++column) {
            const size_t i = static_cast<size_t>(row * r + column);
            out << "grid," << csvNumber(gridX(plane, column)) << ',' << csvNumber(gridY(plane, row))
                << ',' << csvNumber(plane.loss[i]) << ',' << csvNumber(plane.metric[i]) << '\n';
        }
    // A direction surface names its centre only.
    for (size_t m = 0; m < planeModels(plane).size() && m < plane.modelX.size(); ++m)
        out << csvField("model:" + plane.models[m]) << ',' << csvNumber(plane.modelX[m]) << ','
            << csvNumber(plane.modelY[m]) << ','
            << (m < plane.modelLoss.size() ? csvNumber(plane.modelLoss[m]) : std::string()) << ','
            << (m < plane.modelMetric.size() ? csvNumber(plane.modelMetric[m]) : std::string())
            << '\n';
    // A trajectory's checkpoints lie off the plane in general: their projections, no values.
    if (plane.trajectory)
        for (size_t c = 0; c < plane.trajectory->models.size(); ++c)
            out << csvField("checkpoint:" + plane.trajectory->models[c]) << ','
                << csvNumber(plane.trajectory->x[c]) << ',' << csvNumber(plane.trajectory->y[c])
                << ",,\n";
    return out.str();
}

} // namespace bs

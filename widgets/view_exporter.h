#pragma once
// Rendering any ExportableView to PNG, SVG or PDF at a chosen pixel size and DPI.

#include <QSize>
#include <QString>

namespace bs::ui {

class ExportableView;

enum class ExportFormat { Png, Svg, Pdf, Csv };

// The output's size in pixels and its resolution. Fonts keep their point size, so a higher
// DPI at the same pixel size makes text larger relative to the figure, exactly as printing a
// figure of (pixels / dpi) inches would. The PDF and SVG are vector files of that physical
// size; the PNG has exactly `pixelSize` pixels and records the DPI.
struct ExportOptions {
    QSize pixelSize{1600, 1000};
    int dpi = 144;
};

// "png", "svg", "pdf", "csv" from a file name's suffix (case-insensitive); Png when unknown.
ExportFormat exportFormatForPath(const QString& path);
QString exportFormatSuffix(ExportFormat format);

// Writes `view` to `path` in the format its suffix names (CSV writes the view's data).
// Returns an empty string on success, else a message naming the file and the reason.
QString exportView(ExportableView& view, const QString& path, const ExportOptions& options);

// The logical (96 dpi) size the view is laid out at for these options.
QSize exportLayoutSize(const ExportOptions& options);

} // namespace bs::ui

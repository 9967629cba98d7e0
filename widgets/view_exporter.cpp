#include "widgets/view_exporter.h"

#include "widgets/exportable_view.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

constexpr double kLogicalDpi = 96.0;

// The translation context of this file's messages (lupdate reads the macro).
struct ViewExporter {
    Q_DECLARE_TR_FUNCTIONS(bs::ui::ViewExporter)
};

int dotsPerMeter(double dpi) {
    return int(std::lround(dpi / 0.0254));
}

QString writePng(ExportableView& view, const QString& path, const ExportOptions& options) {
    const QSize layout = exportLayoutSize(options);
    QImage image(options.pixelSize, QImage::Format_ARGB32_Premultiplied);
    // Fonts resolve against the device DPI: lay out at 96 dpi, then scale the painter so that
    // a point is dpi/72 pixels in the file.
    image.setDotsPerMeterX(dotsPerMeter(kLogicalDpi));
    image.setDotsPerMeterY(dotsPerMeter(kLogicalDpi));
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.scale(double(options.pixelSize.width()) / layout.width(),
                      double(options.pixelSize.height()) / layout.height());
        view.renderTo(painter, layout);
    }
    image.setDotsPerMeterX(dotsPerMeter(options.dpi));
    image.setDotsPerMeterY(dotsPerMeter(options.dpi));
    if (!image.save(path, "PNG"))
        return ViewExporter::tr("Could not write %1: the folder is missing or not writable.")
            .arg(path);
    return {};
}

QString writeSvg(ExportableView& view, const QString& path, const ExportOptions& options) {
    const QSize layout = exportLayoutSize(options);
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(layout);
    generator.setViewBox(QRect(QPoint(0, 0), layout));
    generator.setResolution(int(kLogicalDpi));
    generator.setTitle(view.exportName());
    generator.setDescription(ViewExporter::tr("Exported by BasinScope"));
    {
        QCPPainter painter;
        if (!painter.begin(&generator))
            return ViewExporter::tr("Could not write %1: the folder is missing or not writable.")
                .arg(path);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.fillRect(QRect(QPoint(0, 0), layout), Qt::white);
        view.renderTo(painter, layout);
        painter.end();
    }
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0)
        return ViewExporter::tr("Could not write %1: the folder is missing or not writable.")
            .arg(path);
    return {};
}

QString writePdf(ExportableView& view, const QString& path, const ExportOptions& options) {
    const QSize layout = exportLayoutSize(options);
    QPdfWriter writer(path);
    writer.setResolution(int(kLogicalDpi));
    writer.setCreator(QStringLiteral("BasinScope"));
    writer.setTitle(view.exportName());
    const QSizeF inches(layout.width() / kLogicalDpi, layout.height() / kLogicalDpi);
    writer.setPageSize(QPageSize(inches, QPageSize::Inch, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QCPPainter painter;
    if (!painter.begin(&writer))
        return ViewExporter::tr("Could not write %1: the folder is missing or not writable.")
            .arg(path);
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    // The page may be a fraction of a unit off the layout size after rounding to points.
    const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
    painter.scale(double(page.width()) / layout.width(), double(page.height()) / layout.height());
    view.renderTo(painter, layout);
    painter.end();
    return {};
}

QString writeCsv(ExportableView& view, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ViewExporter::tr("Could not write %1: %2").arg(path, file.errorString());
    file.write(view.toCsv().toUtf8());
    if (!file.commit())
        return ViewExporter::tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace

ExportFormat exportFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (suffix == QLatin1String("csv"))
        return ExportFormat::Csv;
    return ExportFormat::Png;
}

QString exportFormatSuffix(ExportFormat format) {
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    }
    return QStringLiteral("png");
}

QSize exportLayoutSize(const ExportOptions& options) {
    const double dpi = std::max(options.dpi, 1);
    const double f = kLogicalDpi / dpi;
    return QSize(std::max(1, int(std::lround(options.pixelSize.width() * f))),
                 std::max(1, int(std::lround(options.pixelSize.height() * f))));
}

QString exportView(ExportableView& view, const QString& path, const ExportOptions& options) {
    if (options.pixelSize.width() < 16 || options.pixelSize.height() < 16 ||
        options.pixelSize.width() > 20000 || options.pixelSize.height() > 20000)
        return ViewExporter::tr(
                   "Export size %1 x %2 px is out of range (16 to 20000 pixels per side).")
            .arg(options.pixelSize.width())
            .arg(options.pixelSize.height());
    if (options.dpi < 24 || options.dpi > 2400)
        return ViewExporter::tr("Export resolution %1 dpi is out of range (24 to 2400).")
            .arg(options.dpi);
    const QFileInfo info(path);
    if (!info.dir().exists())
        return ViewExporter::tr("Could not write %1: the folder %2 does not exist.")
            .arg(path, info.dir().path());
    switch (exportFormatForPath(path)) {
    case ExportFormat::Png:
        return writePng(view, path, options);
    case ExportFormat::Svg:
        return writeSvg(view, path, options);
    case ExportFormat::Pdf:
        return writePdf(view, path, options);
    case ExportFormat::Csv:
        return writeCsv(view, path);
    }
    return {};
}

} // namespace bs::ui

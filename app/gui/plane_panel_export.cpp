// PlanePanel's exports: the shown view as PNG/SVG/PDF, the grid as VTK or CSV, and the
// File menu's dialog for them.

#include "app/gui/plane_panel.h"

#include "app/gui/settings.h"
#include "core/study/plane_export.h"
#include "widgets/plane_contour_view.h"
#include "widgets/plane_surface_view.h"
#include "widgets/view_exporter.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QSaveFile>
#include <QTabWidget>
#include <qcustomplot.h>

namespace bs::ui {

QString PlanePanel::exportName() const {
    return m_tabs->currentIndex() == 1 && m_surface ? m_surface->exportName()
                                                    : m_contour->exportName();
}

void PlanePanel::renderTo(QCPPainter& painter, const QSize& size) {
    if (m_tabs->currentIndex() == 1 && m_surface)
        m_surface->renderTo(painter, size);
    else
        m_contour->renderTo(painter, size);
}

QString PlanePanel::toCsv() const {
    return m_contour->toCsv();
}

QString PlanePanel::exportImage(const QString& path, const ExportOptions& options) {
    if (m_tabs->currentIndex() == 1) {
        if (exportFormatForPath(path) != ExportFormat::Png)
            return tr("The 3D view exports as PNG only: %1").arg(path);
        if (!m_surface)
            return tr("The 3D view needs OpenGL, which this display does not offer.");
        const QImage image = m_surface->image();
        if (image.isNull() || !image.save(path, "PNG"))
            return tr("Could not write %1.").arg(path);
        return {};
    }
    return exportView(*m_contour, path, options);
}

QString PlanePanel::exportGridVts(const QString& path) const {
    if (m_plane.resolution <= 0)
        return tr("No plane to export.");
    try {
        writePlaneVts(m_plane, path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString PlanePanel::exportGridCsv(const QString& path) const {
    if (m_plane.resolution <= 0)
        return tr("No plane to export.");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return tr("Could not write %1: %2").arg(path, file.errorString());
    file.write(QByteArray::fromStdString(planeCsv(m_plane)));
    if (!file.commit())
        return tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

void PlanePanel::exportWithDialog(int what) {
    if (m_plane.resolution <= 0)
        return;
    const QString base =
        QDir(m_settings->lastDirectory())
            .filePath(QString::fromStdString(m_plane.id.empty() ? "plane" : m_plane.id));
    QString filter, suffix;
    if (what == 0) {
        filter = m_tabs->currentIndex() == 1 ? tr("PNG image (*.png)")
                                             : tr("PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)");
        suffix = QStringLiteral(".png");
    } else if (what == 1) {
        filter = tr("VTK structured grid (*.vts)");
        suffix = QStringLiteral(".vts");
    } else {
        filter = tr("CSV (*.csv)");
        suffix = QStringLiteral(".csv");
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Plane"), base + suffix, filter);
    if (path.isEmpty())
        return;
    const QString error = what == 0   ? exportImage(path)
                          : what == 1 ? exportGridVts(path)
                                      : exportGridCsv(path);
    m_status->setText(error.isEmpty() ? tr("Wrote %1").arg(QDir::toNativeSeparators(path)) : error);
}

} // namespace bs::ui

#include "app/gui/figure_export.h"

#include "app/gui/connectivity_panel.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/models_panel.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "app/gui/study_loader.h"
#include "app/gui/study_views.h"
#include "widgets/plane_contour_view.h"
#include "widgets/view_exporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>

namespace bs::ui {

namespace {

// The translation context of this file's messages (lupdate reads the macro).
struct FigureExport {
    Q_DECLARE_TR_FUNCTIONS(bs::ui::FigureExport)
};

// Writes `view` as NAME.png and NAME.pdf; false (with `error`) on the first failure.
bool writeBoth(ExportableView& view, const QDir& dir, const QString& name,
               const ExportOptions& options, QStringList& written, QString* error) {
    for (const char* suffix : {"png", "pdf"}) {
        const QString path = dir.filePath(name + QLatin1Char('.') + suffix);
        const QString message = exportView(view, path, options);
        if (!message.isEmpty()) {
            *error = message;
            return false;
        }
        written << path;
    }
    return true;
}

} // namespace

QStringList exportFigures(const QString& studyPath, const QString& outDir, QString* error) {
    QStringList written;
    const LoadResult loaded = loadStudy(studyPath, false);
    if (!loaded.study) {
        *error = FigureExport::tr("Could not open %1: %2").arg(studyPath, loaded.error);
        return written;
    }
    if (!QDir().mkpath(outDir)) {
        *error = FigureExport::tr("Could not create the folder %1").arg(outDir);
        return written;
    }
    const QDir dir(outDir);
    // The figures use the default view choices, not the user's saved ones.
    QTemporaryDir scratch;
    QSettings backend(scratch.filePath(QStringLiteral("figures.ini")), QSettings::IniFormat);
    Settings settings(&backend);
    // The groups figure shows the surface set and the dataset that ranks the models: with
    // every diagnostic it would hold three curves and bands per dataset, too many to read.
    const QString score = StudyViews::defaultScoreColumn(*loaded.study);
    QStringList hidden;
    for (const DatasetEntry& d : loaded.study->datasets)
        if (d.role == DatasetRole::Diagnostic &&
            QStringLiteral("metric:") + QString::fromStdString(d.name) != score)
            hidden << QString::fromStdString(d.name);
    settings.setHiddenCurveDatasets(hidden);
    StudyDocument document;
    ConnectivityPanel connectivity(&document, &settings);
    InterpolationPanel interpolation(&document, &settings);
    ModelsPanel models(&document);
    for (QWidget* w : {static_cast<QWidget*>(&connectivity), static_cast<QWidget*>(&interpolation),
                       static_cast<QWidget*>(&models)})
        w->resize(1200, 900);
    document.open(*loaded.study, loaded.path);
    const Study& study = document.study();

    ExportOptions square;
    square.pixelSize = QSize(1500, 1300);
    square.dpi = 150;
    for (MatrixKind kind : {MatrixKind::ConvexityGap, MatrixKind::PeakExcess}) {
        connectivity.setMatrix(kind);
        for (const DatasetEntry& dataset : study.datasets) {
            connectivity.setDataset(QString::fromStdString(dataset.name));
            if (!writeBoth(connectivity, dir, connectivity.exportName(), square, written, error))
                return written;
        }
    }

    ExportOptions table;
    table.dpi = 192;
    const QSize natural = models.naturalSize();
    table.pixelSize =
        QSize(std::max(natural.width(), 600) * 2, std::max(natural.height(), 120) * 2);
    if (!writeBoth(models, dir, models.exportName(), table, written, error))
        return written;

    const bool haveDiagnostic =
        std::any_of(study.datasets.begin(), study.datasets.end(),
                    [](const DatasetEntry& d) { return d.role == DatasetRole::Diagnostic; });
    if (haveDiagnostic) {
        interpolation.setMode(InterpolationPanel::Mode::Groups);
        interpolation.setGroupSize(
            std::max<int>(1, std::min<int>(5, int(study.models.size()) / 2)));
    } else if (study.models.size() >= 2) {
        interpolation.showPairs({{0, 1}});
    }
    ExportOptions wide;
    wide.pixelSize = QSize(1600, 1200);
    wide.dpi = 150;
    if (!writeBoth(interpolation, dir, interpolation.exportName(), wide, written, error))
        return written;
    // The pair the explorer opens on: the strongest barrier of the connectivity map.
    const auto [i, j] = StudyViews::strongestPair(study);
    if (i >= 0 && (haveDiagnostic || !(i == 0 && j == 1))) {
        interpolation.showPairs({{i, j}});
        if (!writeBoth(interpolation, dir, QStringLiteral("interpolation-strongest-pair"), wide,
                       written, error))
            return written;
    }
    // Every stored plane, as the Planes tab draws it (2D contours).
    for (const PlaneResult& plane : study.planes) {
        PlaneContourView view;
        view.resize(1200, 900);
        view.setPlane(plane);
        if (!writeBoth(view, dir, QStringLiteral("plane-") + QString::fromStdString(plane.id),
                       square, written, error))
            return written;
    }
    return written;
}

} // namespace bs::ui

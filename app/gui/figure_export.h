#pragma once
// Headless figure export: `basinscope --export-figures OUTDIR study.h5`.

#include <QString>
#include <QStringList>

namespace bs::ui {

// Renders the figures of a study, exactly as the GUI draws them, to PNG and PDF in `outDir`:
// the connectivity maps (convexity gap and peak excess on every dataset, axes sorted by the
// first diagnostic's metric), the models table, and the interpolation view (top-k vs bottom-k
// groups when a diagnostic exists, else the first pair). Needs a QApplication (the offscreen
// platform is enough). Returns the files written; throws nothing: `error` explains a failure.
QStringList exportFigures(const QString& studyPath, const QString& outDir, QString* error);

} // namespace bs::ui

// basinscope: the desktop explorer of a study (models, connectivity maps, interpolation curves).
#include "app/gui/connectivity_panel.h"
#include "app/gui/figure_export.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>

#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

namespace {

void installTranslations(QApplication& app) {
    auto* ours = new QTranslator(&app);
    if (ours->load(QLocale(), QStringLiteral("basinscope"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

// --screenshot: once the study is open, show the first complete pair, grab the window, quit.
void scheduleScreenshot(bs::ui::MainWindow& window, const QString& file) {
    QObject::connect(&window, &bs::ui::MainWindow::studyOpened, &window, [&window, file] {
        const bs::Study& study = window.document()->study();
        if (study.models.size() >= 2) {
            // The pair with the largest value on the map: the curve with the clearest barrier.
            auto* heatmap = window.connectivityPanel()->heatmap();
            const bs::Matrix& values = heatmap->data().values;
            int64_t i = heatmap->order().front(), j = heatmap->order().back();
            double best = -std::numeric_limits<double>::infinity();
            for (int64_t r = 0; r < values.rows; ++r)
                for (int64_t c = r + 1; c < values.cols; ++c)
                    if (!std::isnan(values(r, c)) && values(r, c) > best) {
                        best = values(r, c);
                        i = r;
                        j = c;
                    }
            heatmap->setSelectedPair(i, j);
            emit heatmap->cellClicked(i, j);
        }
        QTimer::singleShot(800, &window, [&window, file] {
            const bool ok = window.grab().save(file);
            std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "could not write",
                         qPrintable(file));
            QApplication::exit(ok ? 0 : 1);
        });
    });
    QObject::connect(&window, &bs::ui::MainWindow::errorShown, &window, [](const QString& text) {
        std::fprintf(stderr, "%s\n", qPrintable(text));
        QApplication::exit(1);
    });
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("BasinScope"));
    QApplication::setOrganizationName(QStringLiteral("BasinScope"));
    QApplication::setApplicationVersion(QStringLiteral(BASINSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/basinscope.svg")));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Explore the loss surface between fine-tuned models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("study"),
                                 QApplication::translate("main", "Study file (.h5) to open."));
    const QCommandLineOption figures(
        QStringLiteral("export-figures"),
        QApplication::translate("main", "Render the study's figures (PNG and PDF) to DIR and "
                                        "exit; works without a display."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Open the study, save a screenshot of the window to "
                                        "FILE and exit."),
        QStringLiteral("FILE"));
    parser.addOption(figures);
    parser.addOption(screenshot);
    parser.process(app);
    const QStringList positional = parser.positionalArguments();

    if (parser.isSet(figures)) {
        if (positional.size() != 1) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QApplication::translate(
                             "main", "--export-figures needs exactly one study file")));
            return 2;
        }
        QString error;
        const QStringList files =
            bs::ui::exportFigures(positional.front(), parser.value(figures), &error);
        for (const QString& file : files)
            std::printf("wrote %s\n", qPrintable(file));
        if (!error.isEmpty()) {
            std::fprintf(stderr, "basinscope: %s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }

    // A screenshot shows the default layout and view choices, not the user's saved ones.
    QTemporaryDir scratch;
    std::unique_ptr<QSettings> scratchBackend;
    std::unique_ptr<bs::ui::Settings> scratchSettings;
    if (parser.isSet(screenshot)) {
        scratchBackend = std::make_unique<QSettings>(
            scratch.filePath(QStringLiteral("screenshot.ini")), QSettings::IniFormat);
        scratchSettings = std::make_unique<bs::ui::Settings>(scratchBackend.get());
    }
    bs::ui::MainWindow window(scratchSettings.get());
    if (parser.isSet(screenshot)) {
        if (positional.isEmpty()) {
            std::fprintf(stderr, "--screenshot needs a study file\n");
            return 2;
        }
        scheduleScreenshot(window, parser.value(screenshot));
    }
    window.show();
    if (!positional.isEmpty())
        window.openStudy(positional.front());
    return QApplication::exec();
}

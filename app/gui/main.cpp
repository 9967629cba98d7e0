// basinscope: the desktop explorer of a study (models, connectivity maps, interpolation curves).
#include "app/gui/connectivity_panel.h"
#include "app/gui/figure_export.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>

namespace {

// The installed catalogues (share/basinscope/translations beside bin/) come first, so that a
// packaged translation can be updated without a rebuild; the copy compiled into the binary
// serves runs from the build tree. Returns the file loaded, or an empty string.
QString installTranslations(QApplication& app) {
    auto* ours = new QTranslator(&app);
    const QString installed = QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                              QStringLiteral("/" BASINSCOPE_TRANSLATIONS_RELDIR));
    for (const QString& dir : {installed, QStringLiteral(":/i18n")}) {
        if (ours->load(QLocale(), QStringLiteral("basinscope"), QStringLiteral("_"), dir)) {
            QApplication::installTranslator(ours);
            break;
        }
    }
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    return ours->filePath();
}

bool hasArgument(int argc, char** argv, std::initializer_list<const char*> names) {
    for (int i = 1; i < argc; ++i)
        for (const char* name : names)
            if (std::strcmp(argv[i], name) == 0 ||
                (std::strncmp(argv[i], name, std::strlen(name)) == 0 &&
                 argv[i][std::strlen(name)] == '='))
                return true;
    return false;
}

// Options that never show a window must work over ssh, in scripts and in package builds:
// without a display they run on the offscreen platform instead of aborting in QApplication.
void chooseHeadlessPlatform(int argc, char** argv) {
    if (std::getenv("QT_QPA_PLATFORM") || hasArgument(argc, argv, {"-platform"}))
        return;
    const bool noWindow = hasArgument(
        argc, argv, {"--version", "-v", "--help", "-h", "--help-all", "--translation-info"});
    const bool hasDisplay = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
    if (noWindow || (!hasDisplay && hasArgument(argc, argv, {"--export-figures"})))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
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
    chooseHeadlessPlatform(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("BasinScope"));
    QApplication::setOrganizationName(QStringLiteral("BasinScope"));
    QApplication::setApplicationVersion(QStringLiteral(BASINSCOPE_VERSION));
    // Wayland compositors match windows to the installed .desktop file by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.basinscope.BasinScope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/basinscope.svg")));
    const QString translationFile = installTranslations(app);

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
    // Which catalogue the locale selected, and one menu title through it: how packaging
    // tests (and users reporting a translation bug) see what an installed tree loads.
    QCommandLineOption translationInfo(QStringLiteral("translation-info"));
    translationInfo.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(figures);
    parser.addOption(screenshot);
    parser.addOption(translationInfo);
    parser.process(app);
    const QStringList positional = parser.positionalArguments();

    if (parser.isSet(translationInfo)) {
        std::printf("locale: %s\ncatalogue: %s\nFile menu: %s\n", qPrintable(QLocale().name()),
                    translationFile.isEmpty() ? "none" : qPrintable(translationFile),
                    qPrintable(QApplication::translate("bs::ui::MainActions", "&File")));
        return 0;
    }

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

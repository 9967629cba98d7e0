#pragma once
// The start of most GUI tests: a main window with its own settings file, shown, with a study
// opened the way a user opens one (read off the GUI thread).

#include "app/gui/main_window.h"
#include "app/gui/settings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QtTest/QtTest>

#include <memory>

namespace bs::test {

// Fills the three owners; false when the window was not exposed or the study did not open
// within `timeoutMs`.
inline bool openStudyWindow(std::unique_ptr<QSettings>& backend,
                            std::unique_ptr<ui::Settings>& settings,
                            std::unique_ptr<ui::MainWindow>& window, const QString& settingsFile,
                            const QString& study, int timeoutMs = 10000) {
    backend = std::make_unique<QSettings>(settingsFile, QSettings::IniFormat);
    settings = std::make_unique<ui::Settings>(backend.get());
    window = std::make_unique<ui::MainWindow>(settings.get());
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return false;
    QSignalSpy opened(window.get(), &ui::MainWindow::studyOpened);
    window->openStudy(study);
    return opened.wait(timeoutMs);
}

} // namespace bs::test

#pragma once
// Reading a study file off the GUI thread, with the checks that make a clear message.

#include "core/study/study.h"

#include <QFuture>
#include <QString>

#include <memory>

namespace bs::ui {

struct LoadResult {
    QString path;
    std::shared_ptr<const Study> study; // null when the file could not be read
    QString error;                      // why not, for the user (names the file)
    // Set when another process holds the study's writer lock: the study is shown as last
    // saved and jobs will be refused until that process ends.
    QString lockNotice;
};

// Runs readStudy (and a lock probe unless `probeLock` is false) on a pool thread.
QFuture<LoadResult> loadStudyAsync(const QString& path, bool probeLock = true);
// The same, synchronously (headless figure export).
LoadResult loadStudy(const QString& path, bool probeLock = true);

} // namespace bs::ui

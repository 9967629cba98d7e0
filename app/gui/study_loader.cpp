#include "app/gui/study_loader.h"

#include "core/study/study_lock.h"
#include "core/study/study_store.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace bs::ui {

namespace {

// The translation context of this file's messages (lupdate reads the macro).
struct StudyLoader {
    Q_DECLARE_TR_FUNCTIONS(bs::ui::StudyLoader)
};

} // namespace

LoadResult loadStudy(const QString& path, bool probeLock) {
    LoadResult result;
    result.path = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error =
            StudyLoader::tr("%1 does not exist. It may have been moved or deleted.").arg(path);
        return result;
    }
    if (!info.isFile() || !info.isReadable()) {
        result.error = StudyLoader::tr("%1 is not a readable file.").arg(path);
        return result;
    }
    try {
        result.study = std::make_shared<const Study>(readStudy(path.toStdString()));
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
        return result;
    }
    // holder() only looks: taking a lock here would create a lock file next to a study the
    // user merely opens, and could refuse a writer that starts at the same moment.
    if (probeLock) {
        try {
            if (const auto who = StudyLock::holder(path.toStdString()))
                result.lockNotice =
                    StudyLoader::tr("%1 is being written by %2")
                        .arg(QFileInfo(path).fileName(), QString::fromStdString(*who));
        } catch (const std::exception& e) {
            result.lockNotice = QString::fromStdString(e.what());
        }
    }
    return result;
}

QFuture<LoadResult> loadStudyAsync(const QString& path, bool probeLock) {
    return QtConcurrent::run([path, probeLock] { return loadStudy(path, probeLock); });
}

} // namespace bs::ui

#include "app/gui/demo_runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace bs::ui {

DemoRunner::DemoRunner(QObject* parent)
    : QObject(parent) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, &DemoRunner::readOutput);
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        readOutput();
        if (m_cancelled)
            emit failed(tr("The demo study was cancelled."));
        else if (status == QProcess::NormalExit && code == 0 && QFileInfo::exists(m_path))
            emit finished(m_path);
        else
            emit failed(tr("basinscope-cli demo failed (exit code %1):\n%2")
                            .arg(code)
                            .arg(m_tail.trimmed()));
    });
}

DemoRunner::~DemoRunner() {
    if (running()) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
    }
}

QString DemoRunner::demoStudyPath() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(folder).filePath(QStringLiteral("demo/demo.h5"));
}

QString DemoRunner::cliPath() {
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {here.filePath(QStringLiteral("basinscope-cli")),
                                     here.filePath(QStringLiteral("../cli/basinscope-cli")),
                                     here.filePath(QStringLiteral("../app/cli/basinscope-cli"))}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("basinscope-cli"));
}

bool DemoRunner::start() {
    if (running())
        return false;
    const QString cli = cliPath();
    if (cli.isEmpty()) {
        emit failed(tr("basinscope-cli was not found next to basinscope or on PATH; it builds "
                       "the demo study."));
        return false;
    }
    m_path = demoStudyPath();
    QDir().mkpath(QFileInfo(m_path).path());
    m_tail.clear();
    m_cancelled = false;
    m_process.start(cli, {QStringLiteral("demo"), QStringLiteral("--out"), m_path});
    if (!m_process.waitForStarted(5000)) {
        emit failed(tr("Could not start %1: %2").arg(cli, m_process.errorString()));
        return false;
    }
    return true;
}

void DemoRunner::cancel() {
    if (!running())
        return;
    m_cancelled = true;
    m_process.terminate(); // the CLI saves what finished on SIGTERM
}

void DemoRunner::readOutput() {
    static const QRegularExpression line(
        QStringLiteral(R"((\d+)%\s*\((\d+)/(\d+)\)\s*elapsed\s+\S+\s+eta\s+(\S+)\s*(.*))"));
    const QString text = QString::fromUtf8(m_process.readAll());
    m_tail += text;
    if (m_tail.size() > 4000)
        m_tail = m_tail.right(4000);
    // Progress lines end with '\n' (log mode) or '\r' (terminal mode).
    for (const QString& part :
         text.split(QRegularExpression(QStringLiteral("[\r\n]")), Qt::SkipEmptyParts)) {
        const auto match = line.match(part);
        if (!match.hasMatch())
            continue;
        const QString eta = match.captured(4);
        double seconds = -1;
        static const QRegularExpression units(QStringLiteral(R"((\d+)([hms]))"));
        for (auto it = units.globalMatch(eta); it.hasNext();) {
            const auto m = it.next();
            const double v = m.captured(1).toDouble();
            seconds = std::max(seconds, 0.0) + (m.captured(2) == QLatin1String("h")   ? v * 3600
                                                : m.captured(2) == QLatin1String("m") ? v * 60
                                                                                      : v);
        }
        emit progress(match.captured(2).toLongLong(), match.captured(3).toLongLong(),
                      match.captured(5).trimmed(), seconds);
    }
}

} // namespace bs::ui

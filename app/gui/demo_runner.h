#pragma once
// DemoRunner: Help ▸ Open Demo Study — builds the demo study with `basinscope-cli demo`.

#include <QObject>
#include <QProcess>
#include <QString>

namespace bs::ui {

// The demo (a small model zoo trained on synthetic data, see core/zoo) is made by the CLI so
// that the GUI and the scripts produce the same file. Its progress lines ("demo: 40% (4/10)
// ... eta 3s ...") drive the GUI's progress bar.
class DemoRunner : public QObject {
    Q_OBJECT
public:
    explicit DemoRunner(QObject* parent = nullptr);
    ~DemoRunner() override;

    // Where the demo study is written (under the user's data folder).
    static QString demoStudyPath();
    // basinscope-cli next to this executable, in the build tree, or on PATH; empty if none.
    static QString cliPath();

    bool running() const { return m_process.state() != QProcess::NotRunning; }
    // Starts `basinscope-cli demo --out <path>`; false (and `failed`) when it cannot start.
    bool start();
    void cancel();

signals:
    void progress(qint64 done, qint64 total, const QString& message, double secondsLeft);
    void finished(const QString& studyPath);
    void failed(const QString& message);

private:
    void readOutput();

    QProcess m_process;
    QString m_path;
    QString m_tail; // the last lines, for the error message
    bool m_cancelled = false;
};

} // namespace bs::ui

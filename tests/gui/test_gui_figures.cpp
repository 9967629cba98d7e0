// `basinscope --export-figures OUTDIR study.h5`: the headless figures for docs and the demo.
#include "tests/gui/gui_fixture.h"
#include "tests/support/test_support.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace bs;

class TestGuiFigures : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QProcess* run(const QStringList& arguments) {
        auto* process = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(BS_GUI_PATH), arguments);
        process->waitForFinished(120000);
        return process;
    }

private slots:
    void writesEveryFigure() {
        BS_REQUIRE_FIXTURES();
        const QString study = m_dir.filePath(QStringLiteral("figures.h5"));
        test::buildFixtureStudy(m_dir.filePath(QStringLiteral("models")), 3, 5, study);
        test::computeFixtureStudy(study);
        const QString out = m_dir.filePath(QStringLiteral("out"));
        QProcess* process = run({QStringLiteral("--export-figures"), out, study});
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        const QString log = QString::fromUtf8(process->readAllStandardOutput());
        const QStringList names = {QStringLiteral("connectivity-cg-mnli"),
                                   QStringLiteral("connectivity-cg-hans-lo"),
                                   QStringLiteral("connectivity-peak_excess-mnli"),
                                   QStringLiteral("connectivity-peak_excess-hans-lo"),
                                   QStringLiteral("models"),
                                   QStringLiteral("interpolation-groups"),
                                   QStringLiteral("interpolation-strongest-pair")};
        for (const QString& name : names) {
            const QString png = QDir(out).filePath(name + ".png");
            const QString pdf = QDir(out).filePath(name + ".pdf");
            QVERIFY2(log.contains(png), qPrintable(log));
            QImage image(png);
            QVERIFY2(!image.isNull(), qPrintable(png));
            QVERIFY(image.width() >= 600 && image.height() >= 200);
            QFile file(pdf);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(pdf));
            QVERIFY(file.read(5) == "%PDF-");
        }
        QCOMPARE(QImage(QDir(out).filePath("connectivity-cg-mnli.png")).size(), QSize(1500, 1300));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), names.size() * 2);
    }

    void missingStudyFails() {
        const QString missing = m_dir.filePath(QStringLiteral("absent.h5"));
        QProcess* process = run({QStringLiteral("--export-figures"), m_dir.filePath("x"), missing});
        QCOMPARE(process->exitCode(), 1);
        const QString err = QString::fromUtf8(process->readAllStandardError());
        QVERIFY2(err.contains(missing) && err.contains(QStringLiteral("does not exist")),
                 qPrintable(err));
    }
};

QTEST_MAIN(TestGuiFigures)
#include "test_gui_figures.moc"

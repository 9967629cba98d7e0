// `basinscope-cli tokenize` run as a process, its JSON compared with the Hugging Face fixture.
#include "tests/support/test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args) {
    QProcess process;
    process.start(bs::test::toQString(bs::test::cliPath()), args);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject referenceJson() {
    const std::string text =
        bs::test::readFile(bs::test::fixturesDir() / "hf" / "tokenizer_reference.json");
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

QString vocabPath() {
    return bs::test::toQString(bs::test::fixturesDir() / "hf" / "vocab.txt");
}

} // namespace

class TestTokenizeCli : public QObject {
    Q_OBJECT
private slots:
    void jsonMatchesFixtureForSingleTexts() {
        BS_REQUIRE_FIXTURES();
        const QJsonArray singles = referenceJson().value("single").toArray();
        // Accents and the CJK/Hangul case (non-ASCII arguments survive the round trip).
        for (int index : {3, 4}) {
            const QJsonObject c = singles.at(index).toObject();
            const Run run = runCli({"tokenize", "--vocab", vocabPath(), "--text",
                                    c.value("text").toString(), "--json"});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const QJsonObject out = QJsonDocument::fromJson(run.out).object();
            QCOMPARE(out.value("tokens").toArray(), c.value("tokens").toArray());
            QCOMPARE(out.value("input_ids").toArray(), c.value("input_ids").toArray());
            QCOMPARE(out.value("token_type_ids").toArray(), c.value("token_type_ids").toArray());
        }
    }

    void jsonMatchesFixtureForTruncatedPair() {
        BS_REQUIRE_FIXTURES();
        const QJsonArray pairs = referenceJson().value("pairs").toArray();
        int checked = 0;
        for (const QJsonValue& value : pairs) {
            const QJsonObject c = value.toObject();
            if (c.value("max_length").toInt() != 24)
                continue;
            const Run run =
                runCli({"tokenize", "--model",
                        bs::test::toQString(bs::test::fixturesDir() / "hf" / "bert-seed1"),
                        "--text", c.value("text_a").toString(), "--pair",
                        c.value("text_b").toString(), "--max-length", "24", "--json"});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const QJsonObject out = QJsonDocument::fromJson(run.out).object();
            QCOMPARE(out.value("tokens").toArray(), c.value("tokens").toArray());
            QCOMPARE(out.value("input_ids").toArray(), c.value("input_ids").toArray());
            QCOMPARE(out.value("token_type_ids").toArray(), c.value("token_type_ids").toArray());
            ++checked;
        }
        QCOMPARE(checked, 6);
    }

    void plainTextOutput() {
        BS_REQUIRE_FIXTURES();
        const Run run = runCli({"tokenize", "--vocab", vocabPath(), "--text",
                                "The dog scared the cat.", "--pair", "The cat."});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        // Ids from the fixture's single case and its vocabulary ("cat" 788, "." 23).
        QCOMPARE(lines[0],
                 QStringLiteral("tokens: [CLS] the dog scared the cat . [SEP] the cat . [SEP]"));
        QCOMPARE(lines[1], QStringLiteral("input_ids: 12 175 786 787 175 788 23 13 175 788 23 13"));
        QCOMPARE(lines[2], QStringLiteral("token_type_ids: 0 0 0 0 0 0 0 0 1 1 1 1"));
    }

    void errorsGoToStderrWithExitCodeOne() {
        const Run missing =
            runCli({"tokenize", "--vocab", "/nonexistent/vocab.txt", "--text", "x"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.startsWith("error: "));
        QVERIFY(missing.err.contains("/nonexistent/vocab.txt"));
        QVERIFY(missing.out.isEmpty());
        // Neither --vocab nor --model.
        const Run neither = runCli({"tokenize", "--text", "x"});
        QCOMPARE(neither.exitCode, 1);
        QVERIFY(neither.err.contains("--vocab"));
    }
};

QTEST_GUILESS_MAIN(TestTokenizeCli)
#include "test_tokenize_cli.moc"

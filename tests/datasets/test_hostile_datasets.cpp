// Damaged and hostile dataset files get a clear error naming the file, line and key within a
// second, instead of a crash, a hang or a silent wrong reading.
#include "tests/datasets/dataset_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <ctime>
#include <fstream>

using bs::test::errorOf;

class TestHostileDatasets : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // Milliseconds of CPU time this process has used. The limits below are about the work a
    // hostile file causes (quadratic parsing took > 20 s); wall time on the shared 2-core test
    // machine also counts the other tests running beside this one.
    static double cpuMilliseconds() {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }

    std::string write(const std::string& name, const std::string& content) {
        const std::string path =
            (std::filesystem::path(m_dir.path().toStdString()) / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    // The error of loading `spec`, which must arrive within a second of CPU time.
    static std::string timedError(const std::string& spec) {
        const double start = cpuMilliseconds();
        const std::string message = errorOf([&] { bs::loadDataset(bs::parseDatasetSpec(spec)); });
        const double took = cpuMilliseconds() - start;
        if (took >= 1000)
            QTest::qFail(qPrintable(QString("the error took %1 ms of CPU time").arg(took)),
                         __FILE__, __LINE__);
        return message;
    }

private slots:
    // Serialising an unused key recursed once per level and overflowed the stack.
    void jsonlDeepNesting() {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        const std::string path =
            write("deep.jsonl", "{\"text\": \"a\", \"label\": 0, \"extra\": " + deep + "}\n");
        const std::string message = timedError(path + ":jsonl");
        BS_VERIFY_CONTAINS(message, "deep.jsonl line 1: a value is nested more than 64 levels");
        // Objects count as levels too, and the limit holds on any line.
        std::string objects = "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": 1, ";
        for (int i = 0; i < 1000; ++i)
            objects += "\"k\": {";
        objects += std::string(1000, '}') + "}\n";
        BS_VERIFY_CONTAINS(timedError(write("objects.jsonl", objects) + ":jsonl"),
                           "objects.jsonl line 2: a value is nested more than 64 levels");
    }

    // Keys were looked up linearly: 100k keys took more than 20 s.
    void jsonlManyKeys() {
        std::string line = "{\"text\": \"a\", \"label\": 1";
        for (int i = 0; i < 100002; ++i)
            line += ", \"k" + std::to_string(i) + "\": " + std::to_string(i);
        line += "}\n";
        const std::string path = write("wide.jsonl", line + line);
        const double start = cpuMilliseconds();
        const bs::Dataset dataset = bs::loadDataset(bs::parseDatasetSpec(path + ":jsonl"));
        const double took = cpuMilliseconds() - start;
        QVERIFY2(took < 1000, qPrintable(QString("took %1 ms of CPU time").arg(took)));
        QCOMPARE(dataset.columns.size(), size_t(100004));
        QCOMPARE(dataset.columns[2], std::string("k0"));
        QCOMPARE(dataset.examples.size(), size_t(2));
        QCOMPARE(dataset.examples[0].fields.at("k100001"), std::string("100001"));
    }

    // Without labels= the class count was the largest integer label + 1.
    void hugeIntegerLabel() {
        const std::string jsonl =
            write("big_label.jsonl", "{\"text\": \"a\", \"label\": 0}\n"
                                     "{\"text\": \"b\", \"label\": 1000000}\n");
        const std::string message = timedError(jsonl + ":jsonl");
        BS_VERIFY_CONTAINS(message, "big_label.jsonl line 2: key 'label' (label): label 1000000 "
                                    "is too large");
        BS_VERIFY_CONTAINS(message, "labels=name0|name1|...");
        const std::string csv = write("big_label.csv", "text,label\na,1\nb,1000000\n");
        BS_VERIFY_CONTAINS(timedError(csv + ":csv"),
                           "big_label.csv line 3, column 'label': label 1000000 is too large");
        // The largest accepted id still loads.
        const std::string edge = write("edge.jsonl", "{\"text\": \"a\", \"label\": 9999}\n");
        QCOMPARE(bs::loadDataset(bs::parseDatasetSpec(edge + ":jsonl")).labelNames.size(),
                 size_t(10000));
    }

    // The last of two label keys used to win silently.
    void duplicateKeys() {
        const std::string path =
            write("dup.jsonl", "{\"text\": \"a\", \"label\": 0}\n"
                               "{\"text\": \"b\", \"label\": 0, \"label\": 1}\n");
        BS_VERIFY_CONTAINS(timedError(path + ":jsonl"),
                           "dup.jsonl line 2: key 'label' appears twice in the record");
        // Repeated keys inside a nested value are that value's business.
        const std::string nested =
            write("nested.jsonl", "{\"text\": \"a\", \"label\": 0, \"m\": {\"x\": 1, \"x\": 2}}\n");
        QCOMPARE(bs::loadDataset(bs::parseDatasetSpec(nested + ":jsonl")).examples.size(),
                 size_t(1));
    }

    // The mask is not kept, so values other than 1 were dropped without a word.
    void attentionMaskOfTwos() {
        const std::string path =
            write("mask.jsonl", "{\"input_ids\": [101, 7, 102], \"attention_mask\": [1, 1, 1], "
                                "\"label\": 0}\n"
                                "{\"input_ids\": [101, 8, 102], \"attention_mask\": [2, 2, 2], "
                                "\"label\": 1}\n");
        BS_VERIFY_CONTAINS(timedError(path + ":jsonl"),
                           "mask.jsonl line 2: key 'attention_mask' item 0 is 2");
    }
};

QTEST_GUILESS_MAIN(TestHostileDatasets)
#include "test_hostile_datasets.moc"

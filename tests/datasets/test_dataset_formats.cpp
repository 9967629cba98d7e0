// Every reader on small files in the public layouts: labels, texts, fields, counts.
#include "core/data/format_readers.h"
#include "tests/datasets/dataset_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <fstream>

using bs::test::countLabel;
using bs::test::loadData;
using bs::test::rowsOf;

class TestDatasetFormats : public QObject {
    Q_OBJECT
private slots:
    void mnliDevMatched() {
        const bs::Dataset d = loadData("mnli/dev_matched.tsv", "mnli");
        QCOMPARE(d.format, std::string("mnli"));
        QCOMPARE(d.labelNames,
                 (std::vector<std::string>{"entailment", "neutral", "contradiction"}));
        QCOMPARE(d.rowsInFile, int64_t(12));
        QCOMPARE(d.rowsUnlabeled, int64_t(2)); // rows 5 and 10 have gold_label "-"
        QCOMPARE(d.rowsAfterFilter, int64_t(10));
        QCOMPARE(rowsOf(d), (std::vector<int64_t>{0, 1, 2, 3, 4, 6, 7, 8, 9, 11}));
        QCOMPARE(countLabel(d, 0), int64_t(4));
        QCOMPARE(countLabel(d, 1), int64_t(3));
        QCOMPARE(countLabel(d, 2), int64_t(3));
        QCOMPARE(d.columns.size(), size_t(16));
        QCOMPARE(d.primaryMetric, std::string("accuracy"));
        QVERIFY(!d.pretokenized);

        const bs::Example& first = d.examples[0];
        QCOMPARE(first.textA, std::string("The new museum wing opened to mixed reviews."));
        QCOMPARE(first.textB, std::string("Most critics disliked the new wing."));
        QCOMPARE(first.label, int64_t(1));
        QCOMPARE(first.fields.at("genre"), std::string("slate"));
        QCOMPARE(first.fields.at("pairID"), std::string("41208n"));
        QCOMPARE(first.fields.at("promptID"), std::string("41208"));
        QVERIFY(first.inputIds.empty());

        // Quoting is off: a field that starts with '"' is kept as written.
        QCOMPARE(d.examples[3].textA,
                 std::string("\"Well, I never,\" she said, and laughed at the idea."));
        QCOMPARE(d.examples[3].fields.at("genre"), std::string("fiction"));
        // The last row ("-" rows skipped before it keeps its file row).
        QCOMPARE(d.examples[9].row, int64_t(11));
        QCOMPARE(d.examples[9].textB, std::string("Federal offices are covered by the rule."));
    }

    void mnliMismatchedAndTrain() {
        const bs::Dataset mm = loadData("mnli/dev_mismatched.tsv", "mnli");
        QCOMPARE(mm.examples.size(), size_t(6));
        QCOMPARE(mm.rowsUnlabeled, int64_t(0));
        QCOMPARE(mm.examples[5].fields.at("genre"), std::string("9/11"));
        QCOMPARE(mm.examples[3].textA, std::string("The flight left the gate at 7:59."));

        // train.tsv has 12 columns (label1, gold_label): columns are found by name.
        const bs::Dataset train = loadData("mnli/train.tsv", "mnli");
        QCOMPARE(train.columns.size(), size_t(12));
        QCOMPARE(train.examples.size(), size_t(5));
        QCOMPARE(train.examples[0].label, int64_t(1)); // neutral
        QCOMPARE(train.examples[1].label, int64_t(0)); // entailment
        QCOMPARE(train.examples[3].textA,
                 std::string("How do you know? All this is their information again."));
    }

    void qqpDev() {
        const bs::Dataset d = loadData("qqp/dev.tsv", "qqp");
        QCOMPARE(d.labelNames, (std::vector<std::string>{"not_duplicate", "duplicate"}));
        QCOMPARE(d.primaryMetric, std::string("f1"));
        QCOMPARE(d.positiveLabel, int64_t(1));
        QCOMPARE(d.examples.size(), size_t(10));
        QCOMPARE(countLabel(d, 1), int64_t(5));
        QCOMPARE(d.examples[2].textA, std::string("What does \"quantum supremacy\" mean?"));
        QCOMPARE(d.examples[2].fields.at("qid2"), std::string("371121"));
        QCOMPARE(d.examples[2].fields.at("id"), std::string("256330"));
        QCOMPARE(d.examples[4].textA,
                 std::string("Which laptop should I buy for programming, under $1000?"));
    }

    void colaHeaderless() {
        const bs::Dataset in = loadData("cola/in_domain_dev.tsv", "cola");
        QCOMPARE(in.labelNames, (std::vector<std::string>{"unacceptable", "acceptable"}));
        QCOMPARE(in.primaryMetric, std::string("mcc"));
        QCOMPARE(in.rowsInFile, int64_t(10)); // no header row
        QCOMPARE(in.examples[0].row, int64_t(0));
        QCOMPARE(in.examples[0].label, int64_t(1));
        QCOMPARE(
            in.examples[0].textA,
            std::string("Our friends won't buy this analysis, let alone the next one we propose."));
        QVERIFY(in.examples[0].textB.empty());
        QCOMPARE(in.examples[0].fields.at("source"), std::string("gj04"));
        QCOMPARE(in.examples[0].fields.at("original_mark"), std::string(""));
        QCOMPARE(in.examples[1].fields.at("original_mark"), std::string("*"));
        QCOMPARE(in.examples[9].fields.at("original_mark"), std::string("??"));
        QCOMPARE(in.examples[9].label, int64_t(0));
        QCOMPARE(countLabel(in, 1), int64_t(5));
        QCOMPARE(in.columns,
                 (std::vector<std::string>{"source", "label", "original_mark", "sentence"}));

        const bs::Dataset out = loadData("cola/out_of_domain_dev.tsv", "cola");
        QCOMPARE(out.examples.size(), size_t(6));
        QCOMPARE(out.examples[3].textA, std::string("Himself shaved John."));
        QCOMPARE(out.examples[3].label, int64_t(0));
    }

    void hans() {
        const bs::Dataset d = loadData("hans/heuristics_evaluation_set.txt", "hans");
        QCOMPARE(d.labelNames, (std::vector<std::string>{"entailment", "non-entailment"}));
        QCOMPARE(d.examples.size(), size_t(12));
        QCOMPARE(countLabel(d, 1), int64_t(6));
        const bs::Example& first = d.examples[0];
        QCOMPARE(first.label, int64_t(1));
        QCOMPARE(first.textA, std::string("The senator supported the lawyer ."));
        QCOMPARE(first.textB, std::string("The lawyer supported the senator ."));
        QCOMPARE(first.fields.at("heuristic"), std::string("lexical_overlap"));
        QCOMPARE(first.fields.at("subcase"), std::string("ln_subject/object_swap"));
        QCOMPARE(first.fields.at("template"), std::string("temp1"));
        QCOMPARE(first.fields.at("pairID"), std::string("ex0"));
        QCOMPARE(first.fields.size(), size_t(4));
        QCOMPARE(d.examples[11].fields.at("subcase"), std::string("ce_after_since_clause"));
        QCOMPARE(d.examples[11].label, int64_t(0));
    }

    void pawsQqp() {
        const bs::Dataset d = loadData("paws/dev_and_test.tsv", "paws");
        // The QQP names, so that a QQP model maps onto PAWS by name.
        QCOMPARE(d.labelNames, (std::vector<std::string>{"not_duplicate", "duplicate"}));
        QCOMPARE(d.primaryMetric, std::string("accuracy"));
        QCOMPARE(d.examples.size(), size_t(6));
        QCOMPARE(countLabel(d, 1), int64_t(3));
        QCOMPARE(d.examples[1].textA, std::string("Why do dogs chase cats ?"));
        QCOMPARE(d.examples[1].label, int64_t(0));
        QCOMPARE(d.examples[1].fields.at("id"), std::string("2"));
    }

    void pawsWrittenByPython3() {
        // The PAWS script run under Python 3 writes b'...' literals with \xhh escapes.
        const bs::Dataset d = loadData("paws/dev_and_test_python3.tsv", "paws");
        QCOMPARE(d.examples.size(), size_t(3));
        QCOMPARE(d.examples[0].textA,
                 std::string("What is the difference between a CPA and a CA ?"));
        QCOMPARE(d.examples[1].textA, std::string("What 's the best caf\xC3\xA9 in Paris ?"));
        QCOMPARE(d.examples[1].textB, std::string("What is the best Paris caf\xC3\xA9 ?"));
        QCOMPARE(d.examples[2].textB, std::string("Why don 't cats chase dogs ?"));
        QCOMPARE(bs::decodePythonBytesLiteral("b'It\\'s \\\\ ok\\t'"), std::string("It's \\ ok\t"));
        QCOMPARE(bs::decodePythonBytesLiteral("bare text"), std::string("bare text"));
        QCOMPARE(bs::decodePythonBytesLiteral("b'unterminated"), std::string("b'unterminated"));
    }

    void jsonlIntegerLabelsWithNames() {
        const bs::Dataset d =
            loadData("jsonl/mnli_hf.jsonl", "jsonl:labels=entailment|neutral|contradiction");
        QCOMPARE(d.labelNames,
                 (std::vector<std::string>{"entailment", "neutral", "contradiction"}));
        QCOMPARE(d.examples.size(), size_t(6));
        QCOMPARE(d.examples[1].label, int64_t(2));
        QCOMPARE(d.examples[2].label, int64_t(1));
        QCOMPARE(d.examples[3].textA, std::string("A woman reads a book \"War and Peace\"."));
        QCOMPARE(d.examples[4].textA, std::string("Kids play soccer, laughing.\nIt is raining."));
        QCOMPARE(d.examples[5].textB, std::string("The caf\xC3\xA9 is open every day."));
        QCOMPARE(d.examples[5].fields.at("idx"), std::string("5")); // numbers as JSON text
        QCOMPARE(d.columns, (std::vector<std::string>{"premise", "hypothesis", "label", "idx"}));
    }

    void jsonlIntegerLabelsWithoutNames() {
        const bs::Dataset d = loadData("jsonl/mnli_hf.jsonl", "jsonl");
        // 0..K-1 named by their decimal string, K = largest label + 1.
        QCOMPARE(d.labelNames, (std::vector<std::string>{"0", "1", "2"}));
        QCOMPARE(d.examples[1].label, int64_t(2));
    }

    void jsonlStringLabelsFirstSeen() {
        const bs::Dataset d = loadData("jsonl/string_labels.jsonl", "jsonl");
        QCOMPARE(d.labelNames,
                 (std::vector<std::string>{"entailment", "contradiction", "neutral"}));
        QCOMPARE(d.rowsInFile, int64_t(4)); // the blank line is no record
        QCOMPARE(d.examples[3].label, int64_t(2));
        QCOMPARE(d.examples[3].textB, std::string("She bought a red car."));
        QCOMPARE(d.examples[3].fields.at("source"), std::string("b"));

        // labels= fixes the order whatever the file's order.
        const bs::Dataset named =
            loadData("jsonl/string_labels.jsonl", "jsonl:labels=entailment|neutral|contradiction");
        QCOMPARE(named.examples[1].label, int64_t(2));
        QCOMPARE(named.examples[3].label, int64_t(1));
    }

    void jsonlPretokenized() {
        const bs::Dataset d = loadData("jsonl/pretokenized.jsonl", "jsonl");
        QVERIFY(d.pretokenized);
        QCOMPARE(d.examples.size(), size_t(3));
        QCOMPARE(d.examples[0].inputIds,
                 (std::vector<int64_t>{101, 1996, 4937, 2938, 102, 1037, 4937, 102}));
        QCOMPARE(d.examples[0].tokenTypeIds, (std::vector<int64_t>{0, 0, 0, 0, 0, 1, 1, 1}));
        QVERIFY(d.examples[0].textA.empty());
        QCOMPARE(d.examples[1].label, int64_t(0));
        QCOMPARE(d.examples[2].inputIds, (std::vector<int64_t>{101, 7592, 102}));
        QVERIFY(d.examples[2].tokenTypeIds.empty()); // optional
        QCOMPARE(d.examples[2].fields.at("id"), std::string("p2"));
        QCOMPARE(d.examples[2].fields.size(), size_t(1));
        QCOMPARE(d.labelNames, (std::vector<std::string>{"0", "1"}));
    }

    void csvQuotedFieldsAndCrlf() {
        const bs::Dataset d = loadData("csv/pairs_crlf.csv", "csv:labels=not_duplicate|duplicate");
        QCOMPARE(d.examples.size(), size_t(4));
        // Defaults: question1/question2 are text_a/text_b, "label" the label.
        QCOMPARE(d.examples[0].textA, std::string("How do I learn French, fast?"));
        QCOMPARE(d.examples[0].textB, std::string("What is the fastest way to learn French?"));
        QCOMPARE(d.examples[0].label, int64_t(1));
        QCOMPARE(d.examples[0].fields.at("note"), std::string(""));
        QCOMPARE(d.examples[1].fields.at("note"), std::string("says \"colour\", not color"));
        // A quoted field keeps its line break as written (CRLF here).
        QCOMPARE(d.examples[2].textA, std::string("What is a good book\r\nfor beginners?"));
        QCOMPARE(d.examples[2].textB, std::string("Which book should\r\na beginner read?"));
        QCOMPARE(d.examples[2].fields.at("note"), std::string("multi-line"));
        QCOMPARE(d.examples[3].row, int64_t(3));
        QCOMPARE(d.examples[3].textA, std::string("Is coffee healthy?"));
    }

    void csvExplicitMapping() {
        const bs::Dataset d =
            loadData("csv/reviews.csv", "csv:text_a=review,label=score,labels=negative|positive");
        QCOMPARE(d.labelNames, (std::vector<std::string>{"negative", "positive"}));
        QCOMPARE(d.examples.size(), size_t(5));
        QCOMPARE(d.examples[0].textA, std::string("A gripping, funny film."));
        QVERIFY(d.examples[0].textB.empty());
        QCOMPARE(d.examples[0].label, int64_t(1)); // "1" is index 1 of labels=
        QCOMPARE(d.examples[2].textA, std::string("The \"best\" movie of the year"));
        QCOMPARE(d.examples[4].fields.at("site"), std::string("rt"));
        QCOMPARE(d.examples[4].fields.size(), size_t(1));
    }

    void summaryLine() {
        const bs::Dataset d = loadData("mnli/dev_matched.tsv", "mnli:samples=4");
        const std::string line = bs::describeDataset(d);
        BS_VERIFY_CONTAINS(line, "4 examples sampled from 10 after filtering of 12 rows");
        BS_VERIFY_CONTAINS(line, "2 without a gold label");
        BS_VERIFY_CONTAINS(line, "entailment/neutral/contradiction");
    }

    void tenThousandRowMnliLoadsQuickly() {
        // An MNLI-sized row (16 columns with parses) repeated 10,000 times.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path =
            std::filesystem::path(dir.path().toStdString()) / "dev_matched.tsv";
        const std::string source =
            bs::test::readFile(bs::test::testDataDir() / "mnli/dev_matched.tsv");
        const size_t headerEnd = source.find('\n') + 1;
        const std::string header = source.substr(0, headerEnd);
        const std::string body = source.substr(headerEnd);
        {
            std::ofstream out(path, std::ios::binary);
            out << header;
            for (int i = 0; i < 10000 / 12 + 1; ++i)
                out << body;
        }
        const auto start = std::chrono::steady_clock::now();
        bs::DatasetSpec spec;
        spec.path = path;
        spec.format = "mnli";
        const bs::Dataset d = bs::loadDataset(spec);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        QCOMPARE(d.rowsInFile, int64_t(12 * (10000 / 12 + 1)));
        QCOMPARE(d.rowsUnlabeled, int64_t(2 * (10000 / 12 + 1)));
        QCOMPARE(d.examples.back().row, d.rowsInFile - 1);
        qInfo("loaded %lld MNLI rows (%zu bytes) in %.1f ms", static_cast<long long>(d.rowsInFile),
              static_cast<size_t>(std::filesystem::file_size(path)), ms);
    }
};

QTEST_GUILESS_MAIN(TestDatasetFormats)
#include "test_dataset_formats.moc"

// DatasetSpec strings: parsing, formatting (round trip) and the errors of bad specs.
#include "core/data/dataset_spec.h"
#include "tests/datasets/dataset_test_util.h"

#include <QtTest>

using bs::DatasetSpec;
using bs::test::errorOf;

class TestDatasetSpec : public QObject {
    Q_OBJECT
private slots:
    void parsesEveryKey() {
        const DatasetSpec s = bs::parseDatasetSpec(
            "data/hans.txt:hans:heuristic=lexical_overlap|subsequence,gold_label=non-entailment,"
            "samples=500,sampling=random,seed=17");
        QCOMPARE(s.path, std::filesystem::path("data/hans.txt"));
        QCOMPARE(s.format, std::string("hans"));
        QCOMPARE(s.filters.size(), size_t(2));
        QCOMPARE(s.filters[0].first, std::string("heuristic"));
        QCOMPARE(s.filters[0].second, (std::vector<std::string>{"lexical_overlap", "subsequence"}));
        QCOMPARE(s.filters[1].first, std::string("gold_label"));
        QCOMPARE(s.samples, int64_t(500));
        QVERIFY(s.sampling == DatasetSpec::Sampling::Random);
        QCOMPARE(s.seed, uint64_t(17));

        const DatasetSpec m = bs::parseDatasetSpec(
            "x.jsonl:jsonl:text_a=premise,text_b=hypothesis,label=gold,labels=e|n|c");
        QCOMPARE(m.textAColumn, std::string("premise"));
        QCOMPARE(m.textBColumn, std::string("hypothesis"));
        QCOMPARE(m.labelColumn, std::string("gold"));
        QCOMPARE(m.labelNames, (std::vector<std::string>{"e", "n", "c"}));
        QVERIFY(m.filters.empty());

        // On a fixed layout "label=" is a filter on the label.
        const DatasetSpec c = bs::parseDatasetSpec("in_domain_dev.tsv:cola:label=1");
        QCOMPARE(c.filters.size(), size_t(1));
        QCOMPARE(c.filters[0].first, std::string("label"));
        QVERIFY(c.labelColumn.empty());
    }

    void fileMayContainColons() {
        const DatasetSpec s = bs::parseDatasetSpec("C:\\data\\dev:1.tsv:MNLI:samples=3");
        QCOMPARE(s.path.string(), std::string("C:\\data\\dev:1.tsv"));
        QCOMPARE(s.format, std::string("mnli"));
        QCOMPARE(s.samples, int64_t(3));
        const DatasetSpec plain = bs::parseDatasetSpec("/runs/csv:x/pairs.csv:csv");
        QCOMPARE(plain.path.string(), std::string("/runs/csv:x/pairs.csv"));
        QCOMPARE(plain.format, std::string("csv"));
    }

    void escapes() {
        const DatasetSpec s = bs::parseDatasetSpec("f.csv:csv:note=a\\,b|c\\|d|e\\\\f");
        QCOMPARE(s.filters[0].second, (std::vector<std::string>{"a,b", "c|d", "e\\f"}));
    }

    void roundTrip() {
        const std::vector<std::string> texts{
            "dev_matched.tsv:mnli",
            "dev_matched.tsv:mnli:genre=fiction|travel,gold_label=entailment,samples=100",
            "heuristics_evaluation_set.txt:hans:heuristic=lexical_overlap,gold_label=non-"
            "entailment,samples=1000,sampling=random,seed=3",
            "x.jsonl:jsonl:source=a\\,b|c,text_a=premise,text_b=hypothesis,label=gold,labels="
            "entail\\|ment|neutral,samples=2",
            "in_domain_dev.tsv:cola:label=acceptable",
            "p.csv:csv:genre=,seed=18446744073709551615",
        };
        for (const std::string& text : texts) {
            const DatasetSpec spec = bs::parseDatasetSpec(text);
            QCOMPARE(bs::formatDatasetSpec(spec), text);
            QVERIFY(bs::parseDatasetSpec(bs::formatDatasetSpec(spec)) == spec);
        }
        // Built in code, then through a string and back.
        DatasetSpec spec;
        spec.path = "/data/dir with space/dev.tsv";
        spec.format = "qqp";
        spec.filters = {{"qid1", {"1,2", "3|4"}}};
        spec.samples = 7;
        spec.sampling = DatasetSpec::Sampling::Random;
        spec.seed = 99;
        QVERIFY(bs::parseDatasetSpec(bs::formatDatasetSpec(spec)) == spec);
        // A label filter keyed "label" on csv is written as gold_label (label= maps a column).
        DatasetSpec csv;
        csv.path = "a.csv";
        csv.format = "csv";
        csv.filters = {{"label", {"1"}}};
        QCOMPARE(bs::formatDatasetSpec(csv), std::string("a.csv:csv:gold_label=1"));
    }

    void errors() {
        const auto parseError = [](const std::string& text) {
            return errorOf([&] { bs::parseDatasetSpec(text); });
        };
        BS_VERIFY_CONTAINS(parseError("dev.tsv"), "expected FILE:FORMAT");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnlii"), "mnli, qqp, cola, hans, paws, jsonl, csv");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:samples=-2"), "samples must be a non-negative");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:samples=ten"), "found 'ten'");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:sampling=shuffle"),
                           "sampling must be 'first' or 'random'");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:seed=x"), "seed must be");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:genre"), "is not key=value");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:genre=a,,x=b"), "empty option");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:genre=a,genre=b"), "genre=a|b");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:text_a=premise"),
                           "applies to jsonl and csv only");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:labels=a|b"), "fixed label names");
        BS_VERIFY_CONTAINS(parseError("x.jsonl:jsonl:labels=entailment|ENTAILMENT"),
                           "labels= names 'entailment' and 'ENTAILMENT'");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:label=a,gold_label=b"), "given twice");
        BS_VERIFY_CONTAINS(parseError("dev.tsv:mnli:"), "nothing after the last ':'");
    }

    void validateCatchesBuiltSpecs() {
        DatasetSpec spec;
        spec.path = "dev.tsv";
        spec.format = "mnli";
        spec.filters = {{"genre", {}}};
        BS_VERIFY_CONTAINS(errorOf([&] { bs::validateDatasetSpec(spec); }), "has no values");
        spec.filters.clear();
        spec.samples = -1;
        BS_VERIFY_CONTAINS(errorOf([&] { bs::validateDatasetSpec(spec); }), "samples must be >= 0");
        spec.samples = 0;
        spec.format = "tsv";
        BS_VERIFY_CONTAINS(errorOf([&] { bs::validateDatasetSpec(spec); }), "unknown format 'tsv'");
    }
};

QTEST_GUILESS_MAIN(TestDatasetSpec)
#include "test_dataset_spec.moc"

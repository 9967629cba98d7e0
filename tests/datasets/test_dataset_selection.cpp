// Filters (single key, alternatives, several keys, label names) and both sampling modes.
// Expected sampled rows come from sampling_reference.py (a Python version of the algorithm).
#include "core/data/sampling.h"
#include "tests/datasets/dataset_test_util.h"

#include <QtTest>

using bs::test::errorOf;
using bs::test::loadData;
using bs::test::rowsOf;
using Rows = std::vector<int64_t>;

class TestDatasetSelection : public QObject {
    Q_OBJECT
private slots:
    void singleKey() {
        const bs::Dataset d = loadData("mnli/dev_matched.tsv", "mnli:genre=government");
        QCOMPARE(rowsOf(d), (Rows{1, 6, 11}));
        QCOMPARE(d.rowsAfterFilter, int64_t(3));
        QCOMPARE(d.rowsInFile, int64_t(12));
    }

    void alternatives() {
        // Row 10 (fiction) has gold_label "-" and stays out.
        const bs::Dataset d = loadData("mnli/dev_matched.tsv", "mnli:genre=fiction|travel");
        QCOMPARE(rowsOf(d), (Rows{3, 4, 7, 9}));
    }

    void severalKeys() {
        const bs::Dataset d = loadData("mnli/dev_matched.tsv",
                                       "mnli:genre=government|telephone,gold_label=entailment");
        QCOMPARE(rowsOf(d), (Rows{1, 8, 11}));
    }

    void anyColumnIncludingParses() {
        const bs::Dataset d = loadData("mnli/dev_matched.tsv", "mnli:label1=contradiction");
        QCOMPARE(rowsOf(d), (Rows{2, 6, 9})); // row 10 also has label1 contradiction but "-"
    }

    void hansLexicalOverlapNonEntailing() {
        // The paper's HANS-LO set.
        const bs::Dataset d = loadData("hans/heuristics_evaluation_set.txt",
                                       "hans:heuristic=lexical_overlap,gold_label=non-entailment");
        QCOMPARE(rowsOf(d), (Rows{0, 1}));
        for (const bs::Example& e : d.examples) {
            QCOMPARE(e.fields.at("heuristic"), std::string("lexical_overlap"));
            QCOMPARE(e.label, int64_t(1));
        }
        // Label names match ignoring case, '-', '_' and the non/not prefix.
        const bs::Dataset spelled = loadData("hans/heuristics_evaluation_set.txt",
                                             "hans:gold_label=NOT_ENTAILMENT,subcase=cn_adverb");
        QCOMPARE(rowsOf(spelled), (Rows{9}));
    }

    void labelByValueOrName() {
        // Fixed formats: "label=" filters on the label, as written (1) or by name.
        const bs::Dataset byName = loadData("cola/in_domain_dev.tsv", "cola:label=acceptable");
        const bs::Dataset byValue = loadData("cola/in_domain_dev.tsv", "cola:label=1");
        QCOMPARE(rowsOf(byName), (Rows{0, 2, 4, 6, 8}));
        QCOMPARE(rowsOf(byValue), rowsOf(byName));
        const bs::Dataset qqp = loadData("qqp/dev.tsv", "qqp:gold_label=duplicate");
        QCOMPARE(rowsOf(qqp), (Rows{0, 2, 3, 7, 8}));
        const bs::Dataset column = loadData("qqp/dev.tsv", "qqp:is_duplicate=1");
        QCOMPARE(rowsOf(column), rowsOf(qqp));
    }

    void jsonlAndCsvFilters() {
        const bs::Dataset j = loadData("jsonl/mnli_hf.jsonl",
                                       "jsonl:labels=entailment|neutral|contradiction,idx=1|5");
        QCOMPARE(rowsOf(j), (Rows{1, 5})); // numbers compare as their JSON text
        const bs::Dataset j2 = loadData(
            "jsonl/mnli_hf.jsonl", "jsonl:labels=entailment|neutral|contradiction,gold_label=2");
        QCOMPARE(rowsOf(j2), (Rows{1, 5})); // label by index ...
        const bs::Dataset j3 =
            loadData("jsonl/mnli_hf.jsonl",
                     "jsonl:labels=entailment|neutral|contradiction,gold_label=contradiction");
        QCOMPARE(rowsOf(j3), (Rows{1, 5})); // ... or by name
        const bs::Dataset c =
            loadData("csv/reviews.csv", "csv:text_a=review,label=score,site=imdb");
        QCOMPARE(rowsOf(c), (Rows{2, 3}));
    }

    void noMatchListsValues() {
        const std::string message = errorOf(
            [] { loadData("hans/heuristics_evaluation_set.txt", "hans:heuristic=lexical"); });
        BS_VERIFY_CONTAINS(message, "heuristics_evaluation_set.txt");
        BS_VERIFY_CONTAINS(message, "match none of the 12");
        BS_VERIFY_CONTAINS(message, "'lexical_overlap'");
        BS_VERIFY_CONTAINS(message, "'subsequence'");
    }

    void firstN() {
        const bs::Dataset d = loadData("mnli/dev_matched.tsv", "mnli:samples=4");
        QCOMPARE(rowsOf(d), (Rows{0, 1, 2, 3}));
        QCOMPARE(d.rowsAfterFilter, int64_t(10));
        const bs::Dataset filtered =
            loadData("mnli/dev_matched.tsv", "mnli:genre=fiction|travel,samples=2");
        QCOMPARE(rowsOf(filtered), (Rows{3, 4})); // first N after filtering
    }

    void randomMatchesReference() {
        // Labelled rows are 0,1,2,3,4,6,7,8,9,11; the reference draws positions
        // [0,4,6,7] for seed 7 and [1,2,3,5] for seed 8 (sampling_reference.py 10 4 SEED).
        const bs::Dataset a =
            loadData("mnli/dev_matched.tsv", "mnli:samples=4,sampling=random,seed=7");
        QCOMPARE(rowsOf(a), (Rows{0, 4, 7, 8}));
        const bs::Dataset b =
            loadData("mnli/dev_matched.tsv", "mnli:samples=4,sampling=random,seed=8");
        QCOMPARE(rowsOf(b), (Rows{1, 2, 3, 6}));
        // Reproducible.
        const bs::Dataset again =
            loadData("mnli/dev_matched.tsv", "mnli:samples=4,sampling=random,seed=7");
        QCOMPARE(rowsOf(again), rowsOf(a));
        QCOMPARE(again.examples[1].textA, a.examples[1].textA);
    }

    void randomDiffersAcrossSeedsAndKeepsFileOrder() {
        std::set<Rows> distinct;
        for (uint64_t seed = 0; seed < 8; ++seed) {
            const Rows rows = bs::sampleRows(1000, 20, bs::DatasetSpec::Sampling::Random, seed);
            QCOMPARE(rows.size(), size_t(20));
            QVERIFY(std::is_sorted(rows.begin(), rows.end()));
            QVERIFY(std::adjacent_find(rows.begin(), rows.end()) == rows.end()); // no repeats
            QVERIFY(rows.front() >= 0 && rows.back() < 1000);
            distinct.insert(rows);
        }
        QCOMPARE(distinct.size(), size_t(8));
        QCOMPARE(bs::sampleRows(1000, 6, bs::DatasetSpec::Sampling::Random, 42),
                 (Rows{26, 182, 338, 413, 552, 942}));
        QCOMPARE(
            bs::sampleRows(1000000, 5, bs::DatasetSpec::Sampling::Random, 18446744073709551615ULL),
            (Rows{443936, 654736, 780523, 808593, 832990}));
        // All rows, in order, when N equals the rows (or is 0).
        QCOMPARE(bs::sampleRows(5, 5, bs::DatasetSpec::Sampling::Random, 3), (Rows{0, 1, 2, 3, 4}));
        QCOMPARE(bs::sampleRows(3, 0, bs::DatasetSpec::Sampling::Random, 3), (Rows{0, 1, 2}));
    }

    void splitMix64KnownValues() {
        // Reference outputs (also in sampling_reference.py --raw).
        bs::SplitMix64 zero(0);
        QCOMPARE(zero.next(), uint64_t(16294208416658607535ULL));
        QCOMPARE(zero.next(), uint64_t(7960286522194355700ULL));
        bs::SplitMix64 g(1234567);
        QCOMPARE(g.next(), uint64_t(6457827717110365317ULL));
        QCOMPARE(g.next(), uint64_t(3203168211198807973ULL));
        QCOMPARE(g.next(), uint64_t(9817491932198370423ULL));
        // A bound just above 2^63 rejects about half the draws (the first one here).
        bs::SplitMix64 r(3);
        const uint64_t bound = (uint64_t(1) << 63) + 1;
        QCOMPARE(r.below(bound), uint64_t(3694763184872335752ULL));
        QCOMPARE(r.below(bound), uint64_t(2084015055746161920ULL));
        QCOMPARE(r.below(bound), uint64_t(2512858195355979526ULL));
    }

    void tooManySamples() {
        const std::string message =
            errorOf([] { loadData("mnli/dev_matched.tsv", "mnli:genre=travel,samples=3"); });
        BS_VERIFY_CONTAINS(message, "dev_matched.tsv");
        BS_VERIFY_CONTAINS(message, "asked for 3 samples but only 2 rows");
        const std::string random = errorOf(
            [] { loadData("mnli/dev_matched.tsv", "mnli:samples=11,sampling=random,seed=1"); });
        BS_VERIFY_CONTAINS(random, "only 10 rows");
    }
};

QTEST_GUILESS_MAIN(TestDatasetSelection)
#include "test_dataset_selection.moc"

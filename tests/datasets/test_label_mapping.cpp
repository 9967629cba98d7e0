// Matching dataset labels to a model's id2label by name, including the HANS max rule.
#include "core/data/label_mapping.h"
#include "tests/datasets/dataset_test_util.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using bs::mapLabels;
using bs::test::errorOf;
using Indices = std::vector<std::vector<int64_t>>;
using Names = std::vector<std::string>;

namespace {

// id2label of a fixture config.json, read directly (index order).
Names fixtureLabels(const std::string& model) {
    const auto config = nlohmann::json::parse(
        bs::test::readFile(bs::test::fixturesDir() / "hf" / model / "config.json"));
    Names names(config.at("id2label").size());
    for (const auto& [key, value] : config.at("id2label").items())
        names.at(std::stoul(key)) = value.get<std::string>();
    return names;
}

} // namespace

class TestLabelMapping : public QObject {
    Q_OBJECT
private slots:
    void sameNamesAnyOrderAndSpelling() {
        // roberta-large-mnli style: upper case, another order.
        const bs::LabelMapping m = mapLabels({"entailment", "neutral", "contradiction"},
                                             {"CONTRADICTION", "NEUTRAL", "ENTAILMENT"});
        QCOMPARE(m.modelIndices, (Indices{{2}, {1}, {0}}));
        QVERIFY(!m.isIdentity());
        QCOMPARE(m.describe(), std::string("entailment <- ENTAILMENT (2); neutral <- NEUTRAL (1); "
                                           "contradiction <- CONTRADICTION (0)"));
        const bs::LabelMapping same =
            mapLabels({"not_duplicate", "duplicate"}, {"Not Duplicate", "DUPLICATE"});
        QCOMPARE(same.modelIndices, (Indices{{0}, {1}}));
        QVERIFY(same.isIdentity());
    }

    void hansOnThreeWayModelTakesTheMax() {
        const bs::Dataset hans = bs::test::loadData("hans/heuristics_evaluation_set.txt", "hans");
        const bs::LabelMapping m =
            mapLabels(hans.labelNames, {"entailment", "neutral", "contradiction"});
        QCOMPARE(m.modelIndices, (Indices{{0}, {1, 2}}));
        QCOMPARE(m.describe(), std::string("entailment <- entailment (0); non-entailment <- "
                                           "max(neutral (1), contradiction (2))"));
        QVERIFY(!m.isIdentity());
        // The max rule does not depend on the model's order.
        const bs::LabelMapping other =
            mapLabels(hans.labelNames, {"contradiction", "entailment", "neutral"});
        QCOMPARE(other.modelIndices, (Indices{{1}, {0, 2}}));
    }

    void negationSpellings() {
        QVERIFY(bs::sameLabelName("non-entailment", "not_entailment"));
        QVERIFY(bs::sameLabelName("NON_ENTAILMENT", "non entailment"));
        QVERIFY(!bs::sameLabelName("entailment", "non-entailment"));
        QVERIFY(!bs::sameLabelName("note", "none"));
        QCOMPARE(bs::normalizeLabelName("Not_Entail-ment "), std::string("notentailment"));
        // An RTE-style 2-way model on HANS: direct match, no max.
        const bs::LabelMapping m =
            mapLabels({"entailment", "non-entailment"}, {"entailment", "not_entailment"});
        QCOMPARE(m.modelIndices, (Indices{{0}, {1}}));
    }

    void pawsOnQqpModel() {
        const bs::Dataset paws = bs::test::loadData("paws/dev_and_test.tsv", "paws");
        const bs::Dataset qqp = bs::test::loadData("qqp/dev.tsv", "qqp");
        QCOMPARE(paws.labelNames, qqp.labelNames);
        QCOMPARE(mapLabels(paws.labelNames, {"not_duplicate", "duplicate"}).modelIndices,
                 (Indices{{0}, {1}}));
    }

    void integerLabelsMatchGenericNames() {
        const bs::LabelMapping m = mapLabels({"0", "1", "2"}, {"LABEL_0", "LABEL_1", "LABEL_2"});
        QVERIFY(m.isIdentity());
        const bs::LabelMapping partial = mapLabels({"1", "0"}, {"LABEL_0", "LABEL_1", "LABEL_2"});
        QCOMPARE(partial.modelIndices, (Indices{{1}, {0}}));
    }

    void genericModelNamesAreAnError() {
        BS_REQUIRE_FIXTURES();
        const Names model = fixtureLabels("bert-seed1");
        QCOMPARE(model, (Names{"LABEL_0", "LABEL_1", "LABEL_2"}));
        const bs::Dataset hans = bs::test::loadData("hans/heuristics_evaluation_set.txt", "hans");
        const std::string message = errorOf([&] { mapLabels(hans.labelNames, model); });
        BS_VERIFY_CONTAINS(message, "cannot match dataset label 'entailment'");
        BS_VERIFY_CONTAINS(message, "dataset labels: entailment, non-entailment");
        BS_VERIFY_CONTAINS(message, "model labels (id2label): 0=LABEL_0, 1=LABEL_1, 2=LABEL_2");
        BS_VERIFY_CONTAINS(message, "generic names");
        BS_VERIFY_CONTAINS(message, "--model-labels entailment,neutral,contradiction");
        // With the names given as the CLI would pass them, HANS maps by the max rule.
        const bs::LabelMapping named =
            mapLabels(hans.labelNames, {"entailment", "neutral", "contradiction"});
        QCOMPARE(named.modelIndices.size(), size_t(2));

        const bs::Dataset mnli = bs::test::loadData("mnli/dev_matched.tsv", "mnli");
        const std::string mnliMessage = errorOf([&] { mapLabels(mnli.labelNames, model); });
        BS_VERIFY_CONTAINS(mnliMessage, "dataset labels: entailment, neutral, contradiction");
        BS_VERIFY_CONTAINS(mnliMessage, "--model-labels entailment,neutral,contradiction");
    }

    void unmatchedNamedLabel() {
        const std::string message = errorOf([] {
            mapLabels({"acceptable", "unacceptable"}, {"positive", "negative"});
        });
        BS_VERIFY_CONTAINS(message, "cannot match dataset label 'acceptable'");
        BS_VERIFY_CONTAINS(message, "0=positive, 1=negative");
        BS_VERIFY_CONTAINS(message, "--model-labels acceptable,unacceptable");
    }

    void repeatedNamesAreAnError() {
        BS_VERIFY_CONTAINS(errorOf([] {
                               mapLabels({"a"}, {"Entailment", "entailment"});
                           }),
                           "model labels 'Entailment' and 'entailment'");
        // A logit that would score two dataset labels.
        BS_VERIFY_CONTAINS(errorOf([] {
                               mapLabels({"entailment", "non-entailment", "neutral"},
                                         {"entailment", "neutral", "contradiction"});
                           }),
                           "both match model label 'neutral'");
    }
};

QTEST_GUILESS_MAIN(TestLabelMapping)
#include "test_label_mapping.moc"

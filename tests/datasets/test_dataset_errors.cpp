// Every reader error names the file, and the line (and column) where there is one.
#include "tests/datasets/dataset_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using bs::test::errorOf;
using bs::test::loadData;

class TestDatasetErrors : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // Writes `content` to a file in the temporary folder and returns its path.
    std::string write(const std::string& name, const std::string& content) {
        const std::string path =
            (std::filesystem::path(m_dir.path().toStdString()) / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    static std::string loadError(const std::string& spec) {
        return errorOf([&] { bs::loadDataset(bs::parseDatasetSpec(spec)); });
    }

private slots:
    void wrongColumnCount() {
        const std::string message = errorOf([] { loadData("broken/mnli_short_row.tsv", "mnli"); });
        BS_VERIFY_CONTAINS(message,
                           "mnli_short_row.tsv line 17: expected 16 tab-separated columns");
        BS_VERIFY_CONTAINS(message, "found 15");
        // Headerless CoLA lists its column names.
        const std::string cola =
            loadError(write("cola.tsv", "gj04\t1\t\tFine.\ngj04\t0\t*\n") + ":cola");
        BS_VERIFY_CONTAINS(cola, "cola.tsv line 2: expected 4 tab-separated columns "
                                 "(source, label, original_mark, sentence), found 3");
        const std::string csv =
            loadError(write("short.csv", "text,label\n\"a, b\",1\nc\n") + ":csv");
        BS_VERIFY_CONTAINS(csv, "short.csv line 3: expected 2 comma-separated columns");
    }

    void missingHeaderColumns() {
        const std::string path =
            write("qqp.tsv", "id\tqid1\tqid2\tquestion1\tquestion2\n1\t2\t3\ta\tb\n");
        const std::string message = loadError(path + ":qqp");
        BS_VERIFY_CONTAINS(message, "qqp.tsv line 1: header lacks column(s) is_duplicate");
        BS_VERIFY_CONTAINS(message, "id, qid1, qid2, question1, question2, is_duplicate");
        // QQP given as MNLI: the MNLI header is listed.
        const std::string qqp = errorOf([] { loadData("qqp/dev.tsv", "mnli"); });
        BS_VERIFY_CONTAINS(qqp, "dev.tsv line 1: header lacks column(s) sentence1, sentence2, "
                                "gold_label");
        BS_VERIFY_CONTAINS(qqp, "label5, gold_label; found id, qid1");
        // HANS has MNLI's text and label columns, so its labels are what gives it away.
        const std::string hans =
            errorOf([] { loadData("hans/heuristics_evaluation_set.txt", "mnli"); });
        BS_VERIFY_CONTAINS(hans, "heuristics_evaluation_set.txt line 2, column 'gold_label': "
                                 "unknown label 'non-entailment'");
    }

    void unknownLabel() {
        const std::string path =
            write("hans.txt",
                  "gold_label\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\t"
                  "sentence2_parse\tsentence1\tsentence2\tpairID\theuristic\tsubcase\ttemplate\n"
                  "entailment\t(a)\t(b)\t(A)\t(B)\ta\tb\tex0\tlexical_overlap\tle_passive\ttemp1\n"
                  "entailed\t(a)\t(b)\t(A)\t(B)\ta\tb\tex1\tlexical_overlap\tle_passive\ttemp1\n");
        const std::string message = loadError(path + ":hans");
        BS_VERIFY_CONTAINS(message,
                           "hans.txt line 3, column 'gold_label': unknown label 'entailed'");
        BS_VERIFY_CONTAINS(message, "'entailment', 'non-entailment'");
        // CoLA: the hint that there is no header row.
        const std::string cola =
            loadError(write("cola_header.tsv", "source\tlabel\tmark\tsentence\n") + ":cola");
        BS_VERIFY_CONTAINS(cola, "line 1, column 'label': unknown label 'label'");
        BS_VERIFY_CONTAINS(cola, "no header row");
        // labels= given: the value must be one of the names or an index.
        const std::string named = errorOf(
            [] { loadData("jsonl/string_labels.jsonl", "jsonl:labels=entailment|neutral"); });
        BS_VERIFY_CONTAINS(named, "string_labels.jsonl line 2: key 'label' (label): unknown label "
                                  "'contradiction'");
        BS_VERIFY_CONTAINS(named, "'entailment', 'neutral'");
        // Automatic labels: integers and strings do not mix; no negative integers.
        const std::string mixed = loadError(
            write("mixed.jsonl",
                  "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": \"x\"}\n") +
            ":jsonl");
        BS_VERIFY_CONTAINS(mixed, "mixed.jsonl line 2");
        BS_VERIFY_CONTAINS(mixed, "labels=name0|name1");
        const std::string negative =
            loadError(write("neg.jsonl", "{\"text\": \"a\", \"label\": -1}\n") + ":jsonl");
        BS_VERIFY_CONTAINS(negative, "neg.jsonl line 1");
        BS_VERIFY_CONTAINS(negative, "negative");
        const std::string real =
            loadError(write("real.jsonl", "{\"text\": \"a\", \"label\": 1.5}\n") + ":jsonl");
        BS_VERIFY_CONTAINS(real, "must be a string or an integer, found 1.5");
    }

    void emptyAndHeaderOnlyFiles() {
        BS_VERIFY_CONTAINS(loadError(write("empty.tsv", "") + ":mnli"),
                           "empty.tsv: dataset file is empty");
        BS_VERIFY_CONTAINS(loadError(write("blank.jsonl", "\n\n") + ":jsonl"),
                           "blank.jsonl: dataset file is empty");
        BS_VERIFY_CONTAINS(
            loadError(write("header.tsv", "id\tsentence1\tsentence2\tlabel\n") + ":paws"),
            "header.tsv: the file has a header but no data rows");
        const std::string onlyDash = loadError(
            write("dash.tsv",
                  "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\t"
                  "sentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tgold_label\n"
                  "0\t1\t1n\tslate\t(a)\t(b)\t(A)\t(B)\ta\tb\tneutral\t-\n") +
            ":mnli");
        BS_VERIFY_CONTAINS(onlyDash, "dash.tsv: no labelled rows");
    }

    void blankLines() {
        // Trailing blank lines are fine, one in the middle is an error naming its line.
        const std::string ok =
            write("trail.tsv", "id\tsentence1\tsentence2\tlabel\n1\ta\tb\t0\n\n\n");
        QCOMPARE(bs::loadDataset(bs::parseDatasetSpec(ok + ":paws")).examples.size(), size_t(1));
        const std::string middle = loadError(
            write("middle.tsv", "id\tsentence1\tsentence2\tlabel\n1\ta\tb\t0\n\n2\tc\td\t1\n") +
            ":paws");
        BS_VERIFY_CONTAINS(middle, "middle.tsv line 3: blank line");
    }

    void badJson() {
        const std::string message = errorOf([] { loadData("broken/bad_json.jsonl", "jsonl"); });
        BS_VERIFY_CONTAINS(message, "bad_json.jsonl line 3, column ");
        BS_VERIFY_CONTAINS(message, "invalid JSON");
        BS_VERIFY_CONTAINS(loadError(write("array.jsonl", "[1, 2]\n") + ":jsonl"),
                           "array.jsonl line 1: expected one JSON object per line, found array");
        BS_VERIFY_CONTAINS(
            loadError(write("notext.jsonl", "{\"premise\": \"a\", \"label\": 0}\n"
                                            "{\"label\": 1}\n") +
                      ":jsonl"),
            "notext.jsonl line 2: record has no key 'premise' (text_a); keys: label");
        BS_VERIFY_CONTAINS(
            loadError(write("numtext.jsonl", "{\"text\": 5, \"label\": 0}\n") + ":jsonl"),
            "numtext.jsonl line 1: key 'text' (text_a) must be a string, found number");
        BS_VERIFY_CONTAINS(
            loadError(write("ids.jsonl", "{\"input_ids\": [101, \"x\"], \"label\": 0}\n") +
                      ":jsonl"),
            "ids.jsonl line 1: key 'input_ids' item 1 must be a non-negative integer");
        BS_VERIFY_CONTAINS(
            loadError(
                write("types.jsonl",
                      "{\"input_ids\": [101, 102], \"token_type_ids\": [0], \"label\": 0}\n") +
                ":jsonl"),
            "types.jsonl line 1: key 'token_type_ids' has 1 items but input_ids has 2");
        BS_VERIFY_CONTAINS(
            loadError(write("padded.jsonl", "{\"input_ids\": [101, 102, 0], \"attention_mask\": "
                                            "[1, 1, 0], \"label\": 0}\n") +
                      ":jsonl"),
            "padded.jsonl line 1: attention_mask has zeros");
        BS_VERIFY_CONTAINS(errorOf([] { loadData("jsonl/pretokenized.jsonl", "jsonl:text_b=b"); }),
                           "pretokenized.jsonl: text_b=b given, but the records are pre-tokenized");
    }

    void badCsvQuotes() {
        const std::string message = errorOf([] { loadData("broken/unclosed_quote.csv", "csv"); });
        BS_VERIFY_CONTAINS(message,
                           "unclosed_quote.csv line 2, column 3: quoted field is not closed");
        BS_VERIFY_CONTAINS(loadError(write("stray.csv", "text,label\nsay \"hi\",1\n") + ":csv"),
                           "stray.csv line 2, column 5: '\"' inside an unquoted field");
        BS_VERIFY_CONTAINS(loadError(write("after.csv", "text,label\n\"a\"b,1\n") + ":csv"),
                           "after.csv line 2, column 4: expected ',' or the end of the line");
    }

    void unreadableFiles() {
        const std::string missing = loadError(
            (std::filesystem::path(m_dir.path().toStdString()) / "nope.tsv").string() + ":mnli");
        BS_VERIFY_CONTAINS(missing, "nope.tsv: cannot read dataset: no such file");
        BS_VERIFY_CONTAINS(loadError(m_dir.path().toStdString() + ":mnli"), "this is a directory");
        const std::string locked = write("locked.tsv", "x\n");
        std::filesystem::permissions(locked, std::filesystem::perms::none);
        if (std::ifstream(locked).good()) {
            std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
            QSKIP("running as root: files without permissions are still readable");
        }
        BS_VERIFY_CONTAINS(loadError(locked + ":mnli"),
                           "locked.tsv: cannot open dataset: Permission denied");
        std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
    }

    void filterKeyIsNotAColumn() {
        const std::string message = errorOf([] {
            loadData("hans/heuristics_evaluation_set.txt", "hans:heuristics=lexical_overlap");
        });
        BS_VERIFY_CONTAINS(
            message, "heuristics_evaluation_set.txt: filter key 'heuristics' is not a column");
        BS_VERIFY_CONTAINS(message, "pairID, heuristic, subcase, template");
        const std::string json =
            errorOf([] { loadData("jsonl/pretokenized.jsonl", "jsonl:genre=x"); });
        BS_VERIFY_CONTAINS(json, "filter key 'genre' is not a column of this file; columns: "
                                 "input_ids, token_type_ids, label, id");
    }

    void mappingErrors() {
        const std::string noText = errorOf([] { loadData("csv/reviews.csv", "csv"); });
        BS_VERIFY_CONTAINS(noText, "reviews.csv line 1: no text_a column");
        BS_VERIFY_CONTAINS(noText, "columns: review, score, site");
        const std::string wrong =
            errorOf([] { loadData("csv/reviews.csv", "csv:text_a=text,label=score"); });
        BS_VERIFY_CONTAINS(wrong, "reviews.csv line 1: text_a=text is not a column");
        const std::string noLabel =
            errorOf([] { loadData("csv/reviews.csv", "csv:text_a=review"); });
        BS_VERIFY_CONTAINS(noLabel, "no label column");
    }
};

QTEST_GUILESS_MAIN(TestDatasetErrors)
#include "test_dataset_errors.moc"

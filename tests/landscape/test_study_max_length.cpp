// A new study records a max_length its models can take: a longer request is clamped to the
// models' position table (read here from their config.json), never recorded as it was.
#include "core/jobs/study_builder.h"
#include "core/study/study_store.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace bs;
namespace fs = std::filesystem;

namespace {

nlohmann::json readJson(const fs::path& file) {
    std::ifstream in(file);
    return nlohmann::json::parse(in);
}

// A copy of a fixture model's config.json (all that building a study reads of a model) with
// max_position_embeddings set to `positions`.
fs::path modelWithPositions(const fs::path& dir, const fs::path& fixture, int64_t positions) {
    fs::create_directories(dir);
    nlohmann::json config = readJson(fixture / "config.json");
    config["max_position_embeddings"] = positions;
    std::ofstream(dir / "config.json") << config.dump(2);
    fs::copy_file(fixture / "vocab.txt", dir / "vocab.txt");
    return dir;
}

NewStudyOptions optionsFor(const std::vector<fs::path>& models, int64_t maxLength) {
    NewStudyOptions o;
    for (const fs::path& m : models)
        o.models.push_back(m.string());
    o.datasets.push_back(test::fixtureSurfaceDataset());
    o.points = 3;
    o.maxLength = maxLength;
    o.modelLabelNames = test::nliLabels();
    return o;
}

} // namespace

class StudyMaxLength : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void clampedToTheModelsPositions() {
        BS_REQUIRE_FIXTURES();
        const fs::path dir = m_dir.path().toStdString();
        const fs::path fixture = test::fixtureModel("bert-seed1");
        const fs::path a = modelWithPositions(dir / "a", fixture, 48);
        const fs::path b = modelWithPositions(dir / "b", fixture, 48);
        QCOMPARE(readJson(a / "config.json").at("max_position_embeddings").get<int64_t>(), 48);

        Study study = buildStudy(optionsFor({a, b}, 64));
        QCOMPARE(study.maxLength, int64_t(48));
        // The file records the clamped value.
        const fs::path file = dir / "study.h5";
        writeStudy(study, file);
        QCOMPARE(readStudy(file).maxLength, int64_t(48));
        // A request within the limit is kept.
        QCOMPARE(buildStudy(optionsFor({a, b}, 32)).maxLength, int64_t(32));
        QCOMPARE(buildStudy(optionsFor({a, b}, 48)).maxLength, int64_t(48));
    }

    // RoBERTa's positions start after pad_token_id (transformers'
    // create_position_ids_from_input_ids): its table holds pad_token_id + 1 fewer tokens.
    void robertaLeavesRoomForItsPaddingOffset() {
        BS_REQUIRE_FIXTURES();
        const fs::path roberta = test::fixturesDir() / "hf" / "roberta-seed1";
        const nlohmann::json config = readJson(roberta / "config.json");
        const int64_t positions = config.at("max_position_embeddings").get<int64_t>();
        const int64_t pad = config.at("pad_token_id").get<int64_t>();
        Study study = buildStudy(optionsFor({roberta}, 512));
        QCOMPARE(study.maxLength, positions - pad - 1);
    }
};

QTEST_GUILESS_MAIN(StudyMaxLength)
#include "test_study_max_length.moc"

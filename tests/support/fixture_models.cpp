#include "tests/support/fixture_models.h"

#include "core/io/safetensors_writer.h"
#include "core/models/sequence_classifier.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>

namespace bs::test {

namespace fs = std::filesystem;

fs::path fixtureModel(const std::string& name) {
    return fixturesDir() / "hf" / name;
}

fs::path writeBlendedModel(const fs::path& dir, double alpha, double noise, uint64_t seed) {
    fs::create_directories(dir);
    auto a = loadClassifier(fixtureModel("bert-seed1"));
    auto b = loadClassifier(fixtureModel("bert-seed2"));
    at::Generator generator = at::detail::createCPUGenerator(seed);
    std::vector<NamedTensor> tensors;
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < a->parameters().size(); ++i) {
        const at::Tensor& ta = a->parameters().tensor(i);
        const at::Tensor& tb = b->parameters().tensor(i);
        at::Tensor blended = ta * (1.0 - alpha) + tb * alpha;
        if (noise > 0)
            blended += at::normal(0.0, noise, ta.sizes(), generator);
        tensors.push_back({a->parameters()[i].name, blended.contiguous()});
    }
    writeSafetensors(dir / "model.safetensors", tensors);
    fs::copy_file(fixtureModel("bert-seed1") / "config.json", dir / "config.json",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(fixtureModel("bert-seed1") / "vocab.txt", dir / "vocab.txt",
                  fs::copy_options::overwrite_existing);
    return dir;
}

std::vector<std::string> nliLabels() {
    return {"entailment", "neutral", "contradiction"};
}

NamedDatasetSpec fixtureSurfaceDataset() {
    return parseNamedDatasetSpec("mnli=" + (testDataDir() / "mnli" / "dev_matched.tsv").string() +
                                     ":mnli",
                                 DatasetRole::Surface);
}

NamedDatasetSpec fixtureHansDataset() {
    return parseNamedDatasetSpec(
        "hans=" + (testDataDir() / "hans" / "heuristics_evaluation_set.txt").string() + ":hans",
        DatasetRole::Diagnostic);
}

} // namespace bs::test

#pragma once
// Extra model folders for tests, made from the fixture checkpoints (real files, real formats).

#include "core/jobs/study_builder.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bs::test {

// The fixture's BERT folders (bert-seed1, bert-seed2).
std::filesystem::path fixtureModel(const std::string& name);

// Writes a BERT checkpoint folder at `dir` whose parameters are
// (1 - alpha) * bert-seed1 + alpha * bert-seed2 + noise * N(0, 1) (seeded), with the fixture's
// config.json and vocab.txt. A real, distinct model of the same architecture.
std::filesystem::path writeBlendedModel(const std::filesystem::path& dir, double alpha,
                                        double noise, uint64_t seed);

// Label names for the fixture models, whose config.json has generic LABEL_k names.
std::vector<std::string> nliLabels();

// The small MNLI file of tests/data as the surface dataset "mnli", and the HANS file as the
// diagnostic "hans": the datasets most study tests are built on.
NamedDatasetSpec fixtureSurfaceDataset();
NamedDatasetSpec fixtureHansDataset();

} // namespace bs::test

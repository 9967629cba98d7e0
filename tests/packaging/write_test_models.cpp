// write_test_models DIR: six real BERT checkpoints of one architecture, for the script tests
// that need a small zoo whatever demo zoo the tree holds: the fixture models bert-seed1 and
// bert-seed2, and four blends of them with seeded noise written under DIR. Prints one folder
// per line.
// Exits 77 (a skip for ctest) when the fixtures are not there.
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <cstdio>
#include <exception>
#include <filesystem>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: write_test_models DIR\n");
        return 2;
    }
    if (!bs::test::haveFixtures()) {
        std::fprintf(stderr, "SKIP: fixtures folder not found: %s\n",
                     bs::test::fixturesDir().c_str());
        return 77;
    }
    const std::filesystem::path dir = argv[1];
    struct Blend {
        const char* name;
        double alpha, noise;
        uint64_t seed;
    };
    try {
        for (const char* name : {"bert-seed1", "bert-seed2"})
            std::printf("%s\n", bs::test::fixtureModel(name).c_str());
        for (const Blend& b : {Blend{"blend-1", 0.2, 0.02, 11}, Blend{"blend-2", 0.4, 0.05, 12},
                               Blend{"blend-3", 0.6, 0.02, 13}, Blend{"blend-4", 0.8, 0.05, 14}})
            std::printf(
                "%s\n",
                bs::test::writeBlendedModel(dir / b.name, b.alpha, b.noise, b.seed).c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "write_test_models: %s\n", e.what());
        return 1;
    }
    return 0;
}

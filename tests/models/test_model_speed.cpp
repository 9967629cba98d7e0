// Speed of a bert-mini forward (4 layers, hidden 256) against the machine's sgemm rate.

#include "core/io/model_config.h"
#include "core/models/sequence_classifier.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <QtTest/QtTest>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <dlfcn.h>
#include <fstream>
#include <sys/resource.h>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

double processCpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return t.tv_sec * 1e3 + t.tv_usec * 1e-3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct Timing {
    double wallMs = 1e300; // best of the runs
    double cpuMs = 1e300;  // process CPU time (all threads) of the best-CPU run
};

// Best of `reps` runs after one warm-up. CPU time shows the work done even when other
// processes take turns on the cores (wall time then says little).
template <typename F> Timing measure(F&& f, int reps) {
    f();
    Timing t;
    for (int i = 0; i < reps; ++i) {
        const double cpu = processCpuMs();
        const auto start = Clock::now();
        f();
        t.wallMs = std::min(
            t.wallMs, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        t.cpuMs = std::min(t.cpuMs, processCpuMs() - cpu);
    }
    return t;
}

double loadAverage() {
    std::ifstream in("/proc/loadavg");
    double load = 0;
    in >> load;
    return load;
}

// OpenBLAS keeps its own thread pool; ask it (when it is the BLAS) how many it uses.
int openBlasThreads() {
    using Getter = int (*)();
    const auto get = reinterpret_cast<Getter>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return get ? get() : -1;
}

} // namespace

class TestModelSpeed : public QObject {
    Q_OBJECT

private slots:
    void bertMiniForwardReachesHalfOfSgemm();
};

void TestModelSpeed::bertMiniForwardReachesHalfOfSgemm() {
    const c10::InferenceMode inference;
    // sgemm reference: a 2048^2 fp32 product.
    const at::Tensor a = at::randn({2048, 2048});
    const at::Tensor b = at::randn({2048, 2048});
    const double sgemmFlops = 2.0 * 2048 * 2048 * 2048;
    const Timing sgemm = measure([&] { at::mm(a, b); }, 8);
    const double sgemmGflops = sgemmFlops / (sgemm.wallMs * 1e-3) / 1e9;

    // prajjwal1/bert-mini's shape with MNLI's three labels.
    bs::ModelConfig config;
    config.family = bs::ModelFamily::Bert;
    config.modelType = "bert";
    config.vocabSize = 30522;
    config.hiddenSize = 256;
    config.numLayers = 4;
    config.numHeads = 4;
    config.intermediateSize = 1024;
    config.maxPositions = 512;
    config.typeVocabSize = 2;
    config.id2label = {"entailment", "neutral", "contradiction"};
    const auto net = bs::createClassifier(config);
    bs::initializeWeights(*net, 1);

    // A length-sorted MNLI-like batch: 64 pairs of 36..40 tokens padded to 40 (mean ~38).
    const int64_t B = 64, L = 40, H = 256, I = 1024, heads = 4;
    const at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(11);
    bs::TokenBatch batch;
    batch.inputIds = at::randint(1000, 30000, {B, L}, gen, at::kLong);
    batch.attentionMask = at::ones({B, L}, at::kLong);
    batch.tokenTypeIds = at::zeros({B, L}, at::kLong);
    for (int64_t row = 0; row < B; ++row) {
        const int64_t len = 36 + row * 5 / B;
        batch.inputIds[row].narrow(0, len, L - len).zero_();
        batch.attentionMask[row].narrow(0, len, L - len).zero_();
        batch.tokenTypeIds[row].narrow(0, len / 2, len - len / 2).fill_(1);
    }

    at::Tensor logits;
    const Timing forward = measure([&] { logits = net->forward(batch); }, 8);
    QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{B, 3}));
    QVERIFY(logits.isfinite().all().item<bool>());

    // Matmul flops on the padded shape: QKV, attention output, FFN, scores, context, head.
    const double T = static_cast<double>(B * L);
    const double perLayer = 2 * T * H * 3 * H + 2 * T * H * H + 2 * 2 * T * H * I +
                            2 * 2 * static_cast<double>(B) * heads * L * L * (H / heads);
    const double flops = config.numLayers * perLayer + 2.0 * B * H * H + 2.0 * B * H * 3;
    const double gflops = flops / (forward.wallMs * 1e-3) / 1e9;
    const double ratio = gflops / sgemmGflops;
    const double cpuRatio = (flops / forward.cpuMs) / (sgemmFlops / sgemm.cpuMs);
    const double load = loadAverage();
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    qInfo("threads: intra-op %d, OpenBLAS %d; load average %.1f on %u cores", at::get_num_threads(),
          openBlasThreads(), load, cores);
    qInfo("sgemm 2048^2: %.1f ms = %.1f GFLOP/s (CPU time %.1f ms)", sgemm.wallMs, sgemmGflops,
          sgemm.cpuMs);
    qInfo("bert-mini forward 64x40: %.1f ms = %.1f GFLOP/s (%.2f GFLOP), %.0f%% of sgemm; "
          "per CPU second %.0f%% of sgemm's rate",
          forward.wallMs, gflops, flops / 1e9, 100 * ratio, 100 * cpuRatio);
    // Timings mean nothing while other processes compete for the cores.
    if (load > cores + 1.0)
        QSKIP(qPrintable(QStringLiteral("machine busy (load %1 on %2 cores): %3% of sgemm not "
                                        "judged")
                             .arg(load)
                             .arg(cores)
                             .arg(100 * ratio, 0, 'f', 0)));
    QVERIFY2(ratio >= 0.5, qPrintable(QStringLiteral("%1% of sgemm").arg(100 * ratio)));
}

QTEST_GUILESS_MAIN(TestModelSpeed)
#include "test_model_speed.moc"

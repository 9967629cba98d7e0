// The Hessian through double backward: Lanczos eigenvalues and Hutchinson's trace against the
// dense Hessian of the classifier head, formed independently by finite differences of
// first-order gradients and diagonalised by Eigen.
#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/hessian.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "tests/landscape/dense_hessian.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <Eigen/Eigenvalues>
#include <QElapsedTimer>
#include <QtTest>

#include <cmath>

using namespace bs;

class TestHessian : public QObject {
    Q_OBJECT
    Study m_study;
    std::unique_ptr<StudySession> m_session;
    at::Tensor m_point; // bert-seed1 in float64: the dense reference needs the precision
    Eigen::MatrixXd m_dense;
    Eigen::VectorXd m_eigenvalues; // ascending

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        NewStudyOptions options;
        options.models = {test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed2").string()};
        options.datasets.push_back(test::fixtureSurfaceDataset());
        options.modelLabelNames = test::nliLabels();
        m_study = buildStudy(options);
        m_session = std::make_unique<StudySession>(m_study, ComputeOptions{});
        m_point = m_session->cache().get(0).to(at::kDouble);

        // Dense Hessian of the head: central differences of the gradient, column by column.
        HessianOperator op(m_session->space(), m_point, m_session->evaluator(0), "classifier.", 16);
        const int64_t n = op.size();
        QElapsedTimer timer;
        timer.start();
        m_dense = test::denseHessian(op, m_point);
        const double asymmetry = (m_dense - m_dense.transpose()).norm() / m_dense.norm();
        qInfo("dense %lldx%lld Hessian of the classifier head by finite differences in %.1f s "
              "(relative asymmetry %.1e)",
              static_cast<long long>(n), static_cast<long long>(n), timer.elapsed() / 1000.0,
              asymmetry);
        QVERIFY(asymmetry < 1e-6);
        m_dense = (m_dense + m_dense.transpose()) / 2;
        m_eigenvalues = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m_dense).eigenvalues();
    }

    void topEigenvaluesMatchTheDenseHessian() {
        HessianOperator op(m_session->space(), m_point, m_session->evaluator(0), "classifier.", 16);
        HessianOptions options;
        options.topK = 3;
        options.lanczosSteps = op.size(); // a full Krylov space: every eigenvalue exact
        options.traceSamples = 0;
        const HessianValue value = hessianSpectrum(op, options, {});
        QCOMPARE(value.parameters, int64_t(m_dense.rows()));
        QCOMPARE(value.eigenvalues.size(), size_t(3));
        const int64_t n = m_eigenvalues.size();
        for (int64_t k = 0; k < 3; ++k) {
            const double want = m_eigenvalues(n - 1 - k);
            const double got = value.eigenvalues[size_t(k)];
            qInfo("eigenvalue %lld: Lanczos %.10g, dense %.10g (relative %.1e)",
                  static_cast<long long>(k + 1), got, want, std::abs(got - want) / std::abs(want));
            QVERIFY2(std::abs(got - want) <= 1e-4 * std::abs(want),
                     qPrintable(QString("%1 vs %2").arg(got).arg(want)));
        }
        QVERIFY(value.eigenvalues[0] >= value.eigenvalues[1]);
        QVERIFY(std::isnan(value.trace));
    }

    void fewLanczosStepsStayWithinTheirReportedBound() {
        HessianOperator op(m_session->space(), m_point, m_session->evaluator(0), "classifier.", 16);
        HessianOptions options;
        options.topK = 1;
        options.lanczosSteps = 12;
        options.traceSamples = 0;
        const HessianValue value = hessianSpectrum(op, options, {});
        QCOMPARE(value.products, int64_t(12));
        const double top = m_eigenvalues(m_eigenvalues.size() - 1);
        // A Ritz value never exceeds the largest eigenvalue, and one eigenvalue lies within
        // the residual bound of it.
        QVERIFY(value.eigenvalues[0] <= top * (1 + 1e-9));
        double nearest = INFINITY;
        for (int64_t i = 0; i < m_eigenvalues.size(); ++i)
            nearest = std::min(nearest, std::abs(m_eigenvalues(i) - value.eigenvalues[0]));
        // Plus the reference's own error: central differences with h = 1e-4 are exact to
        // O(h^2) relative.
        QVERIFY2(nearest <= value.eigenvalueErrors[0] + 1e-8 * top,
                 qPrintable(QString("%1 > %2").arg(nearest).arg(value.eigenvalueErrors[0])));
    }

    void hutchinsonTraceIsWithinItsStandardError() {
        HessianOperator op(m_session->space(), m_point, m_session->evaluator(0), "classifier.", 16);
        HessianOptions options;
        options.topK = 1;
        options.lanczosSteps = 1;
        options.traceSamples = 64;
        const HessianValue value = hessianSpectrum(op, options, {});
        const double trace = m_dense.trace();
        // Rademacher vectors: Var(v^T H v) = 2 (|H|_F^2 - sum H_ii^2).
        const double variance = 2 * (m_dense.squaredNorm() - m_dense.diagonal().squaredNorm());
        const double exactError = std::sqrt(variance / double(options.traceSamples));
        qInfo("trace: Hutchinson %.8g +- %.2g (exact standard error %.2g), dense %.8g "
              "(off by %.2f standard errors)",
              value.trace, value.traceStandardError, exactError, trace,
              std::abs(value.trace - trace) / value.traceStandardError);
        QVERIFY(value.traceStandardError > exactError / 2 &&
                value.traceStandardError < exactError * 2);
        // The acceptance: within one reported standard error (seed 0; about a third of all
        // seeds would land outside one, none of 64 samples outside three here).
        QVERIFY(std::abs(value.trace - trace) <= value.traceStandardError);
        // Deterministic for the seed.
        const HessianValue again = hessianSpectrum(op, options, {});
        QCOMPARE(again.trace, value.trace);
    }

    void wholeModelSpectrumIsSeededAndCancellable() {
        const at::Tensor point = m_session->cache().get(0);
        HessianOperator op(m_session->space(), point, m_session->evaluator(0), "", 32);
        QCOMPARE(op.size(), m_session->space().size());
        HessianOptions options;
        options.topK = 2;
        options.lanczosSteps = 4;
        options.traceSamples = 2;
        QElapsedTimer timer;
        timer.start();
        const HessianValue a = hessianSpectrum(op, options, {});
        qInfo("whole model (%lld parameters): 6 Hessian-vector products in %.2f s, top %.6g",
              static_cast<long long>(op.size()), timer.elapsed() / 1000.0, a.eigenvalues[0]);
        const HessianValue b = hessianSpectrum(op, options, {});
        QCOMPARE(a.eigenvalues, b.eigenvalues);
        QVERIFY(a.eigenvalues[0] >= a.eigenvalues[1]);
        QVERIFY(std::isfinite(a.trace) && a.traceStandardError > 0);
        int calls = 0;
        const Progress stop([&](int64_t, int64_t, const std::string&) { return ++calls < 3; });
        QVERIFY_THROWS_EXCEPTION(Cancelled, hessianSpectrum(op, options, stop));
        QVERIFY_THROWS_EXCEPTION(
            Error, HessianOperator(m_session->space(), point, m_session->evaluator(0), "nope.", 8));
    }

    void cleanupTestCase() { m_session.reset(); }
};

QTEST_GUILESS_MAIN(TestHessian)
#include "test_hessian.moc"

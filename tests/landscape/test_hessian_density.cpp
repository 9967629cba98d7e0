// The eigenvalue density by stochastic Lanczos quadrature against the dense Hessian of the
// classifier head (formed independently by central differences of first-order gradients, as
// test_hessian does, and diagonalised by Eigen).
//
// Tolerances, derived rather than tuned:
// - Per run, m Lanczos steps give the Gauss quadrature of the measure sum_i (u_i . v)^2
//   delta(lambda_i) of the start vector v, exact for polynomials of degree <= 2m - 1: its
//   moments equal v^T H^k v. What separates them is the reference's own error; central
//   differences with h = 1e-4 in float64 are exact to about 1e-8 relative, and test_hessian
//   bounds the asymmetry of the matrix at 1e-6, so |moment - v^T H^k v| <= k 1e-6 |H|^k
//   (first order in the perturbation of H^k) with |H| the spectral radius.
// - Averaged over R runs with normalised Gaussian start vectors, the weights (u_i . v)^2 / |v|^2
//   are Dirichlet(1/2, ..., 1/2): E = 1/n and Var(sum_i w_i a_i) = 2 Var_i(a) / (n + 2). So
//   with a full Krylov space (m = n) the SLQ density at x is an unbiased estimate of the dense
//   density (1/n) sum_i N(x; lambda_i, sigma^2) with the standard deviation
//   sqrt(2 Var_i(N(x; lambda_i, sigma^2)) / ((n + 2) R)), computed here from the dense
//   eigenvalues; every grid point must lie within 5 of them (a Gaussian tail of 6e-7 per point,
//   1e-4 over the 200 points). The same holds for the moments: tr(H^k) / n.
#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/hessian.h"
#include "core/landscape/hessian_density.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/random_directions.h"
#include "tests/landscape/dense_hessian.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <Eigen/Eigenvalues>
#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <numbers>

using namespace bs;

namespace {

double gaussian(double x, double mean, double sigma) {
    const double z = (x - mean) / sigma;
    return std::exp(-0.5 * z * z) / (sigma * std::sqrt(2 * std::numbers::pi));
}

// Mean and (population) standard deviation of values, computed on values scaled to at most 1:
// far in the tails the densities are ~1e-165 and their squares would underflow to 0.
std::pair<double, double> meanAndDeviation(const Eigen::VectorXd& a) {
    const double scale = a.cwiseAbs().maxCoeff();
    if (!(scale > 0))
        return {0.0, 0.0};
    const Eigen::ArrayXd x = a.array() / scale;
    const double mean = x.mean();
    return {mean * scale, std::sqrt((x - mean).square().mean()) * scale};
}

} // namespace

class TestHessianDensity : public QObject {
    Q_OBJECT
    Study m_study;
    std::unique_ptr<StudySession> m_session;
    at::Tensor m_point; // float64: the dense reference needs the precision
    Eigen::MatrixXd m_dense;
    Eigen::VectorXd m_eigenvalues; // ascending
    double m_radius = 0;

    HessianOperator headOperator() const {
        return HessianOperator(m_session->space(), m_point, m_session->evaluator(0), "classifier.",
                               16);
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        NewStudyOptions options;
        options.models = {test::fixtureModel("bert-seed1").string()};
        options.datasets.push_back(test::fixtureSurfaceDataset());
        options.modelLabelNames = test::nliLabels();
        m_study = buildStudy(options);
        m_session = std::make_unique<StudySession>(m_study, ComputeOptions{});
        m_point = m_session->cache().get(0).to(at::kDouble);
        const HessianOperator op = headOperator();
        const int64_t n = op.size();
        QElapsedTimer timer;
        timer.start();
        m_dense = test::denseHessian(op, m_point);
        const double asymmetry = (m_dense - m_dense.transpose()).norm() / m_dense.norm();
        qInfo("dense %lldx%lld Hessian of the head in %.1f s (relative asymmetry %.1e)",
              static_cast<long long>(n), static_cast<long long>(n), timer.elapsed() / 1000.0,
              asymmetry);
        QVERIFY(asymmetry < 1e-6);
        m_dense = (m_dense + m_dense.transpose()) / 2;
        m_eigenvalues = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m_dense).eigenvalues();
        m_radius = m_eigenvalues.cwiseAbs().maxCoeff();
    }

    void quadratureMomentsAreExactPerRun() {
        const HessianOperator op = headOperator();
        HessianOptions options;
        options.topK = 1;
        options.lanczosSteps = 1;
        options.traceSamples = 0;
        options.densityRuns = 2;
        options.densitySteps = 8;
        options.seed = 5;
        const HessianValue value = hessianSpectrum(op, options, {});
        const HessianDensity& d = value.density;
        QCOMPARE(d.nodes.size(), size_t(2));
        QCOMPARE(value.products, int64_t(1 + 2 * 8));
        const int64_t n = op.size();
        for (size_t r = 0; r < 2; ++r) {
            QCOMPARE(d.nodes[r].size(), size_t(8));
            const at::Tensor start =
                gaussianVector(n, directionSeed(options.seed, 2 + int64_t(r))).to(at::kDouble);
            Eigen::VectorXd v(n);
            for (int64_t i = 0; i < n; ++i)
                v(i) = start[i].item<double>();
            v.normalize();
            Eigen::VectorXd power = v; // H^k v
            for (int k = 0; k <= 2 * 8 - 1; ++k) {
                double moment = 0;
                for (size_t j = 0; j < d.nodes[r].size(); ++j)
                    moment += d.weights[r][j] * std::pow(d.nodes[r][j], k);
                const double want = v.dot(power);
                const double tolerance = std::max(1, k) * 1e-6 * std::pow(m_radius, k);
                QVERIFY2(std::abs(moment - want) <= tolerance,
                         qPrintable(QString("run %1, moment %2: %3 vs %4 (tolerance %5)")
                                        .arg(r)
                                        .arg(k)
                                        .arg(moment, 0, 'g', 12)
                                        .arg(want, 0, 'g', 12)
                                        .arg(tolerance)));
                power = m_dense * power;
            }
        }
        // The density integrates to 1 over its grid (it spans the nodes +- 5 sigma).
        double integral = 0;
        for (size_t k = 1; k < d.grid.size(); ++k)
            integral += (d.grid[k] - d.grid[k - 1]) * (d.density[k] + d.density[k - 1]) / 2;
        QVERIFY2(std::abs(integral - 1) < 1e-3, qPrintable(QString::number(integral)));
    }

    void densityMatchesTheDenseSpectrumWithinItsSamplingError() {
        // The dense matrix itself as the operator: a full Krylov space (m = n) costs no
        // Hessian-vector products, and the quadrature is then exact for the Gaussian too.
        const int64_t n = m_dense.rows();
        const at::Tensor matrix =
            at::from_blob(m_dense.data(), {n, n}, at::kDouble).clone(); // symmetric: no transpose
        const OperatorProduct product = [&](const at::Tensor& v) {
            return at::mv(matrix, v);
        };
        HessianOptions options;
        options.densityRuns = 32;
        options.densitySteps = n;
        options.densityGrid = 200;
        options.seed = 3;
        const HessianDensity d = slqDensity(product, n, matrix, options);
        const double sigma = d.sigma;
        qInfo("%lld eigenvalues in [%.4g, %.4g], sigma %.3g", static_cast<long long>(n),
              m_eigenvalues(0), m_eigenvalues(n - 1), sigma);
        const double runs = double(options.densityRuns);
        double worst = 0;
        for (size_t k = 0; k < d.grid.size(); ++k) {
            Eigen::VectorXd a(n);
            for (int64_t i = 0; i < n; ++i)
                a(i) = gaussian(d.grid[k], m_eigenvalues(i), sigma);
            const auto [want, deviation] = meanAndDeviation(a);
            const double sd = deviation * std::sqrt(2 / (double(n + 2) * runs));
            const double off = std::abs(d.density[k] - want);
            worst = std::max(worst, sd > 0 ? off / sd : 0.0);
            QVERIFY2(off <= 5 * sd + 1e-9 * want,
                     qPrintable(QString("x = %1: SLQ %2, dense %3, sd %4")
                                    .arg(d.grid[k])
                                    .arg(d.density[k])
                                    .arg(want)
                                    .arg(sd)));
        }
        qInfo("density on 200 points: at most %.2f standard deviations from the dense one", worst);
        for (int k : {1, 2}) {
            double moment = 0;
            for (size_t r = 0; r < d.nodes.size(); ++r)
                for (size_t j = 0; j < d.nodes[r].size(); ++j)
                    moment += d.weights[r][j] * std::pow(d.nodes[r][j], k) / runs;
            const auto [want, deviation] =
                meanAndDeviation(m_eigenvalues.array().pow(double(k)).matrix());
            const double sd = deviation * std::sqrt(2 / (double(n + 2) * runs));
            qInfo("moment %d: SLQ %.8g, tr(H^%d)/n %.8g, sd %.2g", k, moment, k, want, sd);
            QVERIFY(std::abs(moment - want) <= 5 * sd);
        }
    }

    void seededRunsReproduceBitForBit() {
        const HessianOperator op = headOperator();
        HessianOptions options;
        options.topK = 1;
        options.lanczosSteps = 1;
        options.traceSamples = 0;
        options.densityRuns = 2;
        options.densitySteps = 5;
        const HessianDensity a = hessianSpectrum(op, options, {}).density;
        const HessianDensity b = hessianSpectrum(op, options, {}).density;
        QVERIFY(a == b);
        options.seed = 1;
        QVERIFY(!(hessianSpectrum(op, options, {}).density == a));
        options.densityGrid = 1;
        QVERIFY_THROWS_EXCEPTION(Error, hessianSpectrum(op, options, {}));
    }

    void cleanupTestCase() { m_session.reset(); }
};

QTEST_GUILESS_MAIN(TestHessianDensity)
#include "test_hessian_density.moc"

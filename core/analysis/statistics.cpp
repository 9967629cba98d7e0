#include "core/analysis/statistics.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace bs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz); converges fast
// for x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    constexpr double eps = 1e-16;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::abs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 100000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny)
            d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny)
            d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::abs(del - 1.0) < eps)
            return h;
    }
    throw Error("incomplete beta: continued fraction did not converge for a = " +
                std::to_string(a) + ", b = " + std::to_string(b) + ", x = " + std::to_string(x));
}

} // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
    if (std::isnan(a) || std::isnan(b) || std::isnan(x))
        return kNaN;
    if (!(a > 0.0) || !(b > 0.0) || x < 0.0 || x > 1.0)
        throw Error(
            "incomplete beta: need a > 0, b > 0 and 0 <= x <= 1, found a = " + std::to_string(a) +
            ", b = " + std::to_string(b) + ", x = " + std::to_string(x));
    if (x == 0.0)
        return 0.0;
    if (x == 1.0)
        return 1.0;
    // x^a (1-x)^b / B(a, b), in logs; log1p keeps (1-x) accurate for small x.
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaContinuedFraction(a, b, x) / a;
    // Symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges for the swapped pair.
    return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTTwoSidedPValue(double t, double dof) {
    if (std::isnan(t) || std::isnan(dof))
        return kNaN;
    if (!(dof > 0.0))
        throw Error("t distribution: degrees of freedom must be positive, found " +
                    std::to_string(dof));
    if (std::isinf(t))
        return 0.0;
    return regularizedIncompleteBeta(0.5 * dof, 0.5, dof / (dof + t * t));
}

double pearsonPValue(double r, int64_t n) {
    if (std::isnan(r) || n < 2)
        return kNaN;
    if (n == 2)
        return 1.0; // two points always lie on a line
    // dof/(dof+t^2) with t^2 = dof r^2/(1-r^2) is exactly 1 - r^2; factored for accuracy near 1.
    const double ar = std::min(1.0, std::abs(r));
    return regularizedIncompleteBeta(0.5 * double(n - 2), 0.5, (1.0 - ar) * (1.0 + ar));
}

Regression linearRegression(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size())
        throw Error("regression: x and y must have the same length, found " +
                    std::to_string(x.size()) + " and " + std::to_string(y.size()));
    std::vector<double> xs, ys;
    for (size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) {
            xs.push_back(x[i]);
            ys.push_back(y[i]);
        }
    Regression out;
    out.n = int64_t(xs.size());
    if (out.n < 2) {
        out.r = out.p = out.slope = out.intercept = kNaN;
        return out;
    }
    const double nd = double(out.n);
    double mx = 0.0, my = 0.0;
    for (size_t i = 0; i < xs.size(); ++i) {
        mx += xs[i];
        my += ys[i];
    }
    mx /= nd;
    my /= nd;
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (size_t i = 0; i < xs.size(); ++i) {
        const double dx = xs[i] - mx, dy = ys[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    out.slope = sxx > 0.0 ? sxy / sxx : kNaN;
    out.intercept = sxx > 0.0 ? my - out.slope * mx : kNaN;
    if (sxx == 0.0 || syy == 0.0) {
        out.r = out.p = kNaN;
        return out;
    }
    if (out.n == 2) {
        out.r = ((xs[1] > xs[0]) == (ys[1] > ys[0])) ? 1.0 : -1.0;
        out.p = 1.0;
        return out;
    }
    out.r = std::clamp(sxy / (std::sqrt(sxx) * std::sqrt(syy)), -1.0, 1.0);
    out.p = pearsonPValue(out.r, out.n);
    return out;
}

} // namespace bs

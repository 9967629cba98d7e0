#pragma once
// Pearson correlation with its two-sided p-value, least squares, and the functions behind them.

#include <cstdint>
#include <span>

namespace bs {

// One scatter's statistics (scipy.stats.pearsonr and linregress semantics).
struct Regression {
    double r = 0.0;     // Pearson correlation
    double p = 0.0;     // two-sided p-value of r under H0: no correlation (t, n - 2 dof)
    double slope = 0.0; // least-squares y = slope * x + intercept
    double intercept = 0.0;
    int64_t n = 0; // pairs used (pairs with a NaN are skipped)
};

// Pairs where x or y is NaN are skipped. n < 2 or a constant x or y gives NaN r and p (and a
// NaN slope for constant x); n == 2 gives r = +-1 and p = 1 as scipy does. Throws bs::Error
// when the lengths differ.
Regression linearRegression(std::span<const double> x, std::span<const double> y);

// Two-sided p-value of a Pearson r from n pairs: I_{1-r^2}((n-2)/2, 1/2).
double pearsonPValue(double r, int64_t n);

// P(|T| >= |t|) for Student's t with `dof` degrees of freedom: I_{dof/(dof+t^2)}(dof/2, 1/2).
double studentTTwoSidedPValue(double t, double dof);

// Regularized incomplete beta I_x(a, b), a, b > 0, x in [0, 1] (continued fraction, Lentz).
double regularizedIncompleteBeta(double a, double b, double x);

} // namespace bs

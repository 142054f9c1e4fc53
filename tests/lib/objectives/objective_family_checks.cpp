#include "tests/lib/objectives/objective_family_checks.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

namespace gdcheck::testing {

bool check_case(const std::function<void()>& body) { return rc::check(body); }
namespace {

double spectral_norm(const Matrix<double>& m) {
  Eigen::SelfAdjointEigenSolver<Matrix<double>> solver(m, Eigen::EigenvaluesOnly);
  return solver.eigenvalues().cwiseAbs().maxCoeff();
}

double as_double(const Decimal50& v) { return static_cast<double>(v); }

}  // namespace

Vector<double> normal_point(int dimension, Rng& rng, double scale) {
  Vector<double> x(dimension);
  for (double& v : x) v = scale * rng.normal();
  return x;
}

// Central differences at 50 digits with h = 1e-12: the truncation error is
// h^2 |f'''| / 6 ~ 1e-25 |f'''| and the rounding 1e-50 |f| / h ~ 1e-38 |f|, so
// a relative error of 1e-20 leaves five orders of magnitude of margin.
void check_derivatives_at_50_digits(const ErasedObjective<Decimal50>& f, const Vector<Decimal50>& x) {
  const Decimal50 h("1e-12");
  const Decimal50 tolerance("1e-20");
  const Vector<Decimal50> g = f.gradient(x);
  const Matrix<Decimal50> hessian = f.hessian(x);
  for (int j = 0; j < f.dimension; ++j) {
    Vector<Decimal50> step = Vector<Decimal50>::Zero(f.dimension);
    step(j) = h;
    const Decimal50 difference = (f.value(x + step) - f.value(x - step)) / (2 * h);
    RC_ASSERT(as_double(abs(difference - g(j))) <= as_double(tolerance * (g.norm() + 1)));
    const Vector<Decimal50> column = (f.gradient(x + step) - f.gradient(x - step)) / (2 * h);
    RC_ASSERT(as_double((column - hessian.col(j)).norm()) <= as_double(tolerance * (hessian.norm() + 1)));
  }
}

// Hessian norms, and gradient and Hessian differences, against L and rho, in
// double: the relative slack 1e-9 covers the rounding of a d <= 50 symmetric
// eigenvalue computation (~d^2 u = 3e-13) with room; the absolute terms
// 1e-12 (||a|| + ||b||) cover the rounding of the two evaluations being
// subtracted (each within ~d u of its size, d <= 50).
void check_constants_on_pair(const ErasedObjective<double>& f, const Vector<double>& x, const Vector<double>& y) {
  if (f.gradient_lipschitz) {
    const double lipschitz = f.gradient_lipschitz->value;
    RC_ASSERT(spectral_norm(f.hessian(x)) <= lipschitz * (1 + 1e-9));
    const Vector<double> gx = f.gradient(x), gy = f.gradient(y);
    RC_ASSERT((gx - gy).norm() <= lipschitz * (x - y).norm() * (1 + 1e-9) + 1e-12 * (gx.norm() + gy.norm()));
  }
  if (f.hessian_lipschitz) {
    const double hx = spectral_norm(f.hessian(x)), hy = spectral_norm(f.hessian(y));
    RC_ASSERT(spectral_norm(f.hessian(x) - f.hessian(y)) <=
              f.hessian_lipschitz->value * (x - y).norm() * (1 + 1e-9) + 1e-12 * (hx + hy));
  }
  if (f.lower_bound) {
    RC_ASSERT(f.value(x) >= f.lower_bound->value - f.value_rounding_error(x));
  }
}

void check_exact_constants(const ErasedObjective<double>& f, const std::optional<Vector<double>>& lipschitz_witness,
                           const std::optional<std::pair<Vector<double>, Vector<double>>>& hessian_witness) {
  if (f.gradient_lipschitz && f.gradient_lipschitz->certainty == Certainty::exact) {
    if (!lipschitz_witness) RC_FAIL("an exact L needs a lipschitz_witness in the test traits");
    RC_ASSERT(spectral_norm(f.hessian(*lipschitz_witness)) >= 0.99 * f.gradient_lipschitz->value);
  }
  if (f.hessian_lipschitz && f.hessian_lipschitz->certainty == Certainty::exact && f.hessian_lipschitz->value > 0) {
    if (!hessian_witness) RC_FAIL("an exact rho needs a hessian_lipschitz_witness in the test traits");
    const auto& [x, y] = *hessian_witness;
    RC_ASSERT(spectral_norm(f.hessian(x) - f.hessian(y)) >= 0.99 * f.hessian_lipschitz->value * (x - y).norm());
  }
}

// Zero gradient to 1e-40; the spectrum in double against a symmetric solver
// (1e-10), and at 50 digits through the power sums tr(H^p) = sum lambda^p,
// p = 1..min(d, 8), which pin the spectrum down (Newton's identities); the
// kind agrees with the signs; a global minimum's value is the exact f*.
void check_critical_points_at_50_digits(const ErasedObjective<Decimal50>& f) {
  const Decimal50 tolerance("1e-40");
  for (const auto& point : f.critical_points()) {
    const Decimal50 scale = 1 + point.x.norm() + point.hessian_eigenvalues.cwiseAbs().maxCoeff();
    RC_ASSERT(as_double(f.gradient(point.x).norm()) <= as_double(tolerance * scale));
    const Matrix<Decimal50> hessian = f.hessian(point.x);
    Eigen::SelfAdjointEigenSolver<Matrix<double>> solver(convert<double>(hessian), Eigen::EigenvaluesOnly);
    const Vector<double> claimed = convert<double>(point.hessian_eigenvalues);
    RC_ASSERT((solver.eigenvalues() - claimed).cwiseAbs().maxCoeff() <= 1e-10 * (1 + claimed.cwiseAbs().maxCoeff()));
    Matrix<Decimal50> power = hessian;
    Vector<Decimal50> lambda_power = point.hessian_eigenvalues;
    for (int p = 1; p <= std::min(f.dimension, 8); ++p) {
      const Decimal50 magnitude = lambda_power.cwiseAbs().sum() + Decimal50("1e-30");
      RC_ASSERT(as_double(abs(power.trace() - lambda_power.sum()) / magnitude) <= as_double(tolerance * f.dimension));
      power = power * hessian;
      lambda_power = lambda_power.cwiseProduct(point.hessian_eigenvalues);
    }
    const double lowest = claimed(0), highest = claimed(claimed.size() - 1);
    switch (point.kind) {
      case CriticalKind::global_minimum:
      case CriticalKind::local_minimum: RC_ASSERT(lowest >= -1e-12); break;
      case CriticalKind::strict_saddle: RC_ASSERT(lowest < 0 && highest > 0); break;
      case CriticalKind::non_strict_saddle: RC_ASSERT(std::abs(lowest) <= 1e-12); break;
      case CriticalKind::local_maximum: RC_ASSERT(highest < 0); break;
    }
    if (point.kind == CriticalKind::global_minimum) {
      RC_ASSERT(f.lower_bound.has_value());
      if (f.lower_bound->certainty == Certainty::exact) {
        RC_ASSERT(as_double(abs(f.value(point.x) - f.lower_bound->value)) <=
                  as_double(tolerance * (1 + abs(f.lower_bound->value))));
      }
    }
  }
}

void check_rounding_bounds(const ErasedObjective<double>& fast, const ErasedObjective<Decimal100>& exact,
                           const Vector<double>& x) {
  const Vector<Decimal100> wide = convert<Decimal100>(x);
  // Compared at 100 digits: an error below double's smallest subnormal would
  // round to 0 in double and pass whatever the bound said.
  const Decimal100 value_error = abs(Decimal100(fast.value(x)) - exact.value(wide));
  RC_ASSERT(value_error <= Decimal100(fast.value_rounding_error(x)));
  const Decimal100 gradient_error = (convert<Decimal100>(fast.gradient(x)) - exact.gradient(wide)).norm();
  RC_ASSERT(gradient_error <= Decimal100(fast.gradient_rounding_error(x)));
}

bool check_rounding_bounds_at_scale(const ErasedObjective<double>& fast, const ErasedObjective<Decimal100>& exact,
                                    const Vector<double>& x, int binade) {
  const double largest = x.cwiseAbs().maxCoeff();
  if (!(largest > 0)) return false;
  const int shift = binade - std::ilogb(largest);
  Vector<double> scaled(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) scaled(i) = std::ldexp(x(i), shift - static_cast<int>(i % 17) + 8);
  if (!scaled.allFinite() || !std::isfinite(fast.value(scaled)) || !fast.gradient(scaled).allFinite()) return false;
  check_rounding_bounds(fast, exact, scaled);
  return true;
}

}  // namespace gdcheck::testing

// Nesterov's example f(x, y) = x^2/2 + y^4/4 - y^2/2 (theory.md section 1;
// Nesterov, Introductory Lectures (2004), Example 1.2.2): GD from (x0, 0)
// converges to the saddle (0, 0). Critical points: the strict saddle (0, 0),
// hess = diag(1, -1); the global minima (0, +-1), hess = diag(1, 2), f* = -1/4.
// Its gradient is only locally Lipschitz (hess = diag(1, 3y^2 - 1)), so there
// is no global L or rho: gradient_lipschitz_on_ball gives the local one.
#pragma once

#include <cmath>
#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

struct NesterovSaddleSpec {};  // no parameters

template <Scalar S>
class NesterovSaddle {
 public:
  using Scalar = S;
  explicit NesterovSaddle(const NesterovSaddleSpec& = {}) {}

  int dimension() const { return 2; }
  S value(const Vector<S>& x) const {
    const S y2 = x(1) * x(1);
    return x(0) * x(0) / 2 + y2 * y2 / 4 - y2 / 2;
  }
  void gradient(const Vector<S>& x, Vector<S>& g) const {
    g.resize(2);
    g(0) = x(0);
    g(1) = x(1) * x(1) * x(1) - x(1);
  }
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
    gradient(x, g);
    return value(x);
  }
  Matrix<S> hessian(const Vector<S>& x) const {
    Matrix<S> h = Matrix<S>::Zero(2, 2);
    h(0, 0) = 1;
    h(1, 1) = 3 * x(1) * x(1) - 1;
    return h;
  }

  std::optional<Certified<S>> gradient_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> hessian_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> lower_bound() const { return Certified<S>{S(-1) / 4, Certainty::exact}; }
  // On the ball ||x|| <= radius: max |eigenvalue of hess| = max(1, |3 r^2 - 1|), exact.
  Certified<S> gradient_lipschitz_on_ball(const S& radius) const {
    using std::abs;
    using std::max;
    return {max(S(1), abs(3 * radius * radius - 1)), Certainty::exact};
  }

  // A handful of products and sums: gamma_8 times the magnitudes of the
  // terms, and as many underflows (rounding_model.hpp).
  S value_rounding_error(const Vector<S>& x) const {
    const S y2 = x(1) * x(1);
    return rounding_bound<S>(8, x(0) * x(0) / 2 + y2 * y2 / 4 + y2 / 2);
  }
  S gradient_rounding_error(const Vector<S>& x) const {
    using std::abs;
    return rounding_bound<S>(4, abs(x(0)) + abs(x(1) * x(1) * x(1)) + abs(x(1)), 2);
  }

  std::vector<CriticalPoint<S>> critical_points() const {
    const auto point = [](double x, double y) { return (Vector<S>(2) << S(x), S(y)).finished(); };
    const auto spectrum = [](double a, double b) { return (Vector<S>(2) << S(a), S(b)).finished(); };
    return {{point(0, 0), spectrum(-1, 1), CriticalKind::strict_saddle},
            {point(0, 1), spectrum(1, 2), CriticalKind::global_minimum},
            {point(0, -1), spectrum(1, 2), CriticalKind::global_minimum}};
  }
};

}  // namespace gdcheck

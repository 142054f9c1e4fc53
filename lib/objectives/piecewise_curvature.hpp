// The whole one-dimensional class C^{1,1}_L (issue "objective families",
// item 4): f'' is any piecewise-constant function with values in [-L, L].
// Between breakpoints t_1 < ... < t_K, f is quadratic:
//   on [t_k, t_{k+1}):  f(x) = F_k + G_k (x - t_k) + c_k (x - t_k)^2 / 2
// (piece 0 is (-inf, t_1) and uses t_1 as its origin), with F, G carried
// across breakpoints so that f is C^1. Every f with L-Lipschitz f' is a limit
// of these, so generators over them cover the class, not a corner of it.
//   L = max_k |c_k|, exact (attained on any piece with that curvature);
//   rho: none (f'' jumps);
//   f* = min over pieces, exact, when both outer pieces have c > 0; else none.
#pragma once

#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

struct PiecewiseCurvatureSpec {
  std::vector<double> breakpoints;  // strictly increasing, finite
  std::vector<double> curvatures;   // breakpoints.size() + 1 values, finite
  double anchor_value = 0;          // f(t_1) (f(0) if there are no breakpoints)
  double anchor_slope = 0;          // f'(t_1)
  void validate() const;
};

template <Scalar S>
class PiecewiseCurvature {
 public:
  using Scalar = S;
  explicit PiecewiseCurvature(const PiecewiseCurvatureSpec& spec);

  int dimension() const { return 1; }
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const;
  Matrix<S> hessian(const Vector<S>& x) const;

  std::optional<Certified<S>> gradient_lipschitz() const { return Certified<S>{lipschitz_, Certainty::exact}; }
  std::optional<Certified<S>> hessian_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> lower_bound() const;

  // The coefficients F_k, G_k carry the rounding of their recursion, bounded
  // alongside it (value_errors_, slope_errors_); evaluating one piece adds
  // gamma_8 times the magnitudes of its terms.
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  // Interior critical points of the pieces (vertices inside their interval),
  // with kind; pieces with c = 0 and G = 0 (flat) are left out.
  std::vector<CriticalPoint<S>> critical_points() const;

  int piece_of(const S& x) const;  // index k of the piece containing x
  const std::vector<S>& breakpoints() const { return breakpoints_; }

 private:
  struct Piece {
    S origin, value, slope, curvature;  // t_k, F_k, G_k, c_k
    S value_error, slope_error;         // bounds on the rounding of F_k, G_k
  };
  std::vector<S> breakpoints_;
  std::vector<Piece> pieces_;
  S lipschitz_;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(PiecewiseCurvature);

}  // namespace gdcheck

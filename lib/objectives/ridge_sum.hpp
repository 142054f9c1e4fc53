// Random smooth nonconvex functions of any dimension (issue "objective
// families", item 3): f(x) = mu ||x||^2 / 2 + sum_k a_k sin(w_k . x + b_k).
//
// sin has |sin''|, |sin'''| <= 1, so with M = sum_k |a_k| w_k w_k^T:
//   hess f = mu I - sum_k a_k sin(z_k) w_k w_k^T, ||hess f|| <= mu + ||M||_2 <= mu + ||M||_F
//   ||hess f(x) - hess f(y)|| <= sum_k |a_k| ||w_k||^3 ||x - y||  (|sin z - sin z'| <= |z - z'|)
//   f >= -sum_k |a_k|  (mu >= 0)
// all three upper/lower bounds, not exact. The ridges are drawn from a seed:
// w_k ~ N(0, frequency^2 I / d), a_k ~ amplitude N(0, 1), b_k ~ U[0, 2 pi).
#pragma once

#include <cstdint>
#include <optional>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

struct RidgeSumSpec {
  int dimension = 1;
  int ridges = 1;
  double mu = 1;          // >= 0, finite
  double amplitude = 1;   // > 0
  double frequency = 1;   // > 0
  std::uint64_t seed = 0;
  void validate() const;
};

// The ridges as exact doubles (shared by every scalar type).
struct RidgeData {
  Matrix<double> directions;  // d x K, column k = w_k
  Vector<double> amplitudes;  // a_k
  Vector<double> offsets;     // b_k
};
RidgeData ridge_data(const RidgeSumSpec& spec);

template <Scalar S>
class RidgeSum {
 public:
  using Scalar = S;
  explicit RidgeSum(const RidgeSumSpec& spec);

  int dimension() const { return static_cast<int>(directions_.rows()); }
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const;
  Matrix<S> hessian(const Vector<S>& x) const;

  std::optional<Certified<S>> gradient_lipschitz() const { return Certified<S>{lipschitz_, Certainty::bound}; }
  std::optional<Certified<S>> hessian_lipschitz() const { return Certified<S>{hessian_lipschitz_, Certainty::bound}; }
  std::optional<Certified<S>> lower_bound() const { return Certified<S>{-amplitude_sum_, Certainty::bound}; }

  // z_k = w_k.x + b_k is off by delta_k <= gamma_{d+1} (|w_k|.|x| + |b_k|) + u |z_k|
  // (the last term: sin's argument reduction), which moves a_k sin z_k by
  // |a_k| delta_k; the sums add gamma_{K+d+8} times their magnitudes.
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

 private:
  Vector<S> arguments(const Vector<S>& x) const { return directions_.transpose() * x + offsets_; }
  Vector<S> argument_errors(const Vector<S>& x, const Vector<S>& z) const;

  Matrix<S> directions_;
  Vector<S> amplitudes_, offsets_;
  S mu_, lipschitz_, hessian_lipschitz_, amplitude_sum_;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(RidgeSum);

}  // namespace gdcheck

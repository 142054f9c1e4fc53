// Finite sums f = (1/m) sum_i f_i, the objectives SGD samples components of
// (issue "objective families", item 7; theory.md section 6).
//  - LeastSquares: f_i(x) = (a_i . x - b_i)^2 / 2.
//  - SaddleFiniteSum: f_i(x) = h(x_0) + (a_i . z - b_i)^2 / 2 with z = x_{1..},
//    h a double-well piece (well_piece.hpp). At the strict saddle (0, z*)
//    every component's gradient has zero x_0 entry on all of {x_0 = 0}: SGD
//    has no variance along the escape direction, where NoisyGD does.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/objectives/well_piece.hpp"

namespace gdcheck {

// A finite sum also states, for SGD's theorems, a bound on each component
// gradient's rounding error and L_max = max_i (gradient Lipschitz constant of
// f_i): SGD's step must respect the components' curvature, not only f's.
template <class F>
concept FiniteSum = Objective<F> &&
    requires(const F& f, int i, const Vector<typename F::Scalar>& x, Vector<typename F::Scalar>& g) {
  { f.components() } -> std::convertible_to<int>;
  { f.component_value_and_gradient(i, x, g) } -> std::same_as<typename F::Scalar>;
  { f.component_gradient_rounding_error(i, x) } -> std::same_as<typename F::Scalar>;
  { f.component_gradient_lipschitz() } -> std::same_as<Certified<typename F::Scalar>>;
};

struct LeastSquaresSpec {
  int samples = 1;      // m >= 1
  int dimension = 1;    // d >= 1
  double noise = 0.1;   // b = A x_true + noise * N(0, 1), >= 0
  std::uint64_t seed = 0;
  void validate() const;
};

// A (m x d, entries N(0,1)) and b, as exact doubles.
struct LeastSquaresData {
  Matrix<double> design;
  Vector<double> targets;
};
LeastSquaresData least_squares_data(const LeastSquaresSpec& spec);

// L = lambda_max(A^T A / m) and, when A has full column rank, f* at the
// normal equations' solution: both exact to the precision of S (solved with
// Eigen's symmetric eigensolver in S). rho = 0.
template <Scalar S>
class LeastSquares {
 public:
  using Scalar = S;
  explicit LeastSquares(const LeastSquaresSpec& spec);

  int dimension() const { return static_cast<int>(design_.cols()); }
  int components() const { return static_cast<int>(design_.rows()); }
  // Out of line (finite_sums_impl.hpp): the products with A are compiled
  // once per scalar type in lib, not in every unit that evaluates f.
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const;
  Matrix<S> hessian(const Vector<S>&) const { return gram_; }
  S component_value_and_gradient(int i, const Vector<S>& x, Vector<S>& g) const;
  // g_i = a_i r_i with r_i = a_i.x - b_i off by delta_i (residual_rounding_errors):
  // ||fl(g_i) - g_i|| <= 2 ||a_i|| (delta_i + u |r_i|), the 2 covering O(u^2) terms.
  S component_gradient_rounding_error(int i, const Vector<S>& x) const;
  // max_i ||a_i||^2, exact (the Hessian of f_i is a_i a_i^T).
  Certified<S> component_gradient_lipschitz() const;

  std::optional<Certified<S>> gradient_lipschitz() const { return Certified<S>{gram_eigenvalues_.maxCoeff(), Certainty::exact}; }
  std::optional<Certified<S>> hessian_lipschitz() const { return Certified<S>{S(0), Certainty::exact}; }
  std::optional<Certified<S>> lower_bound() const;

  // r = A x - b is off by gamma_{d+1} (|A| |x| + |b|) entrywise; the sums add
  // gamma_{m+4} times their magnitudes.
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  std::vector<CriticalPoint<S>> critical_points() const;  // the minimiser, if unique
  const Vector<S>& gram_eigenvalues() const { return gram_eigenvalues_; }  // ascending

 private:
  Vector<S> residual_rounding_errors(const Vector<S>& x) const;  // entrywise, of A x - b

  Matrix<S> design_, gram_;
  Vector<S> targets_, gram_eigenvalues_;
  std::optional<Vector<S>> minimiser_;
};

struct SaddleFiniteSumSpec {
  WellPieceSpec saddle{1, 2, 0};  // a double well: depth > curvature
  LeastSquaresSpec rest;          // the other coordinates
  int dimension() const { return 1 + rest.dimension; }
  void validate() const;
};

template <Scalar S>
class SaddleFiniteSum {
 public:
  using Scalar = S;
  explicit SaddleFiniteSum(const SaddleFiniteSumSpec& spec);

  int dimension() const { return 1 + rest_.dimension(); }
  int components() const { return rest_.components(); }
  S value(const Vector<S>& x) const { return saddle_.value(x(0)) + rest_.value(x.tail(dimension() - 1)); }
  void gradient(const Vector<S>& x, Vector<S>& g) const { value_and_gradient(x, g); }
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const;
  Matrix<S> hessian(const Vector<S>& x) const;
  S component_value_and_gradient(int i, const Vector<S>& x, Vector<S>& g) const;
  S component_gradient_rounding_error(int i, const Vector<S>& x) const;
  Certified<S> component_gradient_lipschitz() const;  // max(sup |h''|, the rest's), exact

  std::optional<Certified<S>> gradient_lipschitz() const;
  std::optional<Certified<S>> hessian_lipschitz() const { return Certified<S>{saddle_.third_bound(), Certainty::exact}; }
  std::optional<Certified<S>> lower_bound() const;
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  // (root of h, z*) for each root: two global minima and the strict saddle.
  std::vector<CriticalPoint<S>> critical_points() const;

 private:
  WellPiece<S> saddle_;
  LeastSquares<S> rest_;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(LeastSquares);
GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(SaddleFiniteSum);

}  // namespace gdcheck

// Deep linear networks (lecture outline "Linear nets"; theory.md section 8):
// f(W_1, ..., W_k) = ||W_k ... W_1 - Phi||_F^2 / 2 with n x n layers, the
// parameter vector being vec(W_1), ..., vec(W_k) (column-major). Width n = 1
// gives the scalar chain (phi - w_1 ... w_k)^2 / 2 of the lecture.
//   L, rho: none (the loss is a polynomial of degree 2k);
//   f* = 0, exact (W_1 = Phi, the rest identity).
// Critical points listed: the origin for k >= 2, a strict saddle for k = 2
// (hess eigenvalues +-sigma_j(Phi), each n times) and a non-strict saddle for
// k >= 3 (hess = 0); for k = 1 the minimum Phi (hess = I); for n = 1 and
// phi > 0 the balanced minimum w_i = phi^{1/k}, hess eigenvalues
// {0 (k - 1 times), k phi^{2(k-1)/k}}: minima form a manifold.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

struct DeepLinearChainSpec {
  int depth = 3;              // k >= 1
  int width = 1;              // n >= 1
  double target_scale = 1;    // n = 1: phi itself; n > 1: Phi = scale * N(0, 1/n) entries
  std::uint64_t seed = 0;
  void validate() const;
};

Matrix<double> deep_linear_target(const DeepLinearChainSpec& spec);

template <Scalar S>
class DeepLinearChain {
 public:
  using Scalar = S;
  explicit DeepLinearChain(const DeepLinearChainSpec& spec);

  int dimension() const { return depth_ * width_ * width_; }
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
    gradient(x, g);
    return value(x);
  }
  // Exact: each column is the directional derivative of the gradient along a
  // coordinate, by the product rule (no finite differences).
  Matrix<S> hessian(const Vector<S>& x) const;

  std::optional<Certified<S>> gradient_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> hessian_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> lower_bound() const { return Certified<S>{S(0), Certainty::exact}; }

  // A product of j n x n matrices is off entrywise by gamma_{jn} times the
  // product of their absolute values (Higham 3.5, applied j - 1 times).
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  std::vector<CriticalPoint<S>> critical_points() const;

 private:
  std::vector<Matrix<S>> layers(const Vector<S>& x) const;
  // W_to ... W_from (identity when from > to), with layer `swap` replaced by `with` if given.
  static Matrix<S> product(const std::vector<Matrix<S>>& w, int from, int to, int swap = -1,
                           const Matrix<S>* with = nullptr);
  static std::vector<Matrix<S>> absolute(const std::vector<Matrix<S>>& w);
  // Entrywise bound on the rounding of W_k ... W_1 - Phi, from |W_i| = magnitudes.
  Matrix<S> residual_rounding_error(const std::vector<Matrix<S>>& magnitudes) const;

  int depth_, width_;
  Matrix<S> target_;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(DeepLinearChain);

}  // namespace gdcheck

// A two-layer ReLU network's loss on generated data (theory.md section 8; Du,
// Zhai, Poczos, Singh 2018): u_i = m^{-1/2} sum_r a_r ReLU(w_r . x_i), output
// weights a_r = +-1 fixed, loss f(W) = sum_i (u_i - y_i)^2 / 2 over the
// first layer W (m x p, the parameter vector is vec(W), column-major).
// Not C^2: the gradient jumps where some w_r . x_i changes sign, so there is
// no L or rho; hessian() is the almost-everywhere Hessian J^T J (ReLU'' = 0
// off the kinks). f* >= 0 (bound).
#pragma once

#include <cstdint>
#include <optional>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

struct TwoLayerReluSpec {
  int samples = 4;  // n
  int inputs = 3;   // p
  int width = 8;    // m
  std::uint64_t seed = 0;
  void validate() const;
};

struct TwoLayerReluData {
  Matrix<double> inputs;  // p x n, columns on the unit sphere
  Vector<double> targets; // y_i ~ N(0, 1)
  Vector<double> signs;   // a_r = +-1
};
TwoLayerReluData two_layer_relu_data(const TwoLayerReluSpec& spec);

template <Scalar S>
class TwoLayerRelu {
 public:
  using Scalar = S;
  explicit TwoLayerRelu(const TwoLayerReluSpec& spec);

  int dimension() const { return static_cast<int>(signs_.size() * inputs_.rows()); }
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
    gradient(x, g);
    return value(x);
  }
  Matrix<S> hessian(const Vector<S>& x) const;  // J^T J, off the kinks

  std::optional<Certified<S>> gradient_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> hessian_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> lower_bound() const { return Certified<S>{S(0), Certainty::bound}; }

  // Pre-activations z_ri are off by delta_ri = gamma_{p+1} |w_r|.|x_i|; ReLU is
  // 1-Lipschitz, so u_i by m^{-1/2} sum_r delta_ri + gamma_{m+2} m^{-1/2} sum_r |ReLU|.
  // Where |z_ri| <= delta_ri the computed activation pattern may be wrong,
  // and the gradient bound adds that unit's whole jump.
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  // The pre-activations z = W X (m x n).
  Matrix<S> pre_activations(const Vector<S>& x) const;

 private:
  Matrix<S> weights(const Vector<S>& x) const {
    return Eigen::Map<const Matrix<S>>(x.data(), signs_.size(), inputs_.rows());
  }
  Vector<S> outputs(const Matrix<S>& z) const;
  Matrix<S> output_errors(const Vector<S>& x, Matrix<S>* z_errors) const;

  Matrix<S> inputs_;
  Vector<S> targets_, signs_;
  S scale_;  // m^{-1/2}
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(TwoLayerRelu);

}  // namespace gdcheck

#pragma once

#include <cmath>

#include "lib/objectives/two_layer_relu.hpp"

namespace gdcheck {

template <Scalar S>
TwoLayerRelu<S>::TwoLayerRelu(const TwoLayerReluSpec& spec) {
  using std::sqrt;
  const TwoLayerReluData data = two_layer_relu_data(spec);
  inputs_ = convert<S>(data.inputs);
  targets_ = convert<S>(data.targets);
  signs_ = convert<S>(data.signs);
  scale_ = 1 / sqrt(S(spec.width));
}

template <Scalar S>
Matrix<S> TwoLayerRelu<S>::pre_activations(const Vector<S>& x) const {
  return weights(x) * inputs_;
}

template <Scalar S>
Vector<S> TwoLayerRelu<S>::outputs(const Matrix<S>& z) const {
  return scale_ * (z.cwiseMax(S(0)).transpose() * signs_);
}

template <Scalar S>
S TwoLayerRelu<S>::value(const Vector<S>& x) const {
  return (outputs(pre_activations(x)) - targets_).squaredNorm() / 2;
}

template <Scalar S>
void TwoLayerRelu<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  const Matrix<S> z = pre_activations(x);
  const Vector<S> error = outputs(z) - targets_;
  // d/dw_r = m^{-1/2} a_r sum_i e_i 1{z_ri > 0} x_i
  const Matrix<S> active = (z.array() > S(0)).template cast<S>();
  const Matrix<S> grad = scale_ * signs_.asDiagonal() * (active * error.asDiagonal()) * inputs_.transpose();
  g = Eigen::Map<const Vector<S>>(grad.data(), grad.size());
}

template <Scalar S>
Matrix<S> TwoLayerRelu<S>::hessian(const Vector<S>& x) const {
  const Matrix<S> z = pre_activations(x);
  const int m = static_cast<int>(signs_.size()), p = static_cast<int>(inputs_.rows());
  const int n = static_cast<int>(inputs_.cols());
  Matrix<S> jacobian = Matrix<S>::Zero(n, m * p);  // du_i / dW(r, c) at column c*m + r
  for (int i = 0; i < n; ++i) {
    for (int r = 0; r < m; ++r) {
      if (!(z(r, i) > 0)) continue;
      for (int c = 0; c < p; ++c) jacobian(i, c * m + r) = scale_ * signs_(r) * inputs_(c, i);
    }
  }
  return jacobian.transpose() * jacobian;
}

template <Scalar S>
Matrix<S> TwoLayerRelu<S>::output_errors(const Vector<S>& x, Matrix<S>* z_errors) const {
  const Matrix<S> z_error = entrywise_rounding_bound(inputs_.rows() + 1.0, weights(x).cwiseAbs() * inputs_.cwiseAbs());
  if (z_errors) *z_errors = z_error;
  const Matrix<S> z = pre_activations(x);
  const double m = static_cast<double>(signs_.size());
  Vector<S> u_error = scale_ * (z_error.colwise().sum().transpose() +
                                entrywise_rounding_bound(m + 2, z.cwiseMax(S(0)).colwise().sum().transpose()));
  return u_error;
}

template <Scalar S>
S TwoLayerRelu<S>::value_rounding_error(const Vector<S>& x) const {
  const Vector<S> u_error = output_errors(x, nullptr);
  const Vector<S> error = outputs(pre_activations(x)) - targets_;
  return 2 * (error.cwiseAbs().dot(u_error) + u_error.squaredNorm() / 2 +
              rounding_bound<S>(targets_.size() + 3.0, error.squaredNorm()));
}

template <Scalar S>
S TwoLayerRelu<S>::gradient_rounding_error(const Vector<S>& x) const {
  Matrix<S> z_error;
  const Vector<S> u_error = output_errors(x, &z_error);
  const Matrix<S> z = pre_activations(x);
  const Vector<S> error = (outputs(z) - targets_).cwiseAbs();
  S total = 0;
  for (int r = 0; r < z.rows(); ++r) {
    for (int i = 0; i < z.cols(); ++i) {
      const S input_norm = inputs_.col(i).norm();
      // the term m^{-1/2} e_i x_i: its error, and its whole size if the
      // computed activation pattern may be wrong here
      S term = scale_ * (u_error(i) + rounding_bound<S>(z.cols() + 4.0, error(i))) * input_norm;
      using std::abs;
      if (abs(z(r, i)) <= z_error(r, i)) term += scale_ * (error(i) + u_error(i)) * input_norm;
      total += term;
    }
  }
  return 2 * total;
}

}  // namespace gdcheck

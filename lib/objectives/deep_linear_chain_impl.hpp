#pragma once

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "lib/objectives/deep_linear_chain.hpp"

namespace gdcheck {

template <Scalar S>
DeepLinearChain<S>::DeepLinearChain(const DeepLinearChainSpec& spec)
    : depth_(spec.depth), width_(spec.width), target_(convert<S>(deep_linear_target(spec))) {}

template <Scalar S>
std::vector<Matrix<S>> DeepLinearChain<S>::layers(const Vector<S>& x) const {
  std::vector<Matrix<S>> w;
  const int block = width_ * width_;
  for (int i = 0; i < depth_; ++i) {
    w.push_back(Eigen::Map<const Matrix<S>>(x.data() + i * block, width_, width_));
  }
  return w;
}

template <Scalar S>
Matrix<S> DeepLinearChain<S>::product(const std::vector<Matrix<S>>& w, int from, int to, int swap,
                                      const Matrix<S>* with) {
  const int n = static_cast<int>(w.front().rows());
  Matrix<S> p = Matrix<S>::Identity(n, n);
  for (int i = from; i <= to; ++i) p = (i == swap ? *with : w[i]) * p;
  return p;
}

template <Scalar S>
S DeepLinearChain<S>::value(const Vector<S>& x) const {
  const auto w = layers(x);
  return (product(w, 0, depth_ - 1) - target_).squaredNorm() / 2;
}

template <Scalar S>
void DeepLinearChain<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  const auto w = layers(x);
  const Matrix<S> residual = product(w, 0, depth_ - 1) - target_;
  g.resize(dimension());
  const int block = width_ * width_;
  for (int i = 0; i < depth_; ++i) {
    // d/dW_i = (W_k..W_{i+1})^T R (W_{i-1}..W_1)^T
    const Matrix<S> gi = product(w, i + 1, depth_ - 1).transpose() * residual * product(w, 0, i - 1).transpose();
    g.segment(i * block, block) = Eigen::Map<const Vector<S>>(gi.data(), block);
  }
}

template <Scalar S>
Matrix<S> DeepLinearChain<S>::hessian(const Vector<S>& x) const {
  const auto w = layers(x);
  const int n = width_, block = n * n;
  const Matrix<S> residual = product(w, 0, depth_ - 1) - target_;
  Matrix<S> h(dimension(), dimension());
  for (int p = 0; p < dimension(); ++p) {
    // Direction: entry (row, col) of layer j.
    const int j = p / block, row = (p % block) % n, col = (p % block) / n;
    Matrix<S> unit = Matrix<S>::Zero(n, n);
    unit(row, col) = 1;
    const Matrix<S> d_residual = product(w, 0, depth_ - 1, j, &unit);
    for (int i = 0; i < depth_; ++i) {
      const Matrix<S> left = product(w, i + 1, depth_ - 1);
      const Matrix<S> right = product(w, 0, i - 1);
      // Product rule on left^T R right^T: only the factor holding layer j moves.
      Matrix<S> d = left.transpose() * d_residual * right.transpose();
      if (j > i) d += product(w, i + 1, depth_ - 1, j, &unit).transpose() * residual * right.transpose();
      if (j < i) d += left.transpose() * residual * product(w, 0, i - 1, j, &unit).transpose();
      h.block(i * block, p, block, 1) = Eigen::Map<const Vector<S>>(d.data(), block);
    }
  }
  return (h + h.transpose()) / 2;
}

template <Scalar S>
std::vector<Matrix<S>> DeepLinearChain<S>::absolute(const std::vector<Matrix<S>>& w) {
  std::vector<Matrix<S>> magnitudes;
  for (const auto& layer : w) magnitudes.push_back(layer.cwiseAbs());
  return magnitudes;
}

template <Scalar S>
Matrix<S> DeepLinearChain<S>::residual_rounding_error(const std::vector<Matrix<S>>& magnitudes) const {
  using std::sqrt;
  // Underflows (rounding_model.hpp): each of the depth products adds up to
  // width underflow units per entry, and each later layer W multiplies an
  // entrywise error e by at most ||row of |W|||_1 e <= sqrt(width) ||W||_F e.
  S carried = 0;
  for (const Matrix<S>& layer : magnitudes) {
    carried = carried * sqrt(S(width_)) * bound_norm(layer) + underflow_bound<S>(width_ + 1.0);
  }
  return (rounding_gamma<S>(depth_ * width_ + 1.0) * (product(magnitudes, 0, depth_ - 1) + target_.cwiseAbs()))
             .array() + carried;
}

template <Scalar S>
S DeepLinearChain<S>::value_rounding_error(const Vector<S>& x) const {
  const auto w = layers(x);
  const Matrix<S> residual = product(w, 0, depth_ - 1) - target_;
  const S product_error = bound_norm(residual_rounding_error(absolute(w)));
  return 2 * (bound_norm(residual) * product_error + rounding_bound<S>(width_ * width_ + 2.0, residual.squaredNorm()));
}

template <Scalar S>
S DeepLinearChain<S>::gradient_rounding_error(const Vector<S>& x) const {
  const auto w = layers(x);
  const auto magnitudes = absolute(w);
  const Matrix<S> residual = product(w, 0, depth_ - 1) - target_;
  const Matrix<S> residual_error = residual_rounding_error(magnitudes);
  // The layers' bounds combine as a 2-norm, formed by bound_norm: squaring
  // them would underflow to 0 for subnormal terms (rounding_model.hpp).
  Vector<S> terms(depth_);
  for (int i = 0; i < depth_; ++i) {
    const Matrix<S> left = product(magnitudes, i + 1, depth_ - 1).transpose();
    const Matrix<S> right = product(magnitudes, 0, i - 1).transpose();
    const S term = bound_norm(left * residual_error * right) +
                   rounding_bound<S>((depth_ + 1.0) * width_ + 2, bound_norm(left * residual.cwiseAbs() * right),
                                     double(width_) * width_);
    terms(i) = term;
  }
  return 2 * bound_norm(terms);
}

template <Scalar S>
std::vector<CriticalPoint<S>> DeepLinearChain<S>::critical_points() const {
  using std::pow;
  using std::sqrt;
  const int n = width_, d = dimension();
  std::vector<CriticalPoint<S>> points;
  if (depth_ == 1) {
    points.push_back({Eigen::Map<const Vector<S>>(target_.data(), n * n), Vector<S>::Ones(d),
                      CriticalKind::global_minimum});
    return points;
  }
  Vector<S> origin_spectrum = Vector<S>::Zero(d);
  CriticalKind origin_kind = CriticalKind::non_strict_saddle;
  if (depth_ == 2) {
    Eigen::SelfAdjointEigenSolver<Matrix<S>> solver(target_.transpose() * target_);
    for (int j = 0; j < n; ++j) {
      const S sigma = sqrt(std::max(S(0), solver.eigenvalues()(j)));
      for (int copy = 0; copy < n; ++copy) {
        origin_spectrum(2 * (j * n + copy)) = -sigma;
        origin_spectrum(2 * (j * n + copy) + 1) = sigma;
      }
    }
    std::sort(origin_spectrum.begin(), origin_spectrum.end());
    origin_kind = CriticalKind::strict_saddle;
  }
  points.push_back({Vector<S>::Zero(d), origin_spectrum, origin_kind});
  if (n == 1 && target_(0, 0) > 0) {
    const S phi = target_(0, 0);
    Vector<S> spectrum = Vector<S>::Zero(d);
    spectrum(d - 1) = S(depth_) * pow(phi, S(2 * (depth_ - 1)) / S(depth_));
    points.push_back({Vector<S>::Constant(d, pow(phi, 1 / S(depth_))), spectrum, CriticalKind::global_minimum});
  }
  return points;
}

}  // namespace gdcheck

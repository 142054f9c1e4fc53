#pragma once

#include <cmath>

#include "lib/objectives/ridge_sum.hpp"

namespace gdcheck {

template <Scalar S>
RidgeSum<S>::RidgeSum(const RidgeSumSpec& spec) {
  using std::abs;
  const RidgeData data = ridge_data(spec);
  directions_ = convert<S>(data.directions);
  amplitudes_ = convert<S>(data.amplitudes);
  offsets_ = convert<S>(data.offsets);
  mu_ = S(spec.mu);
  const Matrix<S> m = directions_ * amplitudes_.cwiseAbs().asDiagonal() * directions_.transpose();
  // ||M||_F rounded up by its own rounding (gamma_{K+d+2} relative, and the
  // underflows of its d^2 entries: rounding_model.hpp).
  const double roundings = spec.ridges + spec.dimension + 2.0;
  const S rounding_up = 1 + rounding_gamma<S>(roundings);
  lipschitz_ = (mu_ + bound_norm(m)) * rounding_up + underflow_bound<S>(roundings, double(spec.dimension) * spec.dimension);
  hessian_lipschitz_ = 0;
  for (int k = 0; k < spec.ridges; ++k) {
    const S w = directions_.col(k).norm();
    hessian_lipschitz_ += abs(amplitudes_(k)) * w * w * w;
  }
  hessian_lipschitz_ = hessian_lipschitz_ * rounding_up + underflow_bound<S>(4.0 * spec.ridges);
  amplitude_sum_ = amplitudes_.cwiseAbs().sum() * rounding_up + underflow_bound<S>(spec.ridges);
}

template <Scalar S>
S RidgeSum<S>::value(const Vector<S>& x) const {
  using std::sin;
  const Vector<S> z = arguments(x);
  S total = mu_ * x.squaredNorm() / 2;
  for (int k = 0; k < z.size(); ++k) total += amplitudes_(k) * sin(z(k));
  return total;
}

template <Scalar S>
void RidgeSum<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  using std::cos;
  const Vector<S> z = arguments(x);
  Vector<S> weights(z.size());
  for (int k = 0; k < z.size(); ++k) weights(k) = amplitudes_(k) * cos(z(k));
  g.noalias() = directions_ * weights;
  g += mu_ * x;
}

template <Scalar S>
S RidgeSum<S>::value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
  using std::cos;
  using std::sin;
  const Vector<S> z = arguments(x);
  Vector<S> weights(z.size());
  S total = mu_ * x.squaredNorm() / 2;
  for (int k = 0; k < z.size(); ++k) {
    total += amplitudes_(k) * sin(z(k));
    weights(k) = amplitudes_(k) * cos(z(k));
  }
  g.noalias() = directions_ * weights;
  g += mu_ * x;
  return total;
}

template <Scalar S>
Matrix<S> RidgeSum<S>::hessian(const Vector<S>& x) const {
  using std::sin;
  const Vector<S> z = arguments(x);
  Vector<S> weights(z.size());
  for (int k = 0; k < z.size(); ++k) weights(k) = -amplitudes_(k) * sin(z(k));
  Matrix<S> h = directions_ * weights.asDiagonal() * directions_.transpose();
  h.diagonal().array() += mu_;
  return (h + h.transpose()) / 2;
}

template <Scalar S>
Vector<S> RidgeSum<S>::argument_errors(const Vector<S>& x, const Vector<S>& z) const {
  const Vector<S> magnitudes = directions_.cwiseAbs().transpose() * x.cwiseAbs() + offsets_.cwiseAbs();
  // u |z|: the offset's addition, a sum (no underflow term in IEEE; the
  // entrywise bound's d + 1 units cover a flushing type's).
  return entrywise_rounding_bound(dimension() + 1.0, magnitudes) + unit_roundoff<S>() * z.cwiseAbs();
}

template <Scalar S>
S RidgeSum<S>::value_rounding_error(const Vector<S>& x) const {
  const Vector<S> z = arguments(x);
  const Vector<S> delta = argument_errors(x, z);
  const S magnitude = mu_ * x.squaredNorm() / 2 + amplitudes_.cwiseAbs().sum();
  return 2 * (amplitudes_.cwiseAbs().dot(delta) +
              rounding_bound<S>(z.size() + dimension() + 8.0, magnitude));
}

template <Scalar S>
S RidgeSum<S>::gradient_rounding_error(const Vector<S>& x) const {
  const Vector<S> z = arguments(x);
  const Vector<S> delta = argument_errors(x, z);
  // ||W (a o delta)|| <= ||W||_F ||a o delta||; the sum W (a o cos z) + mu x
  // rounds by gamma_{K+8} times |W| |a| + mu |x|.
  const Vector<S> magnitudes = directions_.cwiseAbs() * amplitudes_.cwiseAbs() + mu_ * x.cwiseAbs();
  return 2 * (bound_norm(directions_) * bound_norm(amplitudes_.cwiseAbs().cwiseProduct(delta)) +
              rounding_bound<S>(z.size() + 8.0, bound_norm(magnitudes), dimension()));
}

}  // namespace gdcheck

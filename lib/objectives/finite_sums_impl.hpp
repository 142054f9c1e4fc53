#pragma once

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "lib/objectives/finite_sums.hpp"
#include "lib/objectives/well_piece_impl.hpp"

namespace gdcheck {

template <Scalar S>
LeastSquares<S>::LeastSquares(const LeastSquaresSpec& spec) {
  const LeastSquaresData data = least_squares_data(spec);
  design_ = convert<S>(data.design);
  targets_ = convert<S>(data.targets);
  gram_ = design_.transpose() * design_ / S(spec.samples);
  Eigen::SelfAdjointEigenSolver<Matrix<S>> solver(gram_);
  gram_eigenvalues_ = solver.eigenvalues();
  // Full column rank (lambda_min clearly above the solver's error): unique minimiser.
  const S solver_error = rounding_bound<S>(8.0 * spec.dimension * spec.dimension, gram_eigenvalues_.maxCoeff());
  if (gram_eigenvalues_(0) > 1000 * solver_error) {
    const Vector<S> rhs = design_.transpose() * targets_ / S(spec.samples);
    minimiser_ = solver.eigenvectors() *
                 (solver.eigenvectors().transpose() * rhs).cwiseQuotient(gram_eigenvalues_);
  }
}

template <Scalar S>
S LeastSquares<S>::value(const Vector<S>& x) const {
  return (design_ * x - targets_).squaredNorm() / (2 * S(components()));
}

template <Scalar S>
void LeastSquares<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  g.noalias() = design_.transpose() * (design_ * x - targets_) / S(components());
}

template <Scalar S>
S LeastSquares<S>::value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
  const Vector<S> residual = design_ * x - targets_;
  g.noalias() = design_.transpose() * residual / S(components());
  return residual.squaredNorm() / (2 * S(components()));
}

template <Scalar S>
S LeastSquares<S>::component_value_and_gradient(int i, const Vector<S>& x, Vector<S>& g) const {
  const S residual = design_.row(i).dot(x) - targets_(i);
  g = design_.row(i).transpose() * residual;
  return residual * residual / 2;
}

template <Scalar S>
S LeastSquares<S>::component_gradient_rounding_error(int i, const Vector<S>& x) const {
  using std::abs;
  const S residual = design_.row(i).dot(x) - targets_(i);
  const S delta = rounding_bound<S>(dimension() + 1.0, design_.row(i).cwiseAbs().dot(x.cwiseAbs()) + abs(targets_(i)));
  // a_i r: one more rounding per entry, an underflow among them.
  return 2 * (bound_norm(design_.row(i)) * (delta + unit_roundoff<S>() * abs(residual)) +
              underflow_bound<S>(1, dimension()));
}

template <Scalar S>
Certified<S> LeastSquares<S>::component_gradient_lipschitz() const {
  return {design_.rowwise().squaredNorm().maxCoeff(), Certainty::exact};
}

template <Scalar S>
std::optional<Certified<S>> LeastSquares<S>::lower_bound() const {
  if (minimiser_) return Certified<S>{value(*minimiser_), Certainty::exact};
  return Certified<S>{S(0), Certainty::bound};
}

template <Scalar S>
Vector<S> LeastSquares<S>::residual_rounding_errors(const Vector<S>& x) const {
  return entrywise_rounding_bound(dimension() + 1.0, design_.cwiseAbs() * x.cwiseAbs() + targets_.cwiseAbs());
}

template <Scalar S>
S LeastSquares<S>::value_rounding_error(const Vector<S>& x) const {
  const Vector<S> residual = design_ * x - targets_;
  const Vector<S> delta = residual_rounding_errors(x);
  const S m = S(components());
  return 2 * (residual.cwiseAbs().dot(delta) / m +
              rounding_bound<S>(components() + 4.0, residual.squaredNorm() / (2 * m)));
}

template <Scalar S>
S LeastSquares<S>::gradient_rounding_error(const Vector<S>& x) const {
  const Vector<S> residual = design_ * x - targets_;
  const Vector<S> delta = residual_rounding_errors(x);
  const S m = S(components());
  return 2 * (bound_norm(design_) * bound_norm(delta) / m +
              rounding_bound<S>(components() + 4.0, bound_norm(design_.cwiseAbs().transpose() * residual.cwiseAbs()) / m,
                                dimension()));
}

template <Scalar S>
std::vector<CriticalPoint<S>> LeastSquares<S>::critical_points() const {
  if (!minimiser_) return {};
  return {{*minimiser_, gram_eigenvalues_, CriticalKind::global_minimum}};
}

template <Scalar S>
SaddleFiniteSum<S>::SaddleFiniteSum(const SaddleFiniteSumSpec& spec)
    : saddle_((spec.validate(), spec.saddle)), rest_(spec.rest) {}

template <Scalar S>
S SaddleFiniteSum<S>::value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
  Vector<S> rest_gradient;
  const S rest_value = rest_.value_and_gradient(x.tail(dimension() - 1), rest_gradient);
  g.resize(dimension());
  g(0) = saddle_.first(x(0));
  g.tail(dimension() - 1) = rest_gradient;
  return saddle_.value(x(0)) + rest_value;
}

template <Scalar S>
Matrix<S> SaddleFiniteSum<S>::hessian(const Vector<S>& x) const {
  Matrix<S> h = Matrix<S>::Zero(dimension(), dimension());
  h(0, 0) = saddle_.second(x(0));
  h.bottomRightCorner(dimension() - 1, dimension() - 1) = rest_.hessian(x.tail(dimension() - 1));
  return h;
}

template <Scalar S>
S SaddleFiniteSum<S>::component_value_and_gradient(int i, const Vector<S>& x, Vector<S>& g) const {
  Vector<S> rest_gradient;
  const S rest_value = rest_.component_value_and_gradient(i, x.tail(dimension() - 1), rest_gradient);
  g.resize(dimension());
  g(0) = saddle_.first(x(0));  // the same in every component: no variance along x_0
  g.tail(dimension() - 1) = rest_gradient;
  return saddle_.value(x(0)) + rest_value;
}

template <Scalar S>
S SaddleFiniteSum<S>::component_gradient_rounding_error(int i, const Vector<S>& x) const {
  return 2 * rounding_bound<S>(20, saddle_.first_magnitude(x(0))) +
         rest_.component_gradient_rounding_error(i, x.tail(dimension() - 1));
}

template <Scalar S>
Certified<S> SaddleFiniteSum<S>::component_gradient_lipschitz() const {
  using std::max;
  return {max(saddle_.curvature_bound(), rest_.component_gradient_lipschitz().value), Certainty::exact};
}

template <Scalar S>
std::optional<Certified<S>> SaddleFiniteSum<S>::gradient_lipschitz() const {
  using std::max;
  return Certified<S>{max(saddle_.curvature_bound(), rest_.gradient_lipschitz()->value), Certainty::exact};
}

template <Scalar S>
std::optional<Certified<S>> SaddleFiniteSum<S>::lower_bound() const {
  const auto roots = saddle_.critical_points();
  S lowest = saddle_.value(roots.front());
  for (const S& root : roots) lowest = std::min(lowest, saddle_.value(root));
  const auto rest = rest_.lower_bound();
  return Certified<S>{lowest + rest->value, rest->certainty};
}

template <Scalar S>
S SaddleFiniteSum<S>::value_rounding_error(const Vector<S>& x) const {
  return 2 * rounding_bound<S>(20, saddle_.value_magnitude(x(0))) + rest_.value_rounding_error(x.tail(dimension() - 1));
}

template <Scalar S>
S SaddleFiniteSum<S>::gradient_rounding_error(const Vector<S>& x) const {
  return 2 * rounding_bound<S>(20, saddle_.first_magnitude(x(0))) + rest_.gradient_rounding_error(x.tail(dimension() - 1));
}

template <Scalar S>
std::vector<CriticalPoint<S>> SaddleFiniteSum<S>::critical_points() const {
  const auto rest = rest_.critical_points();
  if (rest.empty()) return {};
  std::vector<CriticalPoint<S>> points;
  const auto roots = saddle_.critical_points();
  S lowest = saddle_.value(roots.front());
  for (const S& root : roots) lowest = std::min(lowest, saddle_.value(root));
  for (const S& root : roots) {
    Vector<S> x(dimension()), spectrum(dimension());
    x(0) = root;
    x.tail(dimension() - 1) = rest.front().x;
    spectrum(0) = saddle_.second(root);
    spectrum.tail(dimension() - 1) = rest_.gram_eigenvalues();
    std::sort(spectrum.begin(), spectrum.end());
    const CriticalKind kind = saddle_.second(root) < 0           ? CriticalKind::strict_saddle
                              : saddle_.value(root) == lowest ? CriticalKind::global_minimum
                                                              : CriticalKind::local_minimum;
    points.push_back({x, spectrum, kind});
  }
  return points;
}

}  // namespace gdcheck

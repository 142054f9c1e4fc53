// Out-of-line members of Quadratic<S>; included once per scalar type by the
// instantiation units lib/objectives/quadratic_<type>.cpp.
#pragma once

#include <algorithm>
#include <cmath>

#include "lib/objectives/quadratic.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

template <Scalar S>
Quadratic<S>::Quadratic(const QuadraticSpec& spec) {
  spec.validate();
  const int d = spec.dimension();
  eigenvalues_ = convert<S>(Eigen::Map<const Vector<double>>(spec.eigenvalues.data(), d));
  eigenvectors_ = rotation_matrix<S>(spec.rotation);
  Matrix<S> a = eigenvectors_ * eigenvalues_.asDiagonal() * eigenvectors_.transpose();
  matrix_ = (a + a.transpose()) / 2;  // exactly symmetric: the Hessian of a function
  gradient_lipschitz_ = eigenvalues_.cwiseAbs().maxCoeff();
  has_negative_eigenvalue_ = (eigenvalues_.array() < S(0)).any();

  // ||fl(Q) - Q||_2 <= rotation_rounding_error; fl(Q diag Q^T) adds
  // gamma_{d+1} |Q||diag||Q^T|, whose 2-norm is <= d L. Twice the first-order
  // terms covers the products of errors dropped here, which are O(u^2). The
  // entries of fl(Q diag Q^T) are chains of 2d + 1 roundings, whose underflow
  // errors have Frobenius norm (>= 2-norm) at most underflow_bound(2d + 1, d^2).
  using std::sqrt;
  const S root_d = sqrt(S(d));
  const S rotation_error = rotation_rounding_error<S>(spec.rotation);
  matrix_error_ =
      2 * gradient_lipschitz_ * (2 * rotation_error + S(d) * rounding_gamma<S>(d + 1.0)) +
      underflow_bound<S>(2.0 * d + 1, double(d) * d);
  // Relative (a factor of ||x||); the product's underflows are added where it is used.
  product_error_ = rounding_gamma<S>(d + 1.0) * root_d * gradient_lipschitz_;
}

template <Scalar S>
S Quadratic<S>::value(const Vector<S>& x) const {
  return x.dot(matrix_ * x) / 2;
}

template <Scalar S>
void Quadratic<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  g.noalias() = matrix_ * x;
}

template <Scalar S>
S Quadratic<S>::value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
  g.noalias() = matrix_ * x;
  return x.dot(g) / 2;
}

template <Scalar S>
std::vector<CriticalPoint<S>> Quadratic<S>::critical_points() const {
  Vector<S> spectrum = eigenvalues_;
  std::sort(spectrum.begin(), spectrum.end());
  const S lowest = spectrum(0), highest = spectrum(spectrum.size() - 1);
  const CriticalKind kind = lowest >= 0                  ? CriticalKind::global_minimum
                            : highest > 0                ? CriticalKind::strict_saddle
                            : highest < 0                ? CriticalKind::local_maximum
                                                         : CriticalKind::non_strict_saddle;
  return {{Vector<S>::Zero(dimension()), spectrum, kind}};
}

}  // namespace gdcheck

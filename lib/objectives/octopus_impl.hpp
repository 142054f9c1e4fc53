#pragma once

#include <algorithm>
#include <cmath>

#include "lib/objectives/octopus.hpp"

namespace gdcheck {

// g1(a) = -gamma a^2 + A h^3 + B h^4, h = a - tau,
// A = (-14L + 10 gamma) / (3 tau), B = (5L - 3 gamma) / (2 tau^2).
template <Scalar S>
S Octopus<S>::g1(const S& a) const {
  const S h = a - tau_;
  return -gamma_ * a * a + cubic_ * h * h * h + quartic_ * h * h * h * h;
}
template <Scalar S>
S Octopus<S>::g1_d1(const S& a) const {
  const S h = a - tau_;
  return -2 * gamma_ * a + 3 * cubic_ * h * h + 4 * quartic_ * h * h * h;
}
template <Scalar S>
S Octopus<S>::g1_d2(const S& a) const {
  const S h = a - tau_;
  return -2 * gamma_ + 6 * cubic_ * h + 12 * quartic_ * h * h;
}
// g2(a) = -gamma - (L + gamma) p(u), u = (a - 2 tau)/tau, p = 10u^3 + 15u^4 + 6u^5.
template <Scalar S>
S Octopus<S>::g2(const S& a) const {
  const S u = (a - 2 * tau_) / tau_;
  return -gamma_ - (curvature_ + gamma_) * u * u * u * (10 + u * (15 + 6 * u));
}
template <Scalar S>
S Octopus<S>::g2_d1(const S& a) const {
  const S u = (a - 2 * tau_) / tau_;
  return -(curvature_ + gamma_) * 30 * u * u * (1 + u) * (1 + u) / tau_;
}
template <Scalar S>
S Octopus<S>::g2_d2(const S& a) const {
  const S u = (a - 2 * tau_) / tau_;
  return -(curvature_ + gamma_) * 60 * u * (1 + u) * (1 + 2 * u) / (tau_ * tau_);
}

template <Scalar S>
Octopus<S>::Octopus(const OctopusSpec& spec) {
  using std::abs;
  using std::max;
  using std::sqrt;
  spec.validate();
  dimension_ = spec.dimension;
  tau_ = S(spec.tau);
  curvature_ = S(spec.curvature);
  gamma_ = S(spec.gamma);
  cubic_ = (-14 * curvature_ + 10 * gamma_) / (3 * tau_);
  quartic_ = (5 * curvature_ - 3 * gamma_) / (2 * tau_ * tau_);
  nu_ = -g1(2 * tau_) + 4 * curvature_ * tau_ * tau_;

  // sup over [tau, 2tau] of |g1''| (a quadratic in h: ends and vertex), and of
  // |g2|, |g2'|, |g2''|, |g2'''| from p on [-1, 0]: p from -1 to 0 (monotone),
  // max p' = 15/8 at u = -1/2, max |p''| = 10/sqrt(3), max |p'''| = 60.
  S g1_curvature = max(abs(g1_d2(tau_)), abs(g1_d2(2 * tau_)));
  if (quartic_ != 0) {
    const S vertex = tau_ - cubic_ / (4 * quartic_);
    if (vertex > tau_ && vertex < 2 * tau_) g1_curvature = max(g1_curvature, abs(g1_d2(vertex)));
  }
  const S sum = curvature_ + gamma_;
  const S g2_max = max(curvature_, gamma_);
  const S g2_d1_max = sum * 15 / (8 * tau_);
  const S g2_d2_max = sum * 10 / (sqrt(S(3)) * tau_ * tau_);
  const S g2_d3_max = sum * 60 / (tau_ * tau_ * tau_);
  // Rows of the (i, i+1) block with |x_{i+1}| <= tau:
  //   row i:   |g1'' + g2'' x^2| + |2 g2' x|,  row i+1: |2 g2' x| + |2 g2|.
  const S row_i = g1_curvature + g2_d2_max * tau_ * tau_ + 2 * g2_d1_max * tau_;
  const S row_next = 2 * g2_d1_max * tau_ + 2 * g2_max;
  const S rounding_up = 1 + rounding_gamma<S>(40);
  // (+ underflow units: rounding_model.hpp; the constants are O(1) for valid specs)
  lipschitz_ = max({2 * curvature_, 2 * gamma_, row_i, row_next}) * rounding_up + underflow_bound<S>(40);
  // Third derivatives there: T_iii = g1''' + g2''' x^2, T_ii(i+1) = 2 g2'' x (3
  // entries), T_i(i+1)(i+1) = 2 g2' (3 entries); g1''' = 6A + 24B h is linear.
  const S g1_d3_max = max(abs(6 * cubic_), abs(6 * cubic_ + 24 * quartic_ * tau_));
  const S t_iii = g1_d3_max + g2_d3_max * tau_ * tau_;
  const S t_iij = 2 * g2_d2_max * tau_;
  const S t_ijj = 2 * g2_d1_max;
  hessian_lipschitz_ = sqrt(t_iii * t_iii + 3 * t_iij * t_iij + 3 * t_ijj * t_ijj) * rounding_up + underflow_bound<S>(40);
}

template <Scalar S>
int Octopus<S>::first_small(const Vector<S>& x) const {
  using std::abs;
  for (int j = 0; j < dimension_; ++j) {
    if (abs(x(j)) <= 2 * tau_) return j;
  }
  return dimension_;
}

template <Scalar S>
bool Octopus<S>::in_domain(const Vector<S>& x) const {
  using std::abs;
  for (int j = first_small(x) + 1; j < dimension_; ++j) {
    if (abs(x(j)) > tau_) return false;
  }
  return true;
}

template <Scalar S>
S Octopus<S>::evaluate(const Vector<S>& x, S* magnitude) const {
  using std::abs;
  S total = 0, size = 0;
  const auto add = [&](const S& term, const S& term_size) {
    total += term;
    size += term_size;
  };
  const int i = first_small(x);
  for (int j = 0; j < i; ++j) {
    const S h = abs(x(j)) - 4 * tau_;
    add(curvature_ * h * h, curvature_ * (abs(x(j)) + 4 * tau_) * (abs(x(j)) + 4 * tau_));
  }
  const S level = -S(std::min(i, dimension_)) * nu_;
  add(level, abs(level));
  if (i < dimension_) {
    const S a = abs(x(i));
    int rest = i + 1;
    if (a <= tau_) {
      add(-gamma_ * a * a, gamma_ * a * a);
    } else {
      const S h = a - tau_;
      add(g1(a), gamma_ * a * a + abs(cubic_) * h * h * h + abs(quartic_) * h * h * h * h);
      if (i + 1 < dimension_) {
        const S u = abs((a - 2 * tau_) / tau_);
        const S x2 = x(i + 1) * x(i + 1);
        add(g2(a) * x2, (gamma_ + (curvature_ + gamma_) * u * u * u * (10 + u * (15 + 6 * u))) * x2);
        rest = i + 2;
      }
    }
    for (int j = rest; j < dimension_; ++j) add(curvature_ * x(j) * x(j), curvature_ * x(j) * x(j));
  }
  if (magnitude) *magnitude = size;
  return total;
}

template <Scalar S>
S Octopus<S>::value(const Vector<S>& x) const {
  return evaluate(x, nullptr);
}

template <Scalar S>
void Octopus<S>::evaluate_gradient(const Vector<S>& x, Vector<S>& g, Vector<S>* magnitudes) const {
  using std::abs;
  g.setZero(dimension_);
  Vector<S> size = Vector<S>::Zero(dimension_);
  const auto sign = [](const S& v) { return v < 0 ? S(-1) : S(1); };
  const int i = first_small(x);
  for (int j = 0; j < i; ++j) {
    g(j) = 2 * curvature_ * (abs(x(j)) - 4 * tau_) * sign(x(j));
    size(j) = 2 * curvature_ * (abs(x(j)) + 4 * tau_);
  }
  if (i < dimension_) {
    const S a = abs(x(i));
    int rest = i + 1;
    if (a <= tau_) {
      g(i) = -2 * gamma_ * x(i);
      size(i) = abs(g(i));
    } else {
      const S h = a - tau_;
      g(i) = g1_d1(a) * sign(x(i));
      size(i) = 2 * gamma_ * a + 3 * abs(cubic_) * h * h + 4 * abs(quartic_) * h * h * h;
      if (i + 1 < dimension_) {
        const S x_next = x(i + 1);
        g(i) += g2_d1(a) * x_next * x_next * sign(x(i));
        size(i) += abs(g2_d1(a)) * x_next * x_next;
        g(i + 1) = 2 * g2(a) * x_next;
        size(i + 1) = 2 * (gamma_ + curvature_ + gamma_) * abs(x_next);
        rest = i + 2;
      }
    }
    for (int j = rest; j < dimension_; ++j) {
      g(j) = 2 * curvature_ * x(j);
      size(j) = abs(g(j));
    }
  }
  if (magnitudes) *magnitudes = size;
}

template <Scalar S>
void Octopus<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  evaluate_gradient(x, g, nullptr);
}

template <Scalar S>
Matrix<S> Octopus<S>::hessian(const Vector<S>& x) const {
  using std::abs;
  Matrix<S> h = Matrix<S>::Zero(dimension_, dimension_);
  const int i = first_small(x);
  for (int j = 0; j < std::min(i, dimension_); ++j) h(j, j) = 2 * curvature_;
  if (i < dimension_) {
    const S a = abs(x(i));
    int rest = i + 1;
    if (a <= tau_) {
      h(i, i) = -2 * gamma_;
    } else {
      h(i, i) = g1_d2(a);
      if (i + 1 < dimension_) {
        const S x_next = x(i + 1);
        const S sign = x(i) < 0 ? S(-1) : S(1);
        h(i, i) += g2_d2(a) * x_next * x_next;
        h(i, i + 1) = h(i + 1, i) = 2 * g2_d1(a) * x_next * sign;
        h(i + 1, i + 1) = 2 * g2(a);
        rest = i + 2;
      }
    }
    for (int j = rest; j < dimension_; ++j) h(j, j) = 2 * curvature_;
  }
  return h;
}

template <Scalar S>
S Octopus<S>::value_rounding_error(const Vector<S>& x) const {
  S magnitude = 0;
  evaluate(x, &magnitude);
  // a sum of d terms of <= 30 roundings each: d (d + 30) >= 30 d underflow units
  return rounding_bound<S>(dimension_ + 30.0, magnitude, double(dimension_) * dimension_);
}

template <Scalar S>
S Octopus<S>::gradient_rounding_error(const Vector<S>& x) const {
  Vector<S> g, magnitudes;
  evaluate_gradient(x, g, &magnitudes);
  return rounding_bound<S>(30, bound_norm(magnitudes), dimension_);
}

template <Scalar S>
std::vector<CriticalPoint<S>> Octopus<S>::critical_points() const {
  std::vector<CriticalPoint<S>> points;
  for (int k = 0; k <= dimension_; ++k) {
    Vector<S> x = Vector<S>::Zero(dimension_);
    x.head(k).setConstant(4 * tau_);
    Vector<S> spectrum = Vector<S>::Constant(dimension_, 2 * curvature_);
    if (k < dimension_) spectrum(0) = -2 * gamma_;  // ascending: -2 gamma first
    // In one dimension the "saddle" at 0 is a strict local maximum.
    const CriticalKind kind = k == dimension_   ? CriticalKind::global_minimum
                              : dimension_ == 1 ? CriticalKind::local_maximum
                                                : CriticalKind::strict_saddle;
    points.push_back({x, spectrum, kind});
  }
  return points;
}

}  // namespace gdcheck

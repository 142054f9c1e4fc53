// ReLU nets' loss is not C^2 (not even C^1): the gradient jumps across an
// activation boundary, so no theorem built on C^{1,1}_L or on a Hessian
// applies as stated.
//
// Source: lecture, "Local optimization: neural nets?" ("For ReLU nets
// L(W) is not C^2"); theory.md section 8.
// For the two-layer net of lib/objectives/two_layer_relu.hpp (u_i = s sum_r
// a_r ReLU(w_r . x_i), s = m^{-1/2}, f = ||u - y||^2/2), let W lie on the
// boundary of exactly one unit-sample pair: w_r . x_i = 0, every other
// w_r . x_j and w_q . x_j away from 0. Moving w_r by +-t x_i switches that
// pair on or off and nothing else, and the one-sided gradients differ by
//     J = s a_r e_i x_i   in unit r's block,  e_i = u_i(W) - y_i,
// up to a remainder that vanishes with t: with X = max_j |x_j|,
//     ||grad f(W + t x_i) - grad f(W - t x_i) - J|| <= 2 t n X^3 / sqrt(m) + (t X^2 + |z_ri|) X / m,
// since the errors e_j move by at most s 2t |x_i . x_j| (ReLU is 1-Lipschitz)
// and each of the m blocks sums n of them times s |x_j|. So the gradient
// changes by about ||J|| = s |e_i| |x_i| over a distance 2t |x_i| -> 0.
//
// Consequence checked as the descent lemma's negative control: a user's
// natural L, the largest Hessian eigenvalue over the points GD visits (the
// Hessian exists off the kinks: J^T J), does not make alpha < 2/L safe; the
// loss can increase in one step across a kink.
#pragma once

#include <algorithm>
#include <cmath>
#include <string_view>

#include "lib/objectives/two_layer_relu.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::relu_kink {

inline constexpr std::string_view name = "relu-loss-not-smooth";
inline constexpr std::string_view statement =
    "two-layer ReLU loss: across w_r.x_i = 0 the gradient jumps by m^{-1/2} a_r (u_i - y_i) x_i; "
    "GD with alpha < 2/L_loc (L_loc = max Hessian eigenvalue over the visited points) can increase the loss";

// The network's data in S (the same numbers the family holds).
template <Scalar S>
struct NetData {
  Matrix<S> inputs;   // p x n
  Vector<S> targets;  // n
  Vector<S> signs;    // m
  explicit NetData(const TwoLayerReluSpec& spec) {
    const TwoLayerReluData data = two_layer_relu_data(spec);
    inputs = convert<S>(data.inputs);
    targets = convert<S>(data.targets);
    signs = convert<S>(data.signs);
  }
  int width() const { return static_cast<int>(signs.size()); }
  // X = max_j |x_j| (1 up to the inputs' rounding), rounded up by gamma_{p+2}.
  S largest_input_norm() const {
    using std::max;
    S largest = 0;
    for (int j = 0; j < inputs.cols(); ++j) largest = max(largest, bound_norm(inputs.col(j)));
    return largest * (1 + rounding_gamma<S>(inputs.rows() + 2.0)) + underflow_bound<S>(1);
  }
  // Entry (r, c) of W in the parameter vector (column-major m x p).
  int index(int unit, int coordinate) const { return coordinate * width() + unit; }
};

// W with unit r's weights projected onto x_i's orthogonal complement, so
// that z_ri = w_r . x_i is 0 up to rounding.
template <Scalar S>
Vector<S> onto_boundary(const NetData<S>& net, const Vector<S>& weights, int unit, int sample) {
  Vector<S> w = weights;
  const int p = static_cast<int>(net.inputs.rows());
  Vector<S> row(p);
  for (int c = 0; c < p; ++c) row(c) = w(net.index(unit, c));
  const Vector<S> x = net.inputs.col(sample);
  row -= (row.dot(x) / x.squaredNorm()) * x;
  for (int c = 0; c < p; ++c) w(net.index(unit, c)) = row(c);
  return w;
}

template <Scalar S>
struct JumpCheck {
  bool pattern_certified = false;  // only the pair (r, i) switches between W - t x_i and W + t x_i
  S jump_norm = 0;                 // ||J||
  S remainder = 0;                 // ||grad f(W+) - grad f(W-) - J||
  S remainder_bound = 0;           // the bound above
  S rounding = 0;                  // rounding bound of remainder (and of jump_norm)
  // remainder <= remainder_bound, judged with its rounding.
  Verdict verdict() const { return judge(remainder, remainder_bound, rounding); }
  // ||grad f(W+) - grad f(W-)|| >= certified_jump() whatever the rounding.
  S certified_jump() const { return jump_norm - remainder_bound - 2 * rounding; }
};

template <Scalar S>
JumpCheck<S> check_jump(const TwoLayerRelu<S>& f, const NetData<S>& net, const Vector<S>& boundary_weights,
                        int unit, int sample, const S& t) {
  using std::abs;
  using std::max;
  using std::sqrt;
  const int m = net.width(), p = static_cast<int>(net.inputs.rows()), n = static_cast<int>(net.inputs.cols());
  const S scale = 1 / sqrt(S(m));
  const Matrix<S> weights = Eigen::Map<const Matrix<S>>(boundary_weights.data(), m, p);
  const Matrix<S> z = weights * net.inputs;
  const Matrix<S> z_error = entrywise_rounding_bound(p + 1.0, weights.cwiseAbs() * net.inputs.cwiseAbs());
  const Vector<S> x = net.inputs.col(sample);
  const S big_x = net.largest_input_norm();

  JumpCheck<S> check;
  // The pair switches: t |x_i|^2 beats |z_ri|; nothing else does: every other
  // |z_rj| beats the move t |x_i . x_j| <= t X^2 (other units do not move).
  const S z_ri = abs(z(unit, sample)) + z_error(unit, sample);
  check.pattern_certified = t * x.squaredNorm() * (1 - rounding_gamma<S>(p + 2.0)) - underflow_bound<S>(p + 2.0) > z_ri;
  for (int j = 0; j < n; ++j) {
    if (j != sample && !(abs(z(unit, j)) - z_error(unit, j) > t * big_x * big_x)) check.pattern_certified = false;
  }

  Vector<S> plus = boundary_weights, minus = boundary_weights;
  for (int c = 0; c < p; ++c) {
    plus(net.index(unit, c)) += t * x(c);
    minus(net.index(unit, c)) -= t * x(c);
  }
  Vector<S> g_plus, g_minus;
  f.gradient(plus, g_plus);
  f.gradient(minus, g_minus);

  // e_i at W: u_i - y_i, from the units active on x_i (unit r contributes 0 there).
  S u_i = 0;
  for (int q = 0; q < m; ++q) u_i += net.signs(q) * max(S(0), z(q, sample));
  u_i *= scale;
  const S error = u_i - net.targets(sample);
  Vector<S> jump = Vector<S>::Zero(f.dimension());
  for (int c = 0; c < p; ++c) jump(net.index(unit, c)) = scale * net.signs(unit) * error * x(c);

  check.jump_norm = bound_norm(jump);
  check.remainder = bound_norm(g_plus - g_minus - jump);
  check.remainder_bound = 2 * t * S(n) * big_x * big_x * big_x * scale + (t * big_x * big_x + z_ri) * big_x / S(m);
  // The two gradients' own bounds; e_i's (m + p + 4 roundings on magnitudes
  // s sum |z_qi| + |y_i|) carried into J; the subtraction and norm.
  S magnitude = 0;
  for (int q = 0; q < m; ++q) magnitude += abs(z(q, sample)) + z_error(q, sample);
  const S error_rounding = rounding_bound<S>(m + p + 4.0, scale * magnitude + abs(net.targets(sample)));
  check.rounding = f.gradient_rounding_error(plus) + f.gradient_rounding_error(minus) +
                   scale * error_rounding * big_x + z_error(unit, sample) * scale * scale * big_x +
                   rounding_bound<S>(f.dimension() + 4.0, bound_norm(g_plus) + bound_norm(g_minus) + check.jump_norm,
                                     f.dimension());
  return check;
}

// How far f at a computed GD step x - alpha g can be from f at the exact
// step: the step is off by e (step_rounding_error), which moves f by at most
// ||u(next) - y|| D + D^2/2 with D = sqrt(n) X e (u is sqrt(n) X-Lipschitz in
// W: |u_i(a) - u_i(b)| <= s X sum_r |a_r - b_r| <= X ||a - b||).
template <Scalar S>
S step_rounding_in_value(const TwoLayerRelu<S>& f, const NetData<S>& net, const Vector<S>& x, const Vector<S>& g,
                         const S& step, const S& next_value) {
  using std::abs;
  using std::sqrt;
  const S moved = sqrt(S(net.inputs.cols())) * net.largest_input_norm() * step_rounding_error(f, x, g, step);
  return sqrt(2 * abs(next_value)) * moved + moved * moved / 2;
}

// One GD step from x must not increase f: lhs = f(x - alpha grad f(x)),
// rhs = f(x), with both values' bounds and the step's (above).
template <Scalar S>
Verdict check_no_increase(const TwoLayerRelu<S>& f, const NetData<S>& net, const Vector<S>& x, const S& step) {
  using std::abs;
  Vector<S> g;
  const S value = f.value_and_gradient(x, g);
  const Vector<S> next = x - step * g;
  const S next_value = f.value(next);
  const S rounding = f.value_rounding_error(x) + f.value_rounding_error(next) +
                     step_rounding_in_value(f, net, x, g, step, next_value) +
                     rounding_bound<S>(1, abs(value) + abs(next_value));
  return judge(next_value, value, rounding);
}

}  // namespace gdcheck::relu_kink

namespace gdcheck {
// Compiled once per scalar type (compiled_checks.hpp).
#define GDCHECK_RELU_KINK_CHECKS(PREFIX, S) \
  PREFIX template relu_kink::JumpCheck<S> relu_kink::check_jump<S>(const TwoLayerRelu<S>&, const relu_kink::NetData<S>&, \
                                                                    const Vector<S>&, int, int, const S&);            \
  PREFIX template S relu_kink::step_rounding_in_value<S>(const TwoLayerRelu<S>&, const relu_kink::NetData<S>&,         \
                                                         const Vector<S>&, const Vector<S>&, const S&, const S&);      \
  PREFIX template Verdict relu_kink::check_no_increase<S>(const TwoLayerRelu<S>&, const relu_kink::NetData<S>&,        \
                                                          const Vector<S>&, const S&);
GDCHECK_DECLARE_COMPILED(GDCHECK_EVERY_SCALAR, GDCHECK_RELU_KINK_CHECKS)
}  // namespace gdcheck

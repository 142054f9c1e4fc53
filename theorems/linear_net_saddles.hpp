// Linear nets of depth >= 3 have non-strict saddles, and GD pays for it.
//
// Source: lecture, "Local optimization: neural nets?" ("L(W) has non-strict
// saddles even for linear networks of depth >= 3"); theory.md section 8.
// For f(W_1..W_k) = ||W_k...W_1 - Phi||^2 / 2 (lib/objectives/deep_linear_chain.hpp)
// the Taylor expansion at W = 0 is
//     f(W) = ||Phi||^2/2 - <W_k...W_1, Phi> + ||W_k...W_1||^2/2,
// whose first non-constant term has degree k. So at 0: depth 2 has Hessian
// eigenvalues +-sigma_j(Phi) (a strict saddle: Lee et al.'s hypothesis
// holds); depth k >= 3 has gradient and Hessian exactly 0 (a non-strict
// saddle: the hypothesis fails), yet 0 is no local minimum, since along V
// f(tV) - f(0) = -t^k <P_V, Phi> + t^{2k} ||P_V||^2/2, P_V = V_k...V_1.
//
// Escape time on the scalar chain f = (phi - w_1...w_k)^2/2, phi > 0, from the
// balanced start w_i = c_0 = delta/sqrt(k), until ||w|| >= rho (rho^k <= phi/2):
// with R = rho/sqrt(k), a_hi = alpha phi, a_lo = alpha (phi - rho^k) and the
// per-step relative rounding theta of an update,
//   depth 2:  log(R/c_0)/(log(1+a_hi) + 2 theta) <= N < 1 + log(R/c_0)/(log(1+a_lo) - 2 theta)
//   depth k >= 3, F(c) = c^{2-k}/(k-2):
//             (F(c_0)-F(R))/(a_hi + e) <= N < 1 + (F(c_0)-F(R))/(b_lo - e),
//             b_lo = a_lo ((1+theta)(1 + a_hi R^{k-2}))^{-(k-1)}, e = 2(k-2) theta F(c_0).
// Derivation: the coordinates' maximum M_t and minimum m_t obey
// M_{t+1} <= (M_t + a_hi M_t^{k-1})(1+theta) and m_{t+1} >= (m_t + a_lo m_t^{k-1})(1-theta)
// while ||w_t|| < rho; F(c_t) - F(c_{t+1}) = int_{c_t}^{c_{t+1}} s^{1-k} ds lies
// between (c_{t+1}-c_t) c_{t+1}^{1-k} and (c_{t+1}-c_t) c_t^{1-k}; a relative
// perturbation theta of c_{t+1} moves F(c_{t+1}) by at most 2(k-2) theta F(c_0).
// Escape needs M_N >= R and follows from m_N >= R. Hence N grows like
// log(1/delta) at depth 2 and like delta^{-(k-2)} at depth k >= 3: the
// exponent k - 2 is the finite-delta consequence checked (the bounds hold for
// every delta, not only in the limit).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "lib/objectives/deep_linear_chain.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/hessian_spectrum.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::linear_net_saddles {

inline constexpr std::string_view name = "linear-net-saddles";
inline constexpr std::string_view statement =
    "deep linear net, W = 0: depth 2 strict saddle (hess eigenvalues +-sigma_j(Phi)); depth k >= 3 "
    "grad = hess = 0 yet f(tV) - f(0) = -t^k <V_k..V_1, Phi> + O(t^2k); balanced-chain GD escape steps "
    "within log(1/delta) bounds at depth 2 and delta^-(k-2) bounds at depth k >= 3";

// What the origin is, checked in f's scalar type.
template <Scalar S>
struct OriginCheck {
  bool gradient_is_zero = false;  // exactly, not within rounding
  bool hessian_is_zero = false;   // exactly
  S lowest_eigenvalue = 0;        // of the Hessian at 0
  S eigenvalue_rounding = 0;
  S top_singular_value = 0;       // sigma_max(Phi), from the eigenvalues of Phi^T Phi
  S singular_value_rounding = 0;
};

template <Scalar S>
OriginCheck<S> check_origin(const DeepLinearChain<S>& f, const Matrix<S>& target) {
  using std::sqrt;
  OriginCheck<S> check;
  const Vector<S> origin = Vector<S>::Zero(f.dimension());
  Vector<S> g;
  f.gradient(origin, g);
  check.gradient_is_zero = (g.array() == S(0)).all();
  const Matrix<S> h = f.hessian(origin);
  check.hessian_is_zero = (h.array() == S(0)).all();
  const auto spectrum = hessian_spectrum(f, origin);
  check.lowest_eigenvalue = spectrum.eigenvalues(0);
  check.eigenvalue_rounding = spectrum.rounding;
  const auto gram = SymmetricEigenvalues<S>::of(target.transpose() * target, target.rows() + 1);
  const S top = gram.eigenvalues(gram.eigenvalues.size() - 1);
  check.top_singular_value = sqrt(top);
  // sqrt(x +- e) is within e / sqrt(x) of sqrt(x) (x > 0), plus its own rounding.
  check.singular_value_rounding = gram.rounding / check.top_singular_value + rounding_bound<S>(1, check.top_singular_value);
  return check;
}

// f(tV) - f(0) against its closed form -t^k <P, Phi> + t^{2k} ||P||^2/2,
// P = V_k...V_1: lhs = the closed form, rhs = the computed difference, so a
// borderline or holding verdict in both directions (see agrees()) means the
// two agree within the rounding bound; the closed form has no term of degree
// below k, which is the claim.
template <Scalar S>
struct DirectionCheck {
  S computed = 0;     // f(tV) - f(0)
  S closed_form = 0;  // -t^k <P, Phi> + t^{2k} ||P||^2 / 2
  S rounding = 0;     // bound on |computed - closed_form| from rounding alone
  bool agrees() const {
    using std::abs;
    return abs(computed - closed_form) <= rounding;
  }
  // The difference is negative beyond rounding: f decreases along V.
  bool descends() const { return computed < -rounding; }
};

template <Scalar S>
DirectionCheck<S> check_direction(const DeepLinearChain<S>& f, const Matrix<S>& target, int depth,
                                  const Vector<S>& direction, const S& t) {
  using std::abs;
  using std::pow;
  const int n = static_cast<int>(target.rows()), block = n * n;
  Matrix<S> product = Matrix<S>::Identity(n, n);
  Matrix<S> magnitude = Matrix<S>::Identity(n, n);
  for (int i = 0; i < depth; ++i) {
    const Matrix<S> layer = Eigen::Map<const Matrix<S>>(direction.data() + i * block, n, n);
    product = layer * product;
    magnitude = layer.cwiseAbs() * magnitude;
  }
  const Vector<S> point = t * direction;
  const Vector<S> origin = Vector<S>::Zero(f.dimension());
  DirectionCheck<S> check;
  const S at_point = f.value(point), at_origin = f.value(origin);
  check.computed = at_point - at_origin;
  const S tk = pow(t, depth);
  const S inner = (product.array() * target.array()).sum();
  check.closed_form = -tk * inner + tk * tk * product.squaredNorm() / 2;
  // The family's own bounds for the two values, the subtraction, and the
  // closed form's roundings: the k-fold products of n x n layers (kn), the
  // inner product and squared norm (n^2 + 2n), the powers of t (2k) and the
  // combination (8), all relative to the magnitudes of their terms.
  const S closed_form_magnitude =
      tk * (magnitude.array() * target.array().abs()).sum() + tk * tk * magnitude.squaredNorm() / 2;
  check.rounding = f.value_rounding_error(point) + f.value_rounding_error(origin) +
                   rounding_bound<S>(1, abs(at_point) + abs(at_origin)) +
                   rounding_bound<S>((depth + 2.0) * n + block + 2 * depth + 8, closed_form_magnitude, block);
  return check;
}

// The bounds above on the escape steps of the balanced scalar chain.
struct EscapeBounds {
  double lower = 0;  // N >= lower
  double upper = 0;  // N < upper
};

// Throws std::invalid_argument unless depth >= 2, alpha, phi > 0, 0 < delta < rho,
// rho^depth <= phi/2, and the per-step margin (b_lo - e, or log(1+a_lo) - 2 theta) is positive.
inline EscapeBounds escape_bounds(int depth, double step, double phi, double delta, double radius,
                                  double relative_rounding) {
  const double k = depth;
  if (depth < 2) throw std::invalid_argument("escape_bounds: depth = " + std::to_string(depth) + " < 2");
  if (!(step > 0) || !(phi > 0)) throw std::invalid_argument("escape_bounds: step and phi must be > 0");
  if (!(delta > 0 && delta < radius)) throw std::invalid_argument("escape_bounds: need 0 < delta < rho");
  if (!(std::pow(radius, k) <= phi / 2)) throw std::invalid_argument("escape_bounds: need rho^k <= phi/2");
  const double c0 = delta / std::sqrt(k), r = radius / std::sqrt(k);
  // theta is a relative rounding (update_rounding): it holds while the
  // update's products stay normal; below, underflow adds absolute errors
  // that no relative theta bounds (rounding_model.hpp). Checked against
  // double's smallest normal, which is conservative for the wider types.
  if (!(step * std::fmin(phi, 1.0) * std::pow(c0, k - 1) >= std::numeric_limits<double>::min())) {
    throw std::invalid_argument("escape_bounds: the updates underflow (alpha min(phi, 1) (delta/sqrt k)^(k-1) is "
                                "below the smallest normal double), where the relative rounding theta does not hold");
  }
  const double a_hi = step * phi, a_lo = step * (phi - std::pow(radius, k));
  const double theta = relative_rounding;
  EscapeBounds bounds;
  if (depth == 2) {
    const double distance = std::log(r / c0);
    const double slow = std::log1p(a_lo) - 2 * theta;
    if (!(slow > 0)) throw std::invalid_argument("escape_bounds: per-step growth within rounding");
    bounds.lower = distance / (std::log1p(a_hi) + 2 * theta);
    bounds.upper = 1 + distance / slow;
    return bounds;
  }
  const auto potential = [k](double c) { return std::pow(c, 2 - k) / (k - 2); };
  const double distance = potential(c0) - potential(r);
  const double e = 2 * (k - 2) * theta * potential(c0);
  const double b_lo = a_lo * std::pow((1 + theta) * (1 + a_hi * std::pow(r, k - 2)), -(k - 1));
  if (!(b_lo - e > 0)) throw std::invalid_argument("escape_bounds: per-step growth within rounding");
  bounds.lower = distance / (a_hi + e);
  bounds.upper = 1 + distance / (b_lo - e);
  return bounds;
}

// The per-step relative rounding theta of one coordinate's update in S
// (k - 1 products, the residual's k roundings and subtraction, the scaling by
// alpha and the addition): gamma_{2k + 8}, while the products are normal
// (escape_bounds refuses starts where they are not).
template <Scalar S>
double update_rounding(int depth) {
  return static_cast<double>(rounding_gamma<S>(2.0 * depth + 8));
}

// Runs the library's GD (or the optimizer under test) in S on the scalar chain
// from delta times a unit direction (the balanced one, (1, ..., 1)/sqrt(k), by
// default); returns the first t with ||w_t|| >= rho, or -1 when the budget
// ran out first.
template <Scalar S, class Optimizer>
long escape_steps(int depth, double phi, double step, const S& delta, double radius, long budget,
                  Optimizer&& optimizer, const Vector<double>& direction = {}) {
  using std::sqrt;
  const DeepLinearChain<S> f(DeepLinearChainSpec{depth, 1, phi, 0});
  GradientDescentOptions<S> options;
  options.step = S(step);
  options.max_iterations = budget;
  const Vector<S> x0 = direction.size() == 0 ? Vector<S>(Vector<S>::Constant(depth, delta / sqrt(S(depth))))
                                             : Vector<S>(delta * convert<S>(direction));
  long escaped_at = -1;
  const S rho = S(radius);
  optimizer(f, x0, options, [&](const Iterate<S>& it) {
    if (it.x.norm() >= rho) {
      escaped_at = it.t;
      return true;
    }
    return false;
  });
  return escaped_at;
}

// PGD (Algorithm 2 with l = 9, rho = 26 and the given eps; delta = 1, c = 0.1,
// chi scale 0.5, 3 as in the property) run from the origin of the depth-3
// scalar chain f = (1 - w_1 w_2 w_3)^2/2, a non-strict saddle (gradient and
// Hessian 0): what its guarantee says of the output, and whether the output
// is the origin, with, there, the 50-digit check along the balanced direction
// (1, 1, 1)/sqrt(3) at t = 1/2 that makes the origin no local minimum.
struct PgdAtDeepOrigin {
  double largest_norm = 0;  // of any iterate: l and rho hold on the unit ball
  bool converged = false;
  double gradient_norm = 0;        // at the output
  double lowest_eigenvalue = 0;    // of the Hessian at the output
  double eigenvalue_rounding = 0;  // its certified rounding
  bool at_origin = false;
  double value_at_output = 0;
  // At the origin only: f's decrease along the balanced direction, and f there.
  std::optional<DirectionCheck<Decimal50>> along_balanced;
  double value_half_unit_along = 0;
};
PgdAtDeepOrigin pgd_at_deep_origin(double epsilon, std::uint64_t seed);

// The chain of `spec` and its target Phi in 50 digits, compiled once for
// the properties' exact checks: check_origin there; check_direction at t
// along the unit direction uniform_on_sphere(Rng(direction_seed), d); and
// along D = (Phi, I, ..., I)/||.||, where f decreases at order t^k, so that
// the origin is no local minimum.
OriginCheck<Decimal50> check_origin_at_50_digits(const DeepLinearChainSpec& spec);
DirectionCheck<Decimal50> check_random_direction_at_50_digits(const DeepLinearChainSpec& spec,
                                                              std::uint64_t direction_seed, double t);
DirectionCheck<Decimal50> check_descent_direction_at_50_digits(const DeepLinearChainSpec& spec, double t);

// escape_steps with the library's GD, compiled once (linear_net_saddles.cpp)
// in the two types the properties run it in, instead of in their unit.
long library_gd_escape_steps(int depth, double phi, double step, double delta, double radius, long budget,
                             const Vector<double>& direction = {});
long library_gd_escape_steps(int depth, double phi, double step, const Decimal50& delta, double radius, long budget);

}  // namespace gdcheck::linear_net_saddles

namespace gdcheck {
// Compiled once per scalar type (compiled_checks.hpp).
#define GDCHECK_LINEAR_NET_CHECKS(PREFIX, S) \
  PREFIX template linear_net_saddles::OriginCheck<S> linear_net_saddles::check_origin<S>(const DeepLinearChain<S>&,   \
                                                                                         const Matrix<S>&);         \
  PREFIX template linear_net_saddles::DirectionCheck<S> linear_net_saddles::check_direction<S>(                       \
      const DeepLinearChain<S>&, const Matrix<S>&, int, const Vector<S>&, const S&);
GDCHECK_DECLARE_COMPILED(GDCHECK_EVERY_SCALAR, GDCHECK_LINEAR_NET_CHECKS)
}  // namespace gdcheck

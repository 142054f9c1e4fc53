// The L-smooth function through given first-order data: points x_i with
// values f_i and gradients g_i. Used to build worst cases of GD from the
// solution of a performance-estimation program (issue 25, item 1), where the
// worst case is not one-dimensional.
//
//   f(x) = min over lambda in the simplex of
//            sum_i lambda_i q_i(x) - L sum_i lambda_i ||s_i - s(lambda)||^2,
//   q_i(x) = f_i + <g_i, x - x_i> + L ||x - x_i||^2 / 2,
//   s_i = (x_i - g_i / L) / 2,  s(lambda) = sum_i lambda_i s_i.
//
// Why it is in the class whatever the data: f(x) + L ||x||^2 / 2 =
// min_lambda [-c . lambda + L ||x - s(lambda)||^2] (c_i collecting the
// constants) is the Moreau envelope of a polyhedral convex function, so it is
// convex and 2L-smooth, and the curvature of f lies in [-L, L] (the
// conjugate construction behind Taylor, Hendrickx & Glineur 2017, Math.
// Program. 161, Theorem 3.10 with mu = -L).
// Why it passes through the data: the objective is convex in lambda, and its
// derivative from the vertex e_i towards e_j is
//   q_j(x) - q_i(x) - L ||s_j - s_i||^2,
// which at x = x_i is the slack of that theorem's interpolation condition
// for the pair (j, i). Where the data satisfy the conditions, e_i is the
// minimiser at x_i, so f(x_i) = f_i and grad f(x_i) = g_i: GD started at a
// data point follows the data.
// Its infimum, exactly: for fixed lambda the least value over x is
// -c . lambda - L ||s(lambda)||^2, concave in lambda, so least at a vertex:
//   inf f = min_i (f_i - ||g_i||^2 / (2L)).
//
// Evaluated exactly where a single piece is the minimiser (q_i(x) least and
// every derivative above >= its rounding bound), a region that contains every
// data point whose conditions hold with a margin; elsewhere, where pieces
// blend, value() and gradient() throw std::domain_error instead of returning
// an approximation.
#pragma once

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

template <Scalar S>
struct InterpolationPoint {
  Vector<S> x;
  S value;
  Vector<S> gradient;
};

// The slack of the interpolation condition for the pair (other, at):
//   q_other(at.x) - at.value - L ||s_other - s_at||^2,
// equal to Taylor et al.'s
//   f_o - f_a - <g_a + g_o, x_o - x_a>/2 - ||g_o - g_a||^2/(4L) + L ||x_o - x_a||^2/4
// (expand both): data are interpolable by an L-smooth function iff every
// ordered pair's slack is >= 0.
template <Scalar S>
S interpolation_slack(const InterpolationPoint<S>& at, const InterpolationPoint<S>& other, const S& lipschitz) {
  const Vector<S> d = at.x - other.x;
  const Vector<S> spread = (d - (at.gradient - other.gradient) / lipschitz) / 2;  // s_at - s_other
  return other.value + other.gradient.dot(d) + lipschitz * d.squaredNorm() / 2 - at.value -
         lipschitz * spread.squaredNorm();
}

template <Scalar S>
class SmoothInterpolant {
 public:
  using Scalar = S;

  // Throws std::invalid_argument for no points, points of different
  // dimensions, a non-finite entry, or L not positive.
  SmoothInterpolant(std::vector<InterpolationPoint<S>> points, S lipschitz)
      : points_(std::move(points)), lipschitz_(lipschitz) {
    if (points_.empty()) throw std::invalid_argument("SmoothInterpolant: no data points");
    require_positive_finite("SmoothInterpolant: L", lipschitz_);
    const long d = points_[0].x.size();
    for (std::size_t i = 0; i < points_.size(); ++i) {
      const std::string name = "SmoothInterpolant point " + std::to_string(i);
      require_same_dimension(name + " x", points_[i].x.size(), d);
      require_same_dimension(name + " gradient", points_[i].gradient.size(), d);
      require_finite(name + " value", points_[i].value);
      if (!points_[i].x.allFinite() || !points_[i].gradient.allFinite()) {
        throw std::invalid_argument(name + ": a non-finite entry in x or the gradient");
      }
      centres_.push_back((points_[i].x - points_[i].gradient / lipschitz_) / 2);
    }
    infimum_ = points_[0].value - points_[0].gradient.squaredNorm() / (2 * lipschitz_);
    for (const auto& p : points_) infimum_ = std::min(infimum_, S(p.value - p.gradient.squaredNorm() / (2 * lipschitz_)));
  }

  int dimension() const { return static_cast<int>(points_[0].x.size()); }
  S value(const Vector<S>& x) const { return piece_value(piece_at(x), x); }
  void gradient(const Vector<S>& x, Vector<S>& g) const {
    const std::size_t i = piece_at(x);
    g = points_[i].gradient + lipschitz_ * (x - points_[i].x);
  }
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
    const std::size_t i = piece_at(x);
    g = points_[i].gradient + lipschitz_ * (x - points_[i].x);
    return piece_value(i, x);
  }
  // Where one piece is the minimiser, f is that piece: Hessian L I.
  Matrix<S> hessian(const Vector<S>& x) const {
    piece_at(x);
    return lipschitz_ * Matrix<S>::Identity(dimension(), dimension());
  }

  // L, attained on the pieces; no Hessian-Lipschitz constant (the curvature
  // jumps where pieces blend); the exact infimum above.
  std::optional<Certified<S>> gradient_lipschitz() const { return Certified<S>{lipschitz_, Certainty::exact}; }
  std::optional<Certified<S>> hessian_lipschitz() const { return std::nullopt; }
  std::optional<Certified<S>> lower_bound() const { return Certified<S>{infimum_, Certainty::exact}; }

  // q_i(x) is 2d + 4 roundings deep (d = x - x_i, two length-d dot
  // products, three additions), so its error is at most gamma_{2d+4} times
  // the sum of its terms' magnitudes (Higham's dot-product bound); the
  // gradient's entries are three roundings deep.
  S value_rounding_error(const Vector<S>& x) const { return piece_rounding_error(piece_at(x), x); }
  S gradient_rounding_error(const Vector<S>& x) const {
    const std::size_t i = piece_at(x);
    return rounding_gamma<S>(3) * (bound_norm(points_[i].gradient) + lipschitz_ * bound_norm(x - points_[i].x)) +
           underflow_bound<S>(3, dimension());
  }

  const std::vector<InterpolationPoint<S>>& points() const { return points_; }

  // The least derivative from the minimising vertex at x towards another
  // (>= 0 where a single piece is the minimiser), less its rounding bound.
  S vertex_margin(const Vector<S>& x) const { return minimising_vertex(x).margin; }

 private:
  S piece_value(std::size_t i, const Vector<S>& x) const {
    const Vector<S> d = x - points_[i].x;
    return points_[i].value + points_[i].gradient.dot(d) + lipschitz_ * d.squaredNorm() / 2;
  }
  S piece_rounding_error(std::size_t i, const Vector<S>& x) const {
    const Vector<S> d = x - points_[i].x;
    using std::abs;
    const S magnitude = abs(points_[i].value) + bound_norm(points_[i].gradient) * bound_norm(d) +
                        lipschitz_ * d.squaredNorm() / 2;
    return rounding_gamma<S>(2.0 * dimension() + 4) * magnitude + underflow_bound<S>(2.0 * dimension() + 4);
  }
  struct Vertex {
    std::size_t piece;  // the least piece at x
    S margin;           // vertex_margin(x)
  };
  Vertex minimising_vertex(const Vector<S>& x) const {
    if (x.size() != dimension()) require_same_dimension("SmoothInterpolant: x", x.size(), dimension());
    std::vector<S> values;
    for (std::size_t j = 0; j < points_.size(); ++j) values.push_back(piece_value(j, x));
    const std::size_t i = static_cast<std::size_t>(std::min_element(values.begin(), values.end()) - values.begin());
    const S own_error = piece_rounding_error(i, x);
    std::optional<S> least;
    for (std::size_t j = 0; j < points_.size(); ++j) {
      if (j == i) continue;
      const S spread = lipschitz_ * (centres_[j] - centres_[i]).squaredNorm();
      const S margin = values[j] - values[i] - spread;
      const S error = own_error + piece_rounding_error(j, x) + rounding_gamma<S>(2.0 * dimension() + 4) * spread +
                      underflow_bound<S>(2.0 * dimension() + 4);
      if (!least || margin - error < *least) least = margin - error;
    }
    return {i, least.value_or(S(0))};
  }
  std::size_t piece_at(const Vector<S>& x) const {
    const Vertex vertex = minimising_vertex(x);
    if (!(vertex.margin >= 0)) {
      throw std::domain_error("SmoothInterpolant: x is where pieces blend (no single piece is the minimiser; "
                              "least vertex margin " + describe_value(static_cast<double>(vertex.margin)) +
                              "); this implementation evaluates only where one piece is");
    }
    return vertex.piece;
  }

  std::vector<InterpolationPoint<S>> points_;
  std::vector<Vector<S>> centres_;  // s_i
  S lipschitz_;
  S infimum_;
};

}  // namespace gdcheck

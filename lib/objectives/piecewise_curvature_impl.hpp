#pragma once

#include <algorithm>
#include <cmath>

#include "lib/objectives/piecewise_curvature.hpp"

namespace gdcheck {

template <Scalar S>
PiecewiseCurvature<S>::PiecewiseCurvature(const PiecewiseCurvatureSpec& spec) {
  using std::abs;
  using std::max;
  spec.validate();
  for (double t : spec.breakpoints) breakpoints_.push_back(S(t));
  const S first_origin = breakpoints_.empty() ? S(0) : breakpoints_.front();
  lipschitz_ = 0;
  for (double c : spec.curvatures) lipschitz_ = max(lipschitz_, abs(S(c)));
  // Piece 0 and piece 1 share the anchor as origin data.
  pieces_.push_back({first_origin, S(spec.anchor_value), S(spec.anchor_slope), S(spec.curvatures[0]), S(0), S(0)});
  if (breakpoints_.empty()) return;
  pieces_.push_back({first_origin, S(spec.anchor_value), S(spec.anchor_slope), S(spec.curvatures[1]), S(0), S(0)});
  for (std::size_t k = 1; k < breakpoints_.size(); ++k) {
    const Piece& p = pieces_.back();
    const S width = breakpoints_[k] - p.origin;
    const S slope = p.slope + p.curvature * width;
    const S value = p.value + p.slope * width + p.curvature * width * width / 2;
    // Each recursion step rounds width, the products and the sums (6
    // roundings), on top of the errors carried in F and G.
    const S slope_error = p.slope_error + rounding_bound<S>(6, abs(p.slope) + abs(p.curvature * width));
    const S value_error = p.value_error + p.slope_error * width +
                          rounding_bound<S>(6, abs(p.value) + abs(p.slope * width) + abs(p.curvature) * width * width);
    pieces_.push_back({breakpoints_[k], value, slope, S(spec.curvatures[k + 1]), value_error, slope_error});
  }
}

template <Scalar S>
int PiecewiseCurvature<S>::piece_of(const S& x) const {
  return static_cast<int>(std::upper_bound(breakpoints_.begin(), breakpoints_.end(), x) - breakpoints_.begin());
}

template <Scalar S>
S PiecewiseCurvature<S>::value(const Vector<S>& x) const {
  const Piece& p = pieces_[piece_of(x(0))];
  const S h = x(0) - p.origin;
  return p.value + p.slope * h + p.curvature * h * h / 2;
}

template <Scalar S>
void PiecewiseCurvature<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  const Piece& p = pieces_[piece_of(x(0))];
  g.resize(1);
  g(0) = p.slope + p.curvature * (x(0) - p.origin);
}

template <Scalar S>
S PiecewiseCurvature<S>::value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
  gradient(x, g);
  return value(x);
}

template <Scalar S>
Matrix<S> PiecewiseCurvature<S>::hessian(const Vector<S>& x) const {
  return Matrix<S>::Constant(1, 1, pieces_[piece_of(x(0))].curvature);
}

template <Scalar S>
std::optional<Certified<S>> PiecewiseCurvature<S>::lower_bound() const {
  if (!(pieces_.front().curvature > 0 && pieces_.back().curvature > 0)) return std::nullopt;
  // The minimum over each piece's interval: at its vertex if inside, else at
  // its ends (which are the neighbours' values, covered by them).
  S lowest = pieces_.front().value;  // f(t_1)
  for (const Piece& p : pieces_) lowest = std::min(lowest, p.value);  // f(t_k)
  for (const auto& point : critical_points()) {
    if (point.hessian_eigenvalues(0) > 0) lowest = std::min(lowest, value(point.x));
  }
  return Certified<S>{lowest, Certainty::exact};
}

template <Scalar S>
S PiecewiseCurvature<S>::value_rounding_error(const Vector<S>& x) const {
  using std::abs;
  const Piece& p = pieces_[piece_of(x(0))];
  const S h = x(0) - p.origin;
  return 2 * (p.value_error + p.slope_error * abs(h) +
              rounding_bound<S>(8, abs(p.value) + abs(p.slope * h) + abs(p.curvature) * h * h));
}

template <Scalar S>
S PiecewiseCurvature<S>::gradient_rounding_error(const Vector<S>& x) const {
  using std::abs;
  const Piece& p = pieces_[piece_of(x(0))];
  const S h = x(0) - p.origin;
  return 2 * (p.slope_error + rounding_bound<S>(4, abs(p.slope) + abs(p.curvature * h)));
}

template <Scalar S>
std::vector<CriticalPoint<S>> PiecewiseCurvature<S>::critical_points() const {
  std::vector<CriticalPoint<S>> points;
  for (std::size_t k = 0; k < pieces_.size(); ++k) {
    const Piece& p = pieces_[k];
    if (p.curvature == 0) continue;
    const S vertex = p.origin - p.slope / p.curvature;
    if (piece_of(vertex) != static_cast<int>(k)) continue;
    const CriticalKind kind = p.curvature > 0 ? CriticalKind::local_minimum : CriticalKind::local_maximum;
    points.push_back({Vector<S>::Constant(1, vertex), Vector<S>::Constant(1, p.curvature), kind});
  }
  // The lowest minimum is global when f is bounded below.
  if (pieces_.front().curvature > 0 && pieces_.back().curvature > 0) {
    CriticalPoint<S>* best = nullptr;
    for (auto& point : points) {
      if (point.kind == CriticalKind::local_minimum && (!best || value(point.x) < value(best->x))) best = &point;
    }
    if (best) best->kind = CriticalKind::global_minimum;
  }
  return points;
}

}  // namespace gdcheck

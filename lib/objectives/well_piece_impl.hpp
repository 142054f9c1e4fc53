#pragma once

#include <algorithm>
#include <limits>

#include "lib/objectives/well_piece.hpp"

namespace gdcheck {

namespace {
// The root of a strictly monotone h' on [lo, hi] with a sign change:
// bisection to a bracket, then Newton, which converges quadratically on a
// simple root; stops when the step no longer shrinks (full precision).
template <Scalar S, class Piece>
S solve_monotone(const Piece& piece, S lo, S hi) {
  using std::abs;
  const bool increasing = piece.first(hi) > piece.first(lo);
  for (int i = 0; i < 200 && hi - lo > abs(lo + hi) * S(1e-6) + S(1e-300); ++i) {
    const S mid = (lo + hi) / 2;
    ((piece.first(mid) > 0) == increasing ? hi : lo) = mid;
  }
  S y = (lo + hi) / 2;
  S last_step = std::numeric_limits<S>::infinity();
  for (int i = 0; i < 100; ++i) {
    const S step = piece.first(y) / piece.second(y);
    if (!(abs(step) < last_step)) break;
    y -= step;
    last_step = abs(step);
    if (step == 0) break;
  }
  return y;
}
}  // namespace

template <Scalar S>
std::vector<S> WellPiece<S>::critical_points() const {
  using std::abs;
  using std::acosh;
  using std::sqrt;
  // |h'(y)| >= c|y| - s - |t| > 0 beyond R = (s + |t|)/c + 1: all roots in [-R, R].
  const S reach = (depth + abs(tilt)) / curvature + 1;
  std::vector<S> roots;
  if (depth <= curvature) {  // h'' > 0 (or >= 0 with s = c): h' increasing, one root
    roots.push_back(solve_monotone(*this, -reach, reach));
    return roots;
  }
  // h'' = 0 at +-y_turn, c = s sech^2(y_turn); h' increases, decreases, increases.
  const S turn = acosh(sqrt(depth / curvature));
  const S bounds[4] = {-reach, -turn, turn, reach};
  for (int k = 0; k < 3; ++k) {
    const S a = bounds[k], b = bounds[k + 1];
    const S fa = first(a), fb = first(b);
    if (fa == 0) roots.push_back(a);
    else if ((fa < 0) != (fb < 0) && fb != 0) roots.push_back(solve_monotone(*this, a, b));
  }
  if (first(bounds[3]) == 0) roots.push_back(bounds[3]);
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  return roots;
}

}  // namespace gdcheck

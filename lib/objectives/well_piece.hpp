// The one-dimensional piece h(y) = c y^2/2 - s log cosh(y) + t y of the
// separable families (issue "objective families", item 2; the example given
// there, with a tilt t for the double wells of item 8).
//
// h''(y) = c - s sech^2(y) lies in [c - s, c] for s >= 0, so the curvature is
// globally bounded; h''' = 2 s sech^2(y) tanh(y), |h'''| <= 4 s / (3 sqrt 3)
// (attained where tanh y = 1/sqrt 3). With s > c, h''(0) = c - s < 0: without
// tilt, 0 is a strict local maximum between two minima at +-y*, c y* = s tanh y*.
#pragma once

#include <cmath>
#include <vector>

#include <boost/math/special_functions/log1p.hpp>

#include "lib/scalar/scalar_types.hpp"

namespace gdcheck {

struct WellPieceSpec {
  double curvature = 1;  // c > 0
  double depth = 0;      // s >= 0; s > c makes 0 a strict maximum (two wells)
  double tilt = 0;       // t: breaks the symmetry of the wells
};

template <Scalar S>
class WellPiece {
 public:
  S curvature, depth, tilt;

  explicit WellPiece(const WellPieceSpec& spec)
      : curvature(spec.curvature), depth(spec.depth), tilt(spec.tilt) {}

  // log cosh y without cancellation or overflow: log1p(2 sinh^2(y/2)) (as
  // cosh y - 1 = 2 sinh^2(y/2)) is accurate to a few ulps relative for
  // |y| <= 20; beyond, |y| + log1p(exp(-2|y|)) - log 2 has no cancellation.
  static S log_cosh(const S& y) {
    using std::abs;
    using std::exp;
    using std::log;
    using std::sinh;
    const S a = abs(y);
    if (a <= 20) {
      const S half = sinh(a / 2);
      return boost::math::log1p(2 * half * half);
    }
    return a + boost::math::log1p(exp(-2 * a)) - log(S(2));
  }
  static S sech2(const S& y) {
    using std::tanh;
    const S th = tanh(y);
    return 1 - th * th;
  }

  S value(const S& y) const { return curvature * y * y / 2 - depth * log_cosh(y) + tilt * y; }
  S first(const S& y) const {
    using std::tanh;
    return curvature * y - depth * tanh(y) + tilt;
  }
  S second(const S& y) const { return curvature - depth * sech2(y); }
  S third(const S& y) const {
    using std::tanh;
    return 2 * depth * sech2(y) * tanh(y);
  }
  // Sums of the magnitudes of the terms of value and first: the scale their
  // rounding error is relative to.
  S value_magnitude(const S& y) const {
    using std::abs;
    return curvature * y * y / 2 + depth * abs(log_cosh(y)) + abs(tilt * y);
  }
  S first_magnitude(const S& y) const {
    using std::abs;
    using std::tanh;
    return curvature * abs(y) + depth * abs(tanh(y)) + abs(tilt);
  }

  // h(y) >= a y^2 - b |y| with a = c/2, b = s + |t|, since 0 <= log cosh y <= |y|:
  // the even quadratic minorant the Gibbs quadrature's tail bounds and the
  // exact Gibbs sampler's envelope are built on.
  struct Minorant {
    S a, b;
  };
  Minorant minorant() const {
    using std::abs;
    return {curvature / 2, depth + abs(tilt)};
  }

  S curvature_bound() const {  // sup |h''| = max(c, s - c), attained or approached
    using std::max;
    return max(curvature, depth - curvature);
  }
  S third_bound() const {  // sup |h'''|, attained
    using std::sqrt;
    return 4 * depth / (3 * sqrt(S(3)));
  }

  // All real roots of h' (1 or 3), ascending, to full precision of S.
  std::vector<S> critical_points() const;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(WellPiece);

}  // namespace gdcheck

#include "theorems/gibbs_measure.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>

#include "lib/validate.hpp"

namespace gdcheck::gibbs_measure {
namespace {

S sech2(const S& y) {
  using std::cosh;
  const S c = cosh(y);
  return 1 / (c * c);
}

// The tail bound shared by both landscapes' lower bounds: for y >= R the
// exponent is at least lambda (q + slope (y - R) - floor), whose exponential
// integrates to exp(-lambda (q - floor)) / (lambda slope).
S tangent_tail(const S& q, const S& slope, const S& lambda, const S& floor) {
  using std::exp;
  if (!(slope > 0)) return S(INFINITY);
  return exp(-lambda * (q - floor)) / (lambda * slope);
}

}  // namespace

Landscape tilted_well(const WellPieceSpec& spec) {
  const WellPiece<S> h(spec);
  const std::vector<S> roots = h.critical_points();
  if (roots.size() != 3) {
    throw std::invalid_argument("tilted_well: h has " + std::to_string(roots.size()) +
                                " critical points; a double well needs 3 (depth > curvature, small tilt)");
  }
  const auto minimum = [&h](const S& y) {
    using std::tanh;
    const S s2 = sech2(y), th = tanh(y);
    return Minimum{y, h.value(y), h.second(y), h.third(y), 2 * h.depth * (s2 * s2 - 2 * s2 * th * th)};
  };
  Landscape f;
  f.value = [h](const S& y) { return h.value(y); };
  f.left = minimum(roots[0]);
  f.barrier = roots[1];
  f.right = minimum(roots[2]);
  using std::abs;
  using std::max;
  const auto [a, b] = h.minorant();
  f.tail_from = max({b / (2 * a), abs(roots[0]), abs(roots[2])}) + 1;
  const auto tail = [a, b](const S& r, const S& lambda, const S& floor) {
    return tangent_tail(a * r * r - b * r, 2 * a * r - b, lambda, floor);
  };
  f.right_tail = tail;
  f.left_tail = tail;  // the lower bound a y^2 - b |y| is even
  return f;
}

Landscape equal_minima_quartic(double kappa) {
  require_positive_finite("equal_minima_quartic kappa", kappa);
  const S k(kappa);
  Landscape f;
  f.value = [k](const S& y) {
    using std::tanh;
    const S q = y * y - 1;
    return q * q * (2 + tanh(k * y)) / 8;
  };
  // With q = (y^2 - 1)^2 (q(+-1) = q'(+-1) = 0, q'' = 8, q''' = 24 y, q'''' = 24)
  // and w = 2 + tanh(k y) (w' = k sech^2, w'' = -2 k^2 sech^2 tanh), f = q w / 8 at +-1:
  // f'' = w, f''' = (24 y w + 24 w') / 8, f'''' = (24 w + 96 y w' + 48 w'') / 8.
  const auto minimum = [k](const S& y) {
    using std::tanh;
    const S th = tanh(k * y), s2 = sech2(k * y);
    const S w = 2 + th, w1 = k * s2, w2 = -2 * k * k * s2 * th;
    return Minimum{y, S(0), w, (24 * y * w + 24 * w1) / 8, (24 * w + 96 * y * w1 + 48 * w2) / 8};
  };
  f.left = minimum(S(-1));
  f.right = minimum(S(1));
  // The barrier: the root in (-1, 1) of f'/(y^2 - 1) = (4 y w + (y^2 - 1) k sech^2(k y)) / 8,
  // negative at -1 and positive at 1; bisection to the last bit.
  S lo(-1), hi(1);
  for (int i = 0; i < 400 && lo < hi; ++i) {
    const S mid = (lo + hi) / 2;
    if (mid == lo || mid == hi) break;
    using std::tanh;
    const S g = 4 * mid * (2 + tanh(k * mid)) + (mid * mid - 1) * k * sech2(k * mid);
    (g < 0 ? lo : hi) = mid;
  }
  f.barrier = (lo + hi) / 2;
  f.tail_from = S(2);
  const auto tail = [](const S& r, const S& lambda, const S& floor) {
    const S q = r * r - 1;
    return tangent_tail(q * q / 8, 2 * r * q / 8, lambda, floor);
  };
  f.right_tail = tail;
  f.left_tail = tail;  // (y^2 - 1)^2 / 8 is even
  return f;
}

S laplace_integral(const Minimum& m, const S& lambda, int terms) {
  using std::sqrt;
  const S leading = sqrt(2 * boost::math::constants::pi<S>() / (lambda * m.second));
  if (terms <= 1) return leading;
  const S f2 = m.second;
  const S correction = 5 * m.third * m.third / (24 * f2 * f2 * f2) - m.fourth / (8 * f2 * f2);
  return leading * (1 + correction / lambda);
}

BasinIntegral basin_integral(const Landscape& f, bool left, const S& lambda) {
  using std::abs;
  const Minimum& m = left ? f.left : f.right;
  const auto integrand = [&](const S& y) {
    using std::exp;
    return exp(-lambda * (f.value(y) - m.value));
  };
  // Distance from the minimum outwards (sign: away from the barrier).
  const S outward = left ? S(-1) : S(1);
  const S estimate = laplace_integral(m, lambda, 1);
  S reach = f.tail_from - abs(m.at) + 1;
  const auto& tail = left ? f.left_tail : f.right_tail;
  S tail_bound = tail(abs(m.at) + reach, lambda, m.value);
  for (int doubling = 0; doubling < 60 && !(tail_bound <= S("1e-60") * estimate); ++doubling) {
    reach *= 2;
    tail_bound = tail(abs(m.at) + reach, lambda, m.value);
  }
  if (!(tail_bound <= S("1e-60") * estimate)) {
    throw std::runtime_error("basin_integral: no tail cut-off below 1e-60 of the integral");
  }
  using Quadrature = boost::math::quadrature::gauss_kronrod<S, 61>;
  const S tolerance("1e-30");
  S inner_error = 0, outer_error = 0;
  const S inner = Quadrature::integrate(integrand, left ? m.at : f.barrier, left ? f.barrier : m.at, 20,
                                        tolerance, &inner_error);
  const S end = m.at + outward * reach;
  const S outer = Quadrature::integrate(integrand, left ? end : m.at, left ? m.at : end, 20, tolerance,
                                        &outer_error);
  return {inner + outer, inner_error + outer_error + tail_bound};
}

MassRatio mass_ratio(const Landscape& f, const S& lambda) {
  using std::exp;
  const BasinIntegral left = basin_integral(f, true, lambda);
  const BasinIntegral right = basin_integral(f, false, lambda);
  const S weight = exp(-lambda * (f.left.value - f.right.value));
  MassRatio r;
  r.lambda = lambda;
  r.quadrature = weight * left.value / right.value;
  // Relative errors add for a quotient (first order; the estimates are tiny).
  r.quadrature_relative_error = left.error / left.value + right.error / right.value;
  r.laplace_one_term = weight * laplace_integral(f.left, lambda, 1) / laplace_integral(f.right, lambda, 1);
  r.laplace_two_terms = weight * laplace_integral(f.left, lambda, 2) / laplace_integral(f.right, lambda, 2);
  return r;
}

S asymptotic_lambda(const Landscape& f) {
  using std::abs;
  S scale = 0;
  for (const Minimum& m : {f.left, f.right}) {
    const S c = laplace_integral(m, S(1), 2) / laplace_integral(m, S(1), 1) - 1;  // C_i
    scale = std::max({scale, 1 / m.second, abs(c)});
  }
  return 10 * scale;
}

ErrorOrderReading read_error_order(const Landscape& f, int terms, int first_decision, int last_point) {
  using std::abs;
  const S lambda_0 = asymptotic_lambda(f);
  if (terms != 1 && terms != 2) throw std::invalid_argument("read_error_order: terms must be 1 or 2");
  if (!(first_decision >= 2 && first_decision <= last_point)) {
    throw std::invalid_argument("read_error_order: need 2 <= first_decision <= last_point");
  }
  struct Point {
    S lambda, g, quadrature_effect;
  };
  const auto point = [&](int k) {
    const MassRatio r = mass_ratio(f, lambda_0 * S(1L << k));
    const S s = (terms == 1 ? r.laplace_one_term : r.laplace_two_terms) / r.quadrature - 1;
    const S square = r.lambda * r.lambda;
    return Point{r.lambda, square * s, square * r.quadrature_relative_error};
  };
  ErrorOrderReading reading;
  const auto settled = [&](double sign) {
    const auto& g = reading.growths;
    return g.size() >= 2 && sign * g.back() >= 0.5 && sign * g[g.size() - 2] >= 0.5;
  };
  int k = std::max(first_decision - 3, 0);  // three increments, so two growths, by first_decision
  std::vector<Point> points = {point(k)};
  S previous_increment = -1;
  while (k < last_point && (k < first_decision || !(settled(1) || settled(-1)))) {
    points.push_back(point(++k));
    const Point &fine = points.back(), &coarse = points[points.size() - 2];
    const S increment = abs(fine.g - coarse.g);
    reading.quadrature_share =
        std::max(reading.quadrature_share, static_cast<double>((fine.quadrature_effect + coarse.quadrature_effect) / increment));
    if (previous_increment >= 0) reading.growths.push_back(static_cast<double>(log2(increment / previous_increment)));
    previous_increment = increment;
  }
  reading.last_point = k;
  reading.last_lambda = static_cast<double>(points.back().lambda);
  reading.last_g = static_cast<double>(points.back().g);
  reading.order = !(reading.quadrature_share <= 1e-3) ? ErrorOrder::unresolved
                  : settled(-1)                         ? ErrorOrder::two_or_more
                  : settled(1)                          ? ErrorOrder::one
                                                        : ErrorOrder::unsettled;
  return reading;
}

std::string ErrorOrderReading::describe() const {
  std::ostringstream text;
  text << std::setprecision(4) << "growth log2|dg_k/dg_{k-1}| of g_k = lambda_k^2 (signed relative error) up to lambda = "
       << last_lambda << " (grid point " << last_point << "):";
  for (const double growth : growths) text << " " << growth;
  text << " (-1 or below: O(lambda^-2); +1: an O(1/lambda) term); g there " << last_g
       << ", quadrature's share of the increments " << quadrature_share;
  return text.str();
}

}  // namespace gdcheck::gibbs_measure

#include "theorems/detectable_effect.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>

#include "theorems/kolmogorov_smirnov.hpp"

namespace gdcheck {
namespace {

void require_effect(const char* where, double x, double largest) {
  if (!(x >= 0 && x < largest)) {
    throw std::invalid_argument(std::string(where) + ": the effect must be in [0, " + std::to_string(largest) +
                                "), got " + std::to_string(x));
  }
}

double standard_normal_cdf(double y) { return 0.5 * boost::math::erfc(-y / std::sqrt(2.0)); }

}  // namespace

double detectable_distance(double threshold, long samples, double power) {
  if (!(power > 0 && power < 1)) throw std::invalid_argument("detectable_distance: need 0 < power < 1");
  if (!(threshold >= 0)) throw std::invalid_argument("detectable_distance: need a threshold >= 0");
  return threshold + dkw_threshold(samples, 1 - power);
}

double stretched_direction_distance(int dimension, double stretch) {
  if (dimension < 2) throw std::invalid_argument("stretched_direction_distance: need d >= 2");
  require_effect("stretched_direction_distance", stretch, INFINITY);
  const double a = 0.5, b = (dimension - 1) / 2.0, s2 = (1 + stretch) * (1 + stretch);
  // At the claimed law's p-quantile y the gap is p - F_stretched(y): a grid
  // in p puts the points where the law's mass is, whatever d.
  const auto gap = [&](double p) {
    const double y = boost::math::ibeta_inv(a, b, p);
    return p - boost::math::ibeta(a, b, y / (y + (1 - y) * s2));
  };
  constexpr int kGrid = 200;
  double best_p = 0.5, best = gap(best_p);
  for (int i = 1; i < kGrid; ++i) {
    const double p = static_cast<double>(i) / kGrid;
    if (const double g = gap(p); g > best) best = g, best_p = p;
  }
  // Golden-section refinement in the grid cell either side of the best point
  // (every value it returns is a value of the gap: still a lower bound).
  double lo = std::max(best_p - 1.0 / kGrid, 1e-12), hi = std::min(best_p + 1.0 / kGrid, 1 - 1e-12);
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 30; ++i) {
    const double left = hi - ratio * (hi - lo), right = lo + ratio * (hi - lo);
    const double g_left = gap(left), g_right = gap(right);
    best = std::max({best, g_left, g_right});
    (g_left > g_right ? hi : lo) = g_left > g_right ? right : left;
  }
  return best;
}

double shrunk_ball_distance(int dimension, double shrink) {
  if (dimension < 1) throw std::invalid_argument("shrunk_ball_distance: need d >= 1");
  require_effect("shrunk_ball_distance", shrink, 1);
  return -std::expm1(dimension * std::log1p(-shrink));
}

double gaussian_scale_distance(double scale_error) {
  require_effect("gaussian_scale_distance", scale_error, INFINITY);
  if (scale_error == 0) return 0;
  const double s = 1 + scale_error;
  const double y = std::sqrt(2 * std::log(s) / (1 - 1 / (s * s)));
  return standard_normal_cdf(y) - standard_normal_cdf(y / s);
}

double smallest_detectable_effect(const std::function<double(double)>& distance, double target, double largest) {
  if (!(distance(largest) >= target)) {
    throw std::invalid_argument("smallest_detectable_effect: no effect up to " + std::to_string(largest) +
                                " reaches the distance " + std::to_string(target));
  }
  double lo = 0, hi = largest;
  while (hi - lo > 1e-4 * hi) {
    const double mid = (lo + hi) / 2;
    (distance(mid) >= target ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace gdcheck

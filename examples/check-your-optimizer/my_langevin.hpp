// A user's Langevin samplers at a fixed temperature, written without
// gdcheck: plain vectors, value and gradient callbacks and their own random
// number generator. The code under test.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace mylib {

using Value = std::function<double(const std::vector<double>&)>;
using Gradient = std::function<std::vector<double>(const std::vector<double>&)>;

// Planted bugs, each a classic one.
enum class LangevinBug {
  none,
  noise_without_square_root,  // the noise is eps alpha W instead of eps sqrt(alpha) W
  correction_without_temperature,  // MALA's Hastings ratio uses variance alpha for the proposal's eps^2 alpha
};

// `iterations` steps at temperature eps (target exp(-2 f / eps^2)): the
// proposal y = x - alpha grad f(x) + eps sqrt(alpha) W, W ~ N(0, I), taken
// as it is (ULA) or accepted with MALA's Metropolis-Hastings probability;
// returns the states x_0..x_N.
inline std::vector<std::vector<double>> langevin(const Value& value, const Gradient& grad, std::vector<double> x,
                                                 double alpha, double eps, long iterations, std::uint64_t seed,
                                                 bool metropolis_adjusted, LangevinBug bug = LangevinBug::none) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  const double scale = bug == LangevinBug::noise_without_square_root ? eps * alpha : eps * std::sqrt(alpha);
  const double variance = bug == LangevinBug::correction_without_temperature ? alpha : eps * eps * alpha;
  std::vector<std::vector<double>> path{x};
  std::vector<double> g = grad(x), y(x.size());
  double fx = value(x);
  for (long t = 0; t < iterations; ++t) {
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] - alpha * g[i] + scale * normal(rng);
    const std::vector<double> gy = grad(y);
    const double fy = value(y);
    bool accept = true;
    if (metropolis_adjusted) {
      double forward = 0, backward = 0;  // |y - x + alpha g(x)|^2, |x - y + alpha g(y)|^2
      for (std::size_t i = 0; i < x.size(); ++i) {
        forward += (y[i] - x[i] + alpha * g[i]) * (y[i] - x[i] + alpha * g[i]);
        backward += (x[i] - y[i] + alpha * gy[i]) * (x[i] - y[i] + alpha * gy[i]);
      }
      const double log_ratio = -2 / (eps * eps) * (fy - fx) - (backward - forward) / (2 * variance);
      accept = std::log(1 - uniform(rng)) <= log_ratio;
    }
    if (accept) {
      x = y;
      g = gy;
      fx = fy;
    }
    path.push_back(x);
  }
  return path;
}

}  // namespace mylib

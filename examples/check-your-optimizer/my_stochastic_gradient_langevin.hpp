// A user's SGLD with an annealing schedule, written without gdcheck: plain
// vectors, a gradient callback and its own random number generator. The
// code under test.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace mylib {

using Gradient = std::function<std::vector<double>(const std::vector<double>&)>;

struct LangevinSchedule {
  bool gelfand_mitter = false;  // false: constant alpha_t = a, beta_t = b
  double a = 0, b = 0;          // Gelfand-Mitter: alpha_t = a / t, beta_t^2 = b / (t log log t)
  long t0 = 16;                 // Gelfand-Mitter's t at the first step
};

// `iterations` steps x <- x - alpha_t grad(x) + beta_t W, W ~ N(0, I);
// returns x_0..x_N. `variance_as_scale` plants a classic bug: beta_t^2 (the
// noise's variance) is used as its standard deviation.
inline std::vector<std::vector<double>> stochastic_gradient_langevin(const Gradient& grad, std::vector<double> x,
                                                                     const LangevinSchedule& schedule,
                                                                     long iterations, std::uint64_t seed,
                                                                     bool variance_as_scale = false) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::vector<std::vector<double>> path{x};
  for (long k = 0; k < iterations; ++k) {
    const double t = static_cast<double>(schedule.t0 + k);
    const double alpha = schedule.gelfand_mitter ? schedule.a / t : schedule.a;
    const double variance = schedule.gelfand_mitter ? schedule.b / (t * std::log(std::log(t))) : schedule.b * schedule.b;
    const double beta = variance_as_scale ? variance : std::sqrt(variance);
    const std::vector<double> g = grad(x);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] += -alpha * g[i] + beta * normal(rng);
    path.push_back(x);
  }
  return path;
}

}  // namespace mylib

// A user's perturbed gradient descent (Jin et al. 2017, Algorithm 2), written
// without gdcheck: plain vectors, value and gradient callbacks and its own
// random number generator. The code under test.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <vector>

namespace mylib {

using Value = std::function<double(const std::vector<double>&)>;
using Gradient = std::function<std::vector<double>(const std::vector<double>&)>;

struct PgdConstants {
  double eta = 0, radius = 0, g_thres = 0, f_thres = 0;
  long t_thres = 0;         // in steps
  long max_iterations = 0;  // a safety budget
};

struct PgdResult {
  std::vector<std::vector<double>> path;  // x_0..x_T, perturbed points included
  std::vector<long> perturbed_at;         // the steps t it perturbed at
  std::optional<std::vector<double>> returned;
};

inline double norm(const std::vector<double>& v) {
  double squared = 0;
  for (const double entry : v) squared += entry * entry;
  return std::sqrt(squared);
}

// Algorithm 2: at a point with ||grad f|| <= g_thres, more than t_thres steps
// after the last perturbation, remember x~ and add xi uniform in the ball of
// radius `radius` (a Gaussian direction, radius * U^(1/d)); t_thres steps
// later, return x~ if f has not dropped by f_thres since.
// `return_last_iterate` plants a classic bug: the episode's end point is
// returned instead of x~.
inline PgdResult perturbed_gradient_descent(const Value& value, const Gradient& grad, std::vector<double> x,
                                            const PgdConstants& k, std::uint64_t seed,
                                            bool return_last_iterate = false) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  PgdResult out;
  std::vector<double> x_tilde = x;
  double f_tilde = 0;
  long t_noise = -k.t_thres - 1;
  for (long t = 0;; ++t) {
    std::vector<double> g = grad(x);
    if (norm(g) <= k.g_thres && t - t_noise > k.t_thres) {
      x_tilde = x;
      f_tilde = value(x);
      t_noise = t;
      std::vector<double> xi(x.size());
      for (double& entry : xi) entry = normal(rng);
      const double scale = k.radius * std::pow(uniform(rng), 1.0 / static_cast<double>(x.size())) / norm(xi);
      for (std::size_t i = 0; i < x.size(); ++i) x[i] += scale * xi[i];
      out.perturbed_at.push_back(t);
      g = grad(x);
    }
    out.path.push_back(x);
    if (t - t_noise == k.t_thres && value(x) - f_tilde > -k.f_thres) {
      out.returned = return_last_iterate ? x : x_tilde;
      return out;
    }
    if (t == k.max_iterations) return out;
    for (std::size_t i = 0; i < x.size(); ++i) x[i] -= k.eta * g[i];
  }
}

}  // namespace mylib

// Whether samples are consistent with an exact law: the Kolmogorov-Smirnov
// distance D_n = sup_y |F_n(y) - F(y)| against the Dvoretzky-Kiefer-Wolfowitz
// bound P(D_n > d) <= 2 exp(-2 n d^2) for n independent samples of F
// (Massart 1990, the tight constant). Rejecting when D_n > d(level) fails a
// correct sampler with probability at most `level`, for any continuous F.
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace gdcheck {

// d with 2 exp(-2 n d^2) = level.
inline double dkw_threshold(long samples, double level) {
  if (samples < 1 || !(level > 0 && level < 1)) throw std::invalid_argument("dkw_threshold: need n >= 1 and 0 < level < 1");
  return std::sqrt((std::log(2.0) - std::log(level)) / (2.0 * static_cast<double>(samples)));  // 2/level overflows below 1e-308
}

// D_n for ascending samples y_1 <= ... <= y_n and cdf[i] = F(y_i): the
// empirical CDF jumps from i/n to (i+1)/n at y_i, so the supremum is attained
// at a sample, on one side of its jump.
inline double ks_distance(const std::vector<double>& sorted_samples, const std::vector<double>& cdf) {
  if (sorted_samples.size() != cdf.size() || sorted_samples.empty()) {
    throw std::invalid_argument("ks_distance: need as many CDF values as samples, at least one");
  }
  if (!std::is_sorted(sorted_samples.begin(), sorted_samples.end())) {
    throw std::invalid_argument("ks_distance: samples must be sorted");
  }
  const double n = static_cast<double>(sorted_samples.size());
  double worst = 0;
  for (std::size_t i = 0; i < cdf.size(); ++i) {
    worst = std::max({worst, std::abs(cdf[i] - i / n), std::abs(cdf[i] - (i + 1) / n)});
  }
  return worst;
}

}  // namespace gdcheck

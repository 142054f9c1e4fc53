// Ordinary least squares y = intercept + slope x with the slope's standard
// error, for the growth fits of the experiments (log steps against d or log d).
#pragma once

#include <cmath>
#include <stdexcept>
#include <vector>

namespace gdcheck {

struct LinearFit {
  double intercept = 0;
  double slope = 0;
  double slope_standard_error = 0;  // from the residuals (n - 2 degrees of freedom); 0 when n = 2
  int points = 0;
};

// Throws std::invalid_argument for fewer than two points, mismatched sizes or
// all x equal.
inline LinearFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) throw std::invalid_argument("fit_line: need >= 2 (x, y) pairs of equal count");
  const double n = static_cast<double>(x.size());
  double mean_x = 0, mean_y = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mean_x += x[i] / n, mean_y += y[i] / n;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
  }
  if (!(sxx > 0)) throw std::invalid_argument("fit_line: all x are equal");
  LinearFit fit;
  fit.points = static_cast<int>(x.size());
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  if (x.size() > 2) {
    double residuals = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double r = y[i] - fit.intercept - fit.slope * x[i];
      residuals += r * r;
    }
    fit.slope_standard_error = std::sqrt(residuals / (n - 2) / sxx);
  }
  return fit;
}

}  // namespace gdcheck

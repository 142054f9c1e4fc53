#include "theorems/exact_gd_rate.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace gdcheck::performance_estimation {

double quadratic_phase_excess(double h, int steps) {
  return (2 - std::pow(1 - h, -2.0 * steps) - std::pow(1 + h, -2.0 * steps)) / h;
}

int quadratic_phase_length(double h) {
  if (!(h > 0 && h < 2)) throw std::invalid_argument("quadratic_phase_length: h = alpha L must be in (0, 2)");
  if (h <= std::sqrt(3.0)) return 0;
  // T_i is concave in i and T_0 = 0: it stays >= 0 up to Nbar, then falls
  // for good ((1 - h)^{-2i} grows without bound).
  int steps = 0;
  while (quadratic_phase_excess(h, steps + 1) >= 0) ++steps;
  return steps;
}

std::optional<ClosedFormRate> closed_form_rate(long gradients, double h) {
  if (!(h > 0 && h < 2) || gradients < 1) return std::nullopt;
  const double steps = static_cast<double>(gradients - 1);
  if (h <= 1) return ClosedFormRate{4 / (2 + steps * h * (4 - h)), "4/(2 + (T-1) h (4-h))"};
  if (h <= std::sqrt(3.0)) return ClosedFormRate{4 / (2 + steps * h * (4 - h * h)), "4/(2 + (T-1) h (4-h^2))"};
  const int quadratic_steps = quadratic_phase_length(h);
  char form[120];
  if (steps <= quadratic_steps) {
    std::snprintf(form, sizeof form, "2 (1-h)^(2(T-1)), T-1 <= Nbar = %d", quadratic_steps);
    return ClosedFormRate{2 * std::pow(1 - h, 2 * steps), form};
  }
  double excess = 0;
  for (int i = 1; i <= quadratic_steps; ++i) excess += quadratic_phase_excess(h, i);
  const double shortfall = h / 2 * excess;
  std::snprintf(form, sizeof form, "4/(2 + (T-1-S) h (4-h^2)), S = %.4f, Nbar = %d", shortfall, quadratic_steps);
  return ClosedFormRate{4 / (2 + (steps - shortfall) * h * (4 - h * h)), form};
}

}  // namespace gdcheck::performance_estimation

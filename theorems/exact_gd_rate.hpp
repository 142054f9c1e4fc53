// The exact worst case of GD's stationarity measure over L-smooth functions
// bounded below, for every constant step h = alpha L in (0, 2) and every
// horizon (Rotaru, Glineur & Patrinos 2024, arXiv:2406.17506, Theorems
// 2.1-2.3 with lower curvature mu = -L):
//
//   max  min_{t<T} ||grad f(x_t)||^2 / (L (f(x_0) - f*))  =  2 / (1 + D),
//
// N = T - 1 steps, D the least decrease of f (in units ||g||^2 / (2L)) that
// N steps can make while every gradient keeps norm at least 1:
//  - h <= 1:           D = N h (4 - h) / 2, one-dimensional (the dip
//                      profile, attained_worst_case.hpp), the form of
//                      Abbaszadehpeivasti, de Klerk & Zamani 2022;
//  - 1 < h <= sqrt 3:  D = N h (4 - h^2) / 2 (their conjecture, proved by
//                      Rotaru et al.); the gradients rotate in a plane;
//  - sqrt 3 < h < 2:   for N <= Nbar(h) the quadratic with curvatures +-L,
//                      D = (1 - h)^{-2N} - 1; past it
//                      D = (N - S) h (4 - h^2) / 2, S = (h/2) sum_{i<=Nbar} T_i,
//                      the first Nbar steps on that quadratic and the rest
//                      rotating (the worst case is three-dimensional).
// T_i = (2 - (1 - h)^{-2i} - (1 + h)^{-2i}) / h is the excess decrease of i
// quadratic steps; Nbar(h) is the last i with T_i >= 0 (0 up to sqrt 3,
// where T_1 = 0; 3 at h = 1.9, 34 at h = 1.99). The forms agree where they
// meet (h = 1, h = sqrt 3, N = Nbar).
#pragma once

#include <optional>
#include <string>

namespace gdcheck::performance_estimation {

// The exact value and which form gave it, for the tables. std::nullopt for
// h outside (0, 2) or gradients < 1.
struct ClosedFormRate {
  double value;
  std::string form;
};
std::optional<ClosedFormRate> closed_form_rate(long gradients, double step_times_lipschitz);

// Nbar(h) above: how many steps the worst case spends on the quadratic
// before it rotates (0 for h <= sqrt 3). Requires h in (0, 2).
int quadratic_phase_length(double step_times_lipschitz);

// T_i above.
double quadratic_phase_excess(double step_times_lipschitz, int steps);

}  // namespace gdcheck::performance_estimation

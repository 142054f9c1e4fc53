// How long GD stays near a strict saddle: the escape law, with rounding as the
// perturbation that a start exactly on the stable set receives.
//
// Source: theory.md section 2 ("Rounding acts like noise" [D]); lecture slide
// "Strict saddles". Derivation (checked by properties/saddle_escape.cpp):
// let y_t = <x_t - x*, u> along an unstable eigendirection u whose coordinate
// evolves on its own, y_{t+1} = phi(y_t) + e_t, with |e_t| <= e the rounding
// of one computed step, and G_min <= phi(y)/y <= G_max for 0 < |y| <= r
// (G_min > 1). Then, with E_min = e / (G_min - 1) and E_max = e / (G_max - 1),
//   |y_t| >= G_min^t (|y_0| - E_min)              (when |y_0| > E_min)
//   |y_t| <= G_max^t (|y_0| + E_max) - E_max,
// so the first t with |y_t| > r lies in the window
//   [ log((r + E_max) / (|y_0| + E_max)) / log G_max,
//     ceil(log(r / (|y_0| - E_min)) / log G_min) ]
// whose upper end exists only when |y_0| > E_min. For the quadratic part
// alone G_min = G_max = 1 + alpha |lambda_min| and the window is the law
// log(r / delta_0) / log(1 + alpha |lambda_min|) of theory.md. A start exactly
// on the stable set (delta_0 = 0) keeps only the lower end: rounding of size
// ~ e decides when it leaves, so more precision keeps it there longer.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include "lib/objectives/objective.hpp"
#include "theorems/compiled_checks.hpp"
#include "theorems/gradient_map.hpp"

namespace gdcheck::saddle_escape {

inline constexpr std::string_view name = "saddle-escape-law";
inline constexpr std::string_view statement =
    "escape steps from distance delta_0 of a strict saddle's stable set: log(r/delta_0)/log(1 + alpha|lambda_min|)";

struct EscapeWindow {
  double earliest = 0;                                         // no escape before this step
  double latest = std::numeric_limits<double>::infinity();    // escaped by this step (infinite: undetermined)
};

// The window above. `measurement` bounds the rounding of the computed |y_t|,
// which moves the threshold r to r -/+ measurement. The bounds are evaluated
// in double from double inputs; their relative error (~1e-15) is far below
// the one-step resolution of a step count, so 1e-9 of slack covers it.
inline EscapeWindow escape_window(double delta0, double radius, double growth_min, double growth_max,
                                  double step_error, double measurement) {
  const double e_min = step_error / (growth_min - 1);
  const double e_max = step_error / (growth_max - 1);
  EscapeWindow window;
  window.earliest = std::log((radius - measurement + e_max) / (delta0 + e_max)) / std::log(growth_max) - 1e-9;
  if (delta0 > e_min) {
    window.latest = std::ceil(std::log((radius + measurement) / (delta0 - e_min)) / std::log(growth_min) + 1e-9);
  }
  return window;
}

template <Scalar S>
struct EscapeRun {
  long escape_step = -1;  // first t with |<x_t - x*, u>| > radius; -1: not within the horizon
  S max_step_error = 0;   // max over the steps taken of step_rounding_error
  Vector<S> last;         // the last iterate
};

// GD (the exact gradient map, computed in S) from x0 until the component
// along u of x_t - x_star exceeds radius in modulus, or `horizon` steps.
template <Objective F>
EscapeRun<typename F::Scalar> run_until_escape(const F& f, const Vector<typename F::Scalar>& x0,
                                               const Vector<typename F::Scalar>& x_star,
                                               const Vector<typename F::Scalar>& direction,
                                               const typename F::Scalar& step, const typename F::Scalar& radius,
                                               long horizon) {
  GDCHECK_REQUIRE_COMPILED(StrictSaddleFamilies, F);
  using S = typename F::Scalar;
  using std::abs;
  using std::max;
  EscapeRun<S> run;
  run.last = x0;
  for (long t = 0; t <= horizon; ++t) {
    if (abs(direction.dot(run.last - x_star)) > radius) {
      run.escape_step = t;
      break;
    }
    if (t == horizon) break;
    S error = 0;
    run.last = gradient_map(f, run.last, step, &error);
    run.max_step_error = max(run.max_step_error, error);
  }
  return run;
}

}  // namespace gdcheck::saddle_escape

namespace gdcheck {
// Compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_SADDLE_ESCAPE_CHECKS(PREFIX, F) \
  PREFIX template saddle_escape::EscapeRun<F::Scalar> saddle_escape::run_until_escape<F>(                     \
      const F&, const Vector<F::Scalar>&, const Vector<F::Scalar>&, const Vector<F::Scalar>&, const F::Scalar&, \
      const F::Scalar&, long);
GDCHECK_DECLARE_COMPILED(GDCHECK_STRICT_SADDLE_FAMILIES, GDCHECK_SADDLE_ESCAPE_CHECKS)
}  // namespace gdcheck

// Gradient descent x_{t+1} = x_t - alpha grad f(x_t) (lecture, "Local
// optimization: general case"), on any Objective, in any scalar type.
#pragma once

#include <limits>
#include <utility>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/run_result.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

template <Scalar S>
struct GradientDescentOptions {
  S step = S(0);                 // alpha: > 0 and finite (no default: it is the experiment)
  long max_iterations = 1000;    // budget of steps, >= 0
  S gradient_tolerance = S(0);   // stop when ||grad f|| <= this; >= 0, finite; 0 = run the budget
  // Stop as diverged when ||x|| exceeds this; > 0 (infinity: never).
  S divergence_threshold = std::numeric_limits<S>::infinity();

  void validate() const {
    require_positive_finite("GradientDescentOptions.step", step);
    require_non_negative("GradientDescentOptions.max_iterations", max_iterations);
    require_non_negative("GradientDescentOptions.gradient_tolerance", gradient_tolerance);
    require_finite("GradientDescentOptions.gradient_tolerance", gradient_tolerance);
    require_positive("GradientDescentOptions.divergence_threshold", divergence_threshold);
  }
};

// Runs GD from x0. The observer is called once per iterate x_0, x_1, ...,
// including the last; it sees each iterate before the step from it, and may
// end the run by returning true (status `stopped`, see observe()).
// Throws std::invalid_argument for invalid options, a start point of the
// wrong dimension or a non-finite start point.
template <Objective F, class Observer = NoObserver>
RunResult<typename F::Scalar> gradient_descent(const F& f, const Vector<typename F::Scalar>& x0,
                                               const GradientDescentOptions<typename F::Scalar>& options,
                                               Observer&& observer = {}) {
  using S = typename F::Scalar;
  options.validate();
  require_start_point(x0, f.dimension());

  RunResult<S> result{RunStatus::budget_spent, x0, S(0), S(0), 0};
  Vector<S>& x = result.x;
  Vector<S> g(x.size());
  for (long t = 0;; ++t) {
    if (evaluate_and_observe(f, t, observer, result, g)) return result;
    if (result.gradient_norm <= options.gradient_tolerance) {
      result.status = RunStatus::converged;
      return result;
    }
    if (t == options.max_iterations) return result;
    x.noalias() -= options.step * g;
    if (ends_diverged(f, t + 1, options.divergence_threshold, result, g)) return result;
  }
}

}  // namespace gdcheck

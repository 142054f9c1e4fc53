// Noisy gradient descent x_{t+1} = x_t - alpha (grad f(x_t) + xi_t), xi_t
// uniform on the sphere of radius noise_radius (the lecture's form, radius 1:
// "Noisy GD"; Ge, Huang, Jin, Yuan 2015, arXiv 1503.02101).
#pragma once

#include <cstdint>
#include <limits>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/run_result.hpp"
#include "lib/sampling.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

template <Scalar S>
struct NoisyGradientDescentOptions {
  S step = S(0);               // alpha: > 0 and finite
  long max_iterations = 1000;  // budget of steps, >= 0
  S noise_radius = S(1);       // |xi_t|: > 0 and finite (1 in the lecture)
  std::uint64_t seed = 0;      // the noise's seed: the run is a function of it
  S divergence_threshold = std::numeric_limits<S>::infinity();  // > 0

  void validate() const {
    require_positive_finite("NoisyGradientDescentOptions.step", step);
    require_non_negative("NoisyGradientDescentOptions.max_iterations", max_iterations);
    require_positive_finite("NoisyGradientDescentOptions.noise_radius", noise_radius);
    require_positive("NoisyGradientDescentOptions.divergence_threshold", divergence_threshold);
  }
};

// Runs noisy GD from x0 for max_iterations steps (the noise never lets it
// converge; an observer returning true ends the run). The observer sees each
// iterate and its exact gradient (without the noise). Throws
// std::invalid_argument for invalid options or a bad start point.
template <Objective F, class Observer = NoObserver>
RunResult<typename F::Scalar> noisy_gradient_descent(const F& f, const Vector<typename F::Scalar>& x0,
                                                     const NoisyGradientDescentOptions<typename F::Scalar>& options,
                                                     Observer&& observer = {}) {
  using S = typename F::Scalar;
  options.validate();
  require_start_point(x0, f.dimension());

  Rng rng(options.seed);
  RunResult<S> result{RunStatus::budget_spent, x0, S(0), S(0), 0};
  Vector<S>& x = result.x;
  Vector<S> g(x.size());
  const double radius = static_cast<double>(options.noise_radius);
  for (long t = 0;; ++t) {
    if (evaluate_and_observe(f, t, observer, result, g)) return result;
    if (t == options.max_iterations) return result;
    const Vector<S> noise = uniform_on_sphere(rng, static_cast<int>(x.size()), radius).template cast<S>();
    x.noalias() -= options.step * (g + noise);
    if (ends_diverged(f, t + 1, options.divergence_threshold, result, g)) return result;
  }
}

}  // namespace gdcheck

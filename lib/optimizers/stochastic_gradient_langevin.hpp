// Stochastic gradient Langevin dynamics (SGLD), the lecture's annealing
// scheme (slide "SGLD"; theory.md section 7; Gelfand & Mitter, SIAM J.
// Control Optim. 29 (1991)):
//     x_{t+1} = x_t - alpha_t (grad f(x_t) + xi_t) + beta_t W_t,
// W_t standard normal, xi_t the stochastic-gradient oracle's noise: zero
// mean, E ||xi_t||^2 = Q (uniform on the sphere of radius sqrt(Q)).
// Schedules:
//  - constant: alpha_t = alpha, beta_t = beta;
//  - Gelfand-Mitter: alpha_t = A/t, beta_t = sqrt(B / (t log log t)). log log t
//    is positive only for t > e^e = 15.15, so the clock starts at
//    t = first_time >= 16 (default 16): step k of the run uses t = first_time + k.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/run_result.hpp"
#include "lib/random.hpp"
#include "lib/sampling.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

enum class LangevinSchedule { constant, gelfand_mitter };

struct StochasticGradientLangevinOptions {
  LangevinSchedule schedule = LangevinSchedule::gelfand_mitter;
  double step = 0;         // constant: alpha > 0;  Gelfand-Mitter: A > 0 (alpha_t = A/t)
  double noise = 0;        // constant: beta >= 0;  Gelfand-Mitter: B >= 0 (beta_t^2 = B/(t log log t))
  double gradient_noise_second_moment = 0;  // Q >= 0, finite: E ||xi_t||^2
  long first_time = 16;    // Gelfand-Mitter's t at step 0: >= 16 (log log t > 0)
  long max_iterations = 1000;
  std::uint64_t seed = 0;

  void validate() const {
    if (schedule != LangevinSchedule::constant && schedule != LangevinSchedule::gelfand_mitter) {
      throw_invalid("StochasticGradientLangevinOptions.schedule", static_cast<int>(schedule), "unknown schedule");
    }
    require_positive_finite("StochasticGradientLangevinOptions.step", step);
    require_finite("StochasticGradientLangevinOptions.noise", noise);
    require_non_negative("StochasticGradientLangevinOptions.noise", noise);
    require_finite("StochasticGradientLangevinOptions.gradient_noise_second_moment", gradient_noise_second_moment);
    require_non_negative("StochasticGradientLangevinOptions.gradient_noise_second_moment",
                         gradient_noise_second_moment);
    if (schedule == LangevinSchedule::gelfand_mitter && first_time < 16) {
      throw_invalid("StochasticGradientLangevinOptions.first_time", first_time,
                    "must be >= 16 (log log t > 0 needs t > e^e = 15.15)");
    }
    require_non_negative("StochasticGradientLangevinOptions.max_iterations", max_iterations);
  }

  // alpha and beta of step k (0-based).
  double alpha(long k) const {
    return schedule == LangevinSchedule::constant ? step : step / static_cast<double>(first_time + k);
  }
  double beta(long k) const {
    if (schedule == LangevinSchedule::constant) return noise;
    const double t = static_cast<double>(first_time + k);
    return std::sqrt(noise / (t * std::log(std::log(t))));
  }
};

// Runs SGLD in double from x0. The observer sees each iterate with f and
// the exact gradient; it may end the run by returning true. Throws
// std::invalid_argument for invalid options or a bad start point.
template <Objective F, class Observer = NoObserver>
RunResult<double> stochastic_gradient_langevin(const F& f, const Vector<double>& x0,
                                               const StochasticGradientLangevinOptions& options,
                                               Observer&& observer = {}) {
  static_assert(std::is_same_v<typename F::Scalar, double>, "SGLD runs in double");
  options.validate();
  require_start_point(x0, f.dimension());
  Rng rng(options.seed);
  RunResult<double> result{RunStatus::budget_spent, x0, 0, 0, 0};
  Vector<double>& x = result.x;
  const int d = static_cast<int>(x.size());
  const double oracle_radius = std::sqrt(options.gradient_noise_second_moment);
  Vector<double> g(d), w(d);
  for (long k = 0;; ++k) {
    if (evaluate_and_observe(f, k, observer, result, g)) return result;
    if (k == options.max_iterations) return result;
    if (oracle_radius > 0) g += uniform_on_sphere(rng, d, oracle_radius);
    for (int i = 0; i < d; ++i) w(i) = rng.normal();
    x.noalias() -= options.alpha(k) * g;
    x.noalias() += options.beta(k) * w;
  }
}

}  // namespace gdcheck

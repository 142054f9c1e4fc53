// Langevin samplers at a fixed temperature: the diffusion
//     dX = -grad f(X) dt + eps dW
// has the Gibbs law pi^eps(x) ~ exp(-2 f(x)/eps^2) as invariant measure
// (theory.md section 7; lecture slide "SGLD", dpi^eps). Discretised with step
// alpha:
//  - unadjusted (ULA): x_{t+1} = x_t - alpha grad f(x_t) + eps sqrt(alpha) W_t,
//    whose invariant law is pi^eps only up to an O(alpha) bias;
//  - Metropolis-adjusted (MALA; Roberts & Tweedie 1996): the same move is a
//    proposal y, accepted with probability
//        min(1, pi(y) q(x | y) / (pi(x) q(y | x))),
//    q(y | x) the density of N(x - alpha grad f(x), eps^2 alpha I), so pi^eps
//    is exactly invariant: the reference for fixed-temperature checks.
// W_t are standard normal vectors from the run's seed.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/run_result.hpp"
#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

template <Scalar S>
struct LangevinOptions {
  S step = S(0);               // alpha: > 0 and finite
  S temperature = S(1);        // eps: > 0 and finite; the target is exp(-2 f/eps^2)
  long max_iterations = 1000;  // steps (proposals, for MALA), >= 0
  bool metropolis_adjusted = true;  // MALA (true) or ULA (false)
  std::uint64_t seed = 0;

  void validate() const {
    require_positive_finite("LangevinOptions.step", step);
    require_positive_finite("LangevinOptions.temperature", temperature);
    require_non_negative("LangevinOptions.max_iterations", max_iterations);
  }
};

template <Scalar S>
struct LangevinRun {
  RunResult<S> result;
  long accepted = 0;  // accepted proposals (MALA); every step for ULA
};

// Runs the sampler from x0. The observer sees each state (as an Iterate,
// with f and grad f there) and may end the run by returning true. Throws
// std::invalid_argument for invalid options or a bad start point.
template <Objective F, class Observer = NoObserver>
LangevinRun<typename F::Scalar> langevin(const F& f, const Vector<typename F::Scalar>& x0,
                                         const LangevinOptions<typename F::Scalar>& options,
                                         Observer&& observer = {}) {
  using S = typename F::Scalar;
  using std::log;
  using std::sqrt;
  options.validate();
  require_start_point(x0, f.dimension());

  Rng rng(options.seed);
  LangevinRun<S> run{{RunStatus::budget_spent, x0, S(0), S(0), 0}, 0};
  RunResult<S>& result = run.result;
  Vector<S>& x = result.x;
  const int d = static_cast<int>(x.size());
  const S noise_scale = options.temperature * sqrt(options.step);
  const S inverse_temperature = 2 / (options.temperature * options.temperature);  // lambda
  const S proposal_variance = options.temperature * options.temperature * options.step;
  Vector<S> g(d), proposal(d), proposal_gradient(d), noise(d);
  result.value = f.value_and_gradient(x, g);
  for (long t = 0;; ++t) {
    result.iterations = t;
    result.gradient_norm = scaled_norm(g);
    if (ends_at_iterate(observer, Iterate<S>{t, x, result.value, g}, result)) return run;
    if (t == options.max_iterations) return run;
    for (int i = 0; i < d; ++i) noise(i) = S(rng.normal());
    proposal = x - options.step * g + noise_scale * noise;
    const S proposal_value = f.value_and_gradient(proposal, proposal_gradient);
    bool accept = true;
    if (options.metropolis_adjusted) {
      // log of pi(y) q(x|y) / (pi(x) q(y|x)); a non-finite f(y) is rejected.
      const S forward = (proposal - x + options.step * g).squaredNorm();
      const S backward = (x - proposal + options.step * proposal_gradient).squaredNorm();
      const S log_ratio = -inverse_temperature * (proposal_value - result.value) -
                          (backward - forward) / (2 * proposal_variance);
      accept = std::isfinite(static_cast<double>(log_ratio)) && S(log(1 - rng.uniform01())) <= log_ratio;
    }
    if (accept) {
      x.swap(proposal);
      g.swap(proposal_gradient);
      result.value = proposal_value;
      ++run.accepted;
    }
  }
}

}  // namespace gdcheck

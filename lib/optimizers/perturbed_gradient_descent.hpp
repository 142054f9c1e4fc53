// Perturbed gradient descent, exactly Algorithm 2 of Jin, Ge, Netrapalli,
// Kakade, Jordan, "How to escape saddle points efficiently" (2017, arXiv
// 1703.00887), theory.md section 5:
//
//   chi = 3 max{ln(d l Delta_f / (c eps^2 delta)), 4}, eta = c / l,
//   r = sqrt(c)/chi^2 eps/l, g_thres = sqrt(c)/chi^2 eps,
//   f_thres = c/chi^3 sqrt(eps^3/rho), t_thres = chi/c^2 l/sqrt(rho eps)
//   t_noise = -t_thres - 1
//   for t = 0, 1, ...:
//     if ||grad f(x_t)|| <= g_thres and t - t_noise > t_thres:
//       x~ = x_t, t_noise = t, x_t = x~ + xi, xi uniform in B_0(r)
//     if t - t_noise == t_thres and f(x_t) - f(x~) > -f_thres: return x~
//     x_{t+1} = x_t - eta grad f(x_t)
//
// The step counts compare integers with t_thres, which the paper leaves real;
// here t_thres is rounded up (time_threshold_steps), the conservative choice.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/run_result.hpp"
#include "lib/sampling.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

// The algorithm's inputs (l, rho, eps, c, delta, Delta_f, d).
struct PerturbedGradientDescentParameters {
  double gradient_lipschitz = 0;  // l > 0
  double hessian_lipschitz = 0;   // rho > 0
  double epsilon = 0;             // eps > 0: the target eps-SOSP
  double c = 1;                   // in (0, 1]; Theorem 3 needs c <= c_max, which the paper does not give numerically
  double delta = 0.1;             // in (0, 1): the failure probability
  double function_gap = 0;        // Delta_f >= f(x_0) - f*, > 0
  int dimension = 0;              // d >= 1

  void validate() const;
};

// What the algorithm derives from them, each exposed so a test can check it.
struct PerturbedGradientDescentConstants {
  double chi = 0;
  double step = 0;                // eta
  double radius = 0;              // r
  double gradient_threshold = 0;  // g_thres
  double function_threshold = 0;  // f_thres
  double time_threshold = 0;      // t_thres, as the paper defines it (real)

  long time_threshold_steps() const { return static_cast<long>(std::ceil(time_threshold)); }
  // Every constant positive and finite (constants set by hand are checked too).
  void validate() const;
};

PerturbedGradientDescentConstants perturbed_gradient_descent_constants(const PerturbedGradientDescentParameters& p);

template <Scalar S>
struct PerturbedGradientDescentOptions {
  PerturbedGradientDescentConstants constants;
  long max_iterations = 1000000;  // a safety budget; Algorithm 2 stops by itself
  std::uint64_t seed = 0;         // the perturbations' seed
  // Algorithm 2 returns x~ after an episode without decrease; experiments
  // that measure how long it takes to reach a region run it without that stop.
  bool return_after_unproductive_episode = true;

  void validate() const {
    constants.validate();
    require_non_negative("PerturbedGradientDescentOptions.max_iterations", max_iterations);
  }
};

// One perturbation: where it started and what f did over the episode.
template <Scalar S>
struct PerturbationEpisode {
  long start = 0;            // t_noise
  Vector<S> x_tilde;         // the iterate before the perturbation
  S value_before = 0;        // f(x~)
  S value_after_perturbation = 0;
  bool returned = false;     // the algorithm returned x~ at the episode's end
};

template <Scalar S>
struct PerturbedRunResult {
  RunResult<S> run;  // status `converged` when Algorithm 2 returned x~ (then run.x = x~)
  std::vector<PerturbationEpisode<S>> episodes;
  // 0 here: every point is the algorithm's own. A run read back from another
  // implementation's iterates (properties/check_your_optimizer.cpp) has to
  // recompute the points it does not return (x~, the step it returned at);
  // they are within this 2-norm distance of that implementation's own.
  S reconstruction_error = 0;
};

// Runs PGD from x0. The observer sees every iterate x_t that a gradient step
// is taken from (after a perturbation, the perturbed point), and may stop the
// run by returning true. Throws std::invalid_argument for invalid options or a
// bad start point.
template <Objective F, class Observer = NoObserver>
PerturbedRunResult<typename F::Scalar> perturbed_gradient_descent(
    const F& f, const Vector<typename F::Scalar>& x0, const PerturbedGradientDescentOptions<typename F::Scalar>& options,
    Observer&& observer = {}) {
  using S = typename F::Scalar;
  options.validate();
  require_start_point(x0, f.dimension());

  const auto& k = options.constants;
  const long t_thres = k.time_threshold_steps();
  const S step(k.step), g_thres(k.gradient_threshold), f_thres(k.function_threshold);
  Rng rng(options.seed);
  PerturbedRunResult<S> out{{RunStatus::budget_spent, x0, S(0), S(0), 0}, {}};
  Vector<S>& x = out.run.x;
  Vector<S> g(x.size()), x_tilde = x0;
  S value_tilde = 0;
  long t_noise = -t_thres - 1;
  for (long t = 0;; ++t) {
    out.run.iterations = t;
    S value = f.value_and_gradient(x, g);
    if (scaled_norm(g) <= g_thres && t - t_noise > t_thres) {
      x_tilde = x;
      value_tilde = value;
      t_noise = t;
      if (k.radius > 0) x += uniform_in_ball(rng, static_cast<int>(x.size()), k.radius).template cast<S>();
      value = f.value_and_gradient(x, g);
      out.episodes.push_back({t, x_tilde, value_tilde, value, false});
    }
    if (options.return_after_unproductive_episode && t - t_noise == t_thres && value - value_tilde > -f_thres) {
      out.episodes.back().returned = true;
      out.run.x = x_tilde;
      out.run.value = value_tilde;  // f(x~) is known; only its gradient is needed
      f.gradient(x_tilde, g);
      out.run.gradient_norm = scaled_norm(g);
      out.run.status = RunStatus::converged;
      return out;
    }
    out.run.value = value;
    out.run.gradient_norm = scaled_norm(g);
    if (ends_at_iterate(observer, Iterate<S>{t, x, value, g}, out.run)) return out;
    if (t == options.max_iterations) return out;
    x.noalias() -= step * g;
  }
}

}  // namespace gdcheck

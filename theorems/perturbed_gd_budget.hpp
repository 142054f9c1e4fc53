// Perturbed GD stops within a deterministic budget, whatever its noise.
//
// Source: theory.md section 5 ("Deterministic budget" [D]), for Algorithm 2
// of Jin et al. 2017 (arXiv 1703.00887); verified here as follows.
// With eta = c/l and c <= 1 every gradient step descends (descent lemma:
// f(x+) <= f(x) - eta (1 - l eta/2) ||g||^2 <= f(x) - (eta/2) ||g||^2), so
//  (a) a step from a point with ||grad f|| > g_thres lowers f by at least
//      eta g_thres^2 / 2;
//  (b) a point with ||grad f|| <= g_thres outside an episode starts one, so
//      every step is either (a) or one of the t_thres + 1 steps of an
//      episode (t_thres rounded up to whole steps);
//  (c) an episode that does not return lowers f from f(x~) by at least
//      f_thres (else Algorithm 2 returns), and episodes and (a)-steps cover
//      disjoint stretches of the run along which f only decreases between
//      them, so with Delta = f(x_0) - f*:
//        #(a) eta g_thres^2/2 + #(episodes not returning) f_thres <= Delta.
// Hence the run takes at most
//   T_max = Delta / (eta g_thres^2 / 2) + (Delta / f_thres + 1) (t_thres + 1)
// steps, which with the constants of Algorithm 2 is
//   (2/c^2 + 1/c^3) chi^4 l Delta / eps^2 + O(t_thres),
// theory.md's (2/c^2 + 1/c^3) chi^4 l Delta_f / eps^2 + t_thres. Both (a) and
// the total are checked on every run.
#pragma once

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "theorems/library_optimizers.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::perturbed_gd_budget {

inline constexpr std::string_view name = "pgd-deterministic-budget";
inline constexpr std::string_view statement =
    "PGD (Jin et al. 2017, Alg. 2), c <= 1: every large-gradient step lowers f by eta g_thres^2/2, "
    "and the run stops within Delta/(eta g_thres^2/2) + (Delta/f_thres + 1)(t_thres + 1) steps";

// T_max above for a gap Delta >= f(x_0) - f*.
inline double iteration_budget(const PerturbedGradientDescentConstants& k, double function_gap) {
  const double per_step = k.step * k.gradient_threshold * k.gradient_threshold / 2;
  return function_gap / per_step +
         (function_gap / k.function_threshold + 1) * static_cast<double>(k.time_threshold_steps() + 1);
}

struct RunCheck {
  Verdict total;        // iterations <= T_max
  Verdict worst_step;   // the step of (a) that came closest to its demanded decrease
  long large_steps = 0; // steps of kind (a) checked
  long iterations = 0;
  long episodes = 0;
  bool returned = false;
};

// Runs PGD (the library's, or the optimizer under test) from x0 in f's
// scalar type and judges (a) at every step and the total against T_max, with
// Delta = f(x_0) - lower_bound (a certified f*).
// A step's computed x_{t+1} is off the exact GD step by e
// (step_rounding_error), which moves f by at most ||grad f(x_{t+1})|| e +
// l e^2/2; that and both values' rounding make up the decrease's rounding.
template <Objective F, class Optimizer = LibraryPerturbedGradientDescent>
RunCheck check_run(const F& f, const Vector<typename F::Scalar>& x0,
                   const PerturbedGradientDescentOptions<typename F::Scalar>& options,
                   const typename F::Scalar& lower_bound, Optimizer optimizer = {}) {
  using S = typename F::Scalar;
  struct Seen {
    S value, value_rounding, gradient_norm, step_error;
  };
  const S step(options.constants.step), g_thres(options.constants.gradient_threshold);
  const S lipschitz = f.gradient_lipschitz()->value;
  std::vector<Seen> seen;
  const auto result = optimizer(f, x0, options, [&](const Iterate<S>& it) {
    seen.push_back({it.value, f.value_rounding_error(it.x), it.gradient.norm(),
                    step_rounding_error(f, it.x, it.gradient, step)});
  });
  RunCheck check;
  check.iterations = result.run.iterations;
  check.episodes = static_cast<long>(result.episodes.size());
  check.returned = result.run.status == RunStatus::converged;
  check.worst_step = judge(S(0), S(1), S(0));
  // The value each step reached before any perturbation at its end point.
  std::vector<const PerturbationEpisode<S>*> episode_at(seen.size() + 1, nullptr);
  for (const auto& e : result.episodes) {
    if (e.start < static_cast<long>(episode_at.size())) episode_at[e.start] = &e;
  }
  const S demanded = step * g_thres * g_thres / 2;
  for (std::size_t t = 0; t + 1 < seen.size(); ++t) {
    if (!(seen[t].gradient_norm > g_thres)) continue;
    const auto* episode = episode_at[t + 1];
    const S next_value = episode ? episode->value_before : seen[t + 1].value;
    // A recomputed x~ (reconstruction_error e > 0) may sit e away from the
    // implementation's own, where ||grad f|| <= g_thres: f differs by at most
    // (g_thres + l e) e + l e^2/2 there.
    const S e_x = result.reconstruction_error;
    const S next_rounding = episode ? f.value_rounding_error(episode->x_tilde) + (g_thres + 1.5 * lipschitz * e_x) * e_x
                                    : seen[t + 1].value_rounding;
    // ||grad f(x_{t+1})|| <= g_thres before a perturbation (that is why it started).
    const S next_gradient = episode ? g_thres : seen[t + 1].gradient_norm;
    const S e = seen[t].step_error;
    const S rounding = seen[t].value_rounding + next_rounding + next_gradient * e + lipschitz * e * e / 2;
    const Verdict verdict = judge(demanded, seen[t].value - next_value, rounding);
    ++check.large_steps;
    if (tells_more(verdict, check.worst_step)) check.worst_step = verdict;
  }
  const S gap = f.value(x0) - lower_bound;
  const double budget = iteration_budget(options.constants, static_cast<double>(gap));
  check.total = judge(static_cast<double>(check.iterations), budget, 0.0);
  return check;
}

}  // namespace gdcheck::perturbed_gd_budget

namespace gdcheck {
// The library's PGD, compiled once per family and scalar type (compiled_checks.hpp).
#define GDCHECK_PGD_BUDGET_CHECKS(PREFIX, F)                                                                     \
  PREFIX template perturbed_gd_budget::RunCheck perturbed_gd_budget::check_run<F, LibraryPerturbedGradientDescent>( \
      const F&, const Vector<F::Scalar>&, const PerturbedGradientDescentOptions<F::Scalar>&, const F::Scalar&,     \
      LibraryPerturbedGradientDescent);
GDCHECK_DECLARE_COMPILED(GDCHECK_STRICT_SADDLE_FAMILIES, GDCHECK_PGD_BUDGET_CHECKS)
}  // namespace gdcheck

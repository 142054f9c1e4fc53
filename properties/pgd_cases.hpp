// The cases of perturbed GD's properties, over any implementation of
// Algorithm 2: the suite's own (properties/perturbed_gradient_descent.cpp,
// noise_law.cpp) and a user's through its adapter (check_your_optimizer.hpp).
// One piece of code, so that a user's PGD is held to exactly the claims,
// generators, case counts and false-alarm rates of the library's.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>

#include "lib/objectives/any_objective.hpp"
#include "lib/objectives/quadratic.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "properties/second_order_runs.hpp"
#include "theorems/noise_law.hpp"

namespace gdcheck {

// A PGD: Algorithm 2 with options.constants from x0, perturbations drawn
// from options.seed, showing the observer every iterate a gradient step is
// taken from (after a perturbation, the perturbed point), if one is given.
// Called from several threads at once (each call its own run).
using PerturbedGradientDescentImplementation = std::function<PerturbedRunResult<double>(
    const AnyObjective<double>& f, const Vector<double>& x0, const PerturbedGradientDescentOptions<double>& options,
    const std::function<void(const Iterate<double>&)>& observer)>;

// The library's perturbed_gradient_descent.
PerturbedGradientDescentImplementation library_perturbed_gradient_descent();

// The theorem of the second-order cases (Jin et al. 2017, Theorem 3).
inline constexpr std::string_view kPgdSecondOrderTheorem = "pgd-second-order-guarantee";

// Algorithm 2's parameters for an instance: l, rho exact, eps as in
// saddle_instance(), Delta_f = f(x_0) - f* (+ 1e-3 so it is positive at a minimum).
PerturbedGradientDescentParameters pgd_parameters_for(const SeparableWells<double>& f, const SaddleInstance& s,
                                                      const Vector<double>& x0, double c, double delta);

// One run of Algorithm 2 on f (generated): a start at a strict saddle or in
// the box, the constants for it with c in [0.1, 1] and delta in [1e-3, 0.5],
// and a seed.
std::pair<Vector<double>, PerturbedGradientDescentOptions<double>> draw_pgd_run(const SeparableWells<double>& f);

// What the episode-rule cases exercised so far (logged with each case).
struct EpisodeRuleTally {
  long perturbations = 0, returns = 0, undecided = 0;
};

// One case of "pgd-episode-rules/every-run": random strong-saddle wells
// (d = 2..6), a start at a strict saddle or in the box, Algorithm 2's
// constants for it (c in [0.1, 1], delta in [1e-3, 0.5]), capped at
// 4 t_thres + 50 steps; every perturbation and return follows the rules
// (theorems/pgd_episode_rules.hpp). `vary_return`: the run's return is drawn
// on or off (the library's option); otherwise Algorithm 2 always returns.
void pgd_episode_rules_case(const PerturbedGradientDescentImplementation& pgd, bool vary_return,
                            EpisodeRuleTally& tally);

// One case of "pgd-budget/every-run" in double only (a user's PGD computes
// in double; the library's property re-decides a borderline step on the
// precision ladder instead): every large-gradient step lowers f by
// eta g_thres^2/2 beyond its rounding, and the run stops by itself within
// the budget (theorems/perturbed_gd_budget.hpp). A step within rounding of
// its demand is counted in `undecided` (logged), not judged.
void pgd_budget_case_in_double(const PerturbedGradientDescentImplementation& pgd, long& undecided);

// Runs (perturbations) per case of "noise-law/pgd-ball".
inline constexpr long kPgdBallRuns = 4000;

// One case of "noise-law/pgd-ball": on a random quadratic (d = 2..12),
// kPgdBallRuns runs of one perturbation each from the origin (gradient 0): every
// perturbation lies in B(0, r), its direction and (||xi||/r)^d are uniform
// (KS at level 1e-6 each).
void pgd_ball_case(const PerturbedGradientDescentImplementation& pgd);

// pgd_ball_case's reading: noise_law::check_pgd_perturbation of `pgd` from
// the quadratic's minimiser 0, kPgdBallRuns runs with seeds seed + k, at
// kNoiseLawLevel. Compiled once here, also for the controls that plant a
// bug in the library's PGD (properties/noise_law.cpp).
noise_law::LawReading pgd_ball_reading(const ErasedObjective<Quadratic<double>>& f,
                                       const PerturbedGradientDescentOptions<double>& options, std::uint64_t seed,
                                       const Vector<double>& unit, const PerturbedGradientDescentImplementation& pgd);

// One case of "pgd-second-order/returns-eps-sosp": 200 runs (2000 with
// --deep) on random strong-saddle wells (d = 2..5), mostly from exact strict
// saddles, c = 0.5, delta = 0.1; the fraction returning an eps-SOSP must be
// consistent with >= 1 - delta by the exact binomial test at level 1e-6.
// `noise_loss`: the probability with which a planted bug drops a run's
// perturbations (then every run starts at the origin, a saddle with gradient
// exactly 0).
void pgd_second_order_case(const PerturbedGradientDescentImplementation& pgd, double noise_loss = 0);
// Runs per second-order case: 200 (2000 with --deep).
long pgd_second_order_runs();

}  // namespace gdcheck

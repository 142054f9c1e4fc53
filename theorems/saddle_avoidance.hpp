// Random initialisation avoids strict saddles, and, when every saddle is
// strict, GD ends at local minima.
//
// Source: theory.md section 2; Lee, Simchowitz, Jordan, Recht 2016 (arXiv
// 1602.04915), Theorem 4.1 and Corollary 4.3 (the lecture's question "does GD
// converge to a local minimum almost surely?": yes, because the union of the
// strict saddles' stable sets still has measure zero; Panageas & Piliouras
// 2017 for non-isolated critical points).
//
// Statement checked: x_0 drawn from a distribution with a density, 0 < alpha
// < 1/L, then P(lim x_t = x*) = 0 for every strict saddle x*. A Monte Carlo
// run of N starts counts where each run ends; the claim is that none ends at
// a strict saddle, and the exact Clopper-Pearson bound says how small the
// probability is shown to be.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "lib/parallel_map.hpp"
#include "lib/random.hpp"
#include "lib/run_digest.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/hessian_spectrum.hpp"

namespace gdcheck::saddle_avoidance {

inline constexpr std::string_view name = "random-init-avoids-strict-saddles";
inline constexpr std::string_view statement =
    "x_0 with a density, 0 < alpha < 1/L: P(lim x_t = x*) = 0 for every strict saddle x*";
inline constexpr std::string_view local_minima_name = "strict-saddle-property-gives-local-minima";

// "Converged to x*" made precise: after at most `horizon` steps (GD stops
// early once ||grad f|| <= stop_gradient), the last iterate is within
// `distance` of x* (the nearest listed critical point) and its gradient is at
// most `gradient`. A run that meets neither for any listed point reaches no
// verdict and is counted apart.
struct ConvergenceCriterion {
  long horizon = 20000;
  double stop_gradient = 1e-10;
  double distance = 1e-6;
  double gradient = 1e-5;
};

enum class Outcome { strict_saddle, minimum, other_critical, no_verdict };

struct RunOutcome {
  Outcome outcome = Outcome::no_verdict;
  long steps = 0;
  double final_lambda_min = std::numeric_limits<double>::quiet_NaN();  // of hess f at the last iterate
  std::uint64_t seed = 0;                                              // the run's own seed
  std::uint64_t digest_term = 0;  // RunHash(index) of the seed, the start, the outcome and the steps
};

struct MonteCarloSummary {
  long runs = 0, to_strict_saddle = 0, to_minimum = 0, to_other_critical = 0, no_verdict = 0;
  // P(a run ends at a strict saddle or reaches no verdict) <= this bound:
  // runs without a verdict are counted against the claim, never for it.
  RateBound saddle_rate;
  double min_final_lambda_min = std::numeric_limits<double>::infinity();  // over runs ending at minima
  std::optional<RunOutcome> first_saddle_run;  // to replay a counterexample
  std::uint64_t digest = 0;  // of the runs done (lib/run_digest.hpp): which starts, how each ended
  double seconds = 0;
  double runs_per_second() const { return seconds > 0 ? runs / seconds : 0; }
};

// Where a run that stopped at x ended, against the listed critical points.
template <Objective F>
Outcome classify(const F& f, const std::vector<CriticalPoint<typename F::Scalar>>& points,
                 const Vector<typename F::Scalar>& x, const ConvergenceCriterion& criterion) {
  using S = typename F::Scalar;
  Vector<S> gradient;
  f.gradient(x, gradient);
  if (!(gradient.norm() <= criterion.gradient)) return Outcome::no_verdict;
  const CriticalPoint<S>* nearest = nullptr;
  S best = std::numeric_limits<double>::infinity();
  for (const auto& point : points) {
    const S distance = (x - point.x).norm();
    if (distance < best) best = distance, nearest = &point;
  }
  if (nearest == nullptr || !(best <= criterion.distance)) return Outcome::no_verdict;
  switch (nearest->kind) {
    case CriticalKind::strict_saddle: return Outcome::strict_saddle;
    case CriticalKind::global_minimum:
    case CriticalKind::local_minimum: return Outcome::minimum;
    default: return Outcome::other_critical;
  }
}

// The GD runs [first, end) of N from starts sample_start(rng), rng seeded
// per run from `seed` (run i's seed is the i-th derived from it, so neither
// the thread count nor the slice changes what run i does: a shard of a deep
// run does its slice of the same runs), on every core. f must be safe to
// share across threads (SeparableWells: call lower_bound() first).
struct RunRange {
  long first = 0, end = 0;
};
template <Objective F, class SampleStart>
MonteCarloSummary run_monte_carlo(const F& f, const std::vector<CriticalPoint<typename F::Scalar>>& points,
                                  const typename F::Scalar& step, const ConvergenceCriterion& criterion,
                                  RunRange range, std::uint64_t seed, double confidence, SampleStart sample_start,
                                  unsigned threads = default_thread_count()) {
  using S = typename F::Scalar;
  std::vector<std::uint64_t> seeds(range.end);
  Rng seeder(seed);
  for (auto& s : seeds) s = seeder.derive_seed();
  seeds.erase(seeds.begin(), seeds.begin() + range.first);
  const long runs = range.end - range.first;

  GradientDescentOptions<S> options;
  options.step = step;
  options.max_iterations = criterion.horizon;
  options.gradient_tolerance = criterion.stop_gradient;
  options.validate();

  const auto started = std::chrono::steady_clock::now();
  const std::vector<RunOutcome> outcomes = parallel_map(seeds.size(), [&](std::size_t i) {
    Rng rng(seeds[i]);
    const Vector<S> start = sample_start(rng);
    const RunResult<S> result = gradient_descent(f, start, options, [](const Iterate<S>&) {});
    RunOutcome run;
    run.seed = seeds[i];
    run.steps = result.iterations;
    run.outcome = classify(f, points, result.x, criterion);
    if (run.outcome == Outcome::minimum) {
      run.final_lambda_min = static_cast<double>(hessian_spectrum(f, result.x).eigenvalues(0));
    }
    RunHash hash(static_cast<std::uint64_t>(range.first) + i);
    hash.add(run.seed);
    for (const auto& entry : start) hash.add(static_cast<double>(entry));
    hash.add(static_cast<std::uint64_t>(run.outcome)).add(static_cast<std::uint64_t>(run.steps));
    run.digest_term = hash.term();
    return run;
  }, threads);
  MonteCarloSummary summary;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.runs = runs;
  for (const auto& run : outcomes) {
    summary.digest += run.digest_term;
    switch (run.outcome) {
      case Outcome::strict_saddle:
        ++summary.to_strict_saddle;
        if (!summary.first_saddle_run) summary.first_saddle_run = run;
        break;
      case Outcome::minimum:
        ++summary.to_minimum;
        summary.min_final_lambda_min = std::min(summary.min_final_lambda_min, run.final_lambda_min);
        break;
      case Outcome::other_critical: ++summary.to_other_critical; break;
      case Outcome::no_verdict: ++summary.no_verdict; break;
    }
  }
  summary.saddle_rate = rate_bound(summary.to_strict_saddle + summary.no_verdict, runs, confidence);
  return summary;
}

}  // namespace gdcheck::saddle_avoidance

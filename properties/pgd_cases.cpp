#include "properties/case_readings.hpp"
#include "properties/pgd_cases.hpp"

#include <sstream>
#include <string>
#include <utility>

#include "lib/objectives/quadratic.hpp"
#include "lib/random.hpp"
#include "properties/generators.hpp"
#include "properties/library_implementation.hpp"
#include "properties/noisy_gd_cases.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/second_order_runs.hpp"
#include "theorems/noise_law.hpp"
#include "theorems/perturbed_gd_budget.hpp"
#include "theorems/pgd_episode_rules.hpp"

namespace gdcheck {
namespace {

// A start at a random strict saddle (exactly, in double), or anywhere in the
// box holding the critical points.
Vector<double> draw_start(const SaddleInstance& s, int d, Rng& rng, bool at_saddle) {
  if (at_saddle && !s.strict_saddles.empty()) {
    return s.strict_saddles[static_cast<std::size_t>(rng.uniform01() * s.strict_saddles.size())];
  }
  Vector<double> x(d);
  for (double& entry : x) entry = 6 * rng.uniform01() - 3;
  return x;
}

const AnyObjective<double>& erased(WellsLadder& ladder) { return static_cast<ObjectiveLadder&>(ladder).at<double>(); }

}  // namespace

PerturbedGradientDescentParameters pgd_parameters_for(const SeparableWells<double>& f, const SaddleInstance& s,
                                                      const Vector<double>& x0, double c, double delta) {
  return {s.lipschitz, s.hessian_lipschitz, s.epsilon, c, delta,
          f.value(x0) - f.lower_bound()->value + 1e-3, f.dimension()};
}

std::pair<Vector<double>, PerturbedGradientDescentOptions<double>> draw_pgd_run(const SeparableWells<double>& f) {
  const SaddleInstance s = saddle_instance(f);
  Rng rng(*gen::seed());
  Vector<double> x0 = draw_start(s, f.dimension(), rng, *gen::integer(0, 1) == 1);
  PerturbedGradientDescentOptions<double> options;
  options.constants = perturbed_gradient_descent_constants(
      pgd_parameters_for(f, s, x0, *gen::uniform(0.1, 1.0), *gen::log_uniform(1e-3, 0.5)));
  options.seed = *gen::seed();
  return {std::move(x0), options};
}

PerturbedGradientDescentImplementation library_perturbed_gradient_descent() {
  return library_implementation(LibraryPerturbedGradientDescent{});
}

void pgd_episode_rules_case(const PerturbedGradientDescentImplementation& pgd, bool vary_return,
                            EpisodeRuleTally& tally) {
  WellsLadder ladder(*gen::strong_saddle_wells(2, 6));
  auto [x0, options] = draw_pgd_run(ladder.at<double>());
  options.return_after_unproductive_episode = vary_return ? *gen::integer(0, 1) == 1 : true;
  options.max_iterations = 4 * options.constants.time_threshold_steps() + 50;
  const auto reading = pgd_episode_rules::check_run(erased(ladder), x0, options, pgd);
  tally.perturbations += reading.perturbations;
  tally.returns += reading.returns_checked;
  tally.undecided += reading.undecided;
  property_log().field("perturbations_checked", tally.perturbations);
  property_log().field("episode_ends_checked", tally.returns);
  property_log().field("undecided_comparisons", tally.undecided);
  if (!reading.holds()) {
    std::ostringstream text;
    text << *reading.violation << " (PGD seed " << options.seed << ", t_thres = " << options.constants.time_threshold
         << ", return " << (options.return_after_unproductive_episode ? "on" : "off") << "); instance ";
    showValue(ladder.spec(), text);
    RC_FAIL(text.str());
  }
}

void pgd_budget_case_in_double(const PerturbedGradientDescentImplementation& pgd, long& undecided) {
  WellsLadder ladder(*gen::strong_saddle_wells(2, 6));
  const auto& f = ladder.at<double>();
  auto [x0, options] = draw_pgd_run(f);
  const auto check = perturbed_gd_budget::check_run(erased(ladder), x0, options, f.lower_bound()->value, pgd);
  property_log().ratio(check.total.ratio());
  undecided += check.worst_step.clarity == Clarity::borderline;
  property_log().field("undecided_steps", undecided);
  if (!check.total.passes() || !check.worst_step.passes()) {
    std::ostringstream text;
    text << (check.total.passes() ? "large-gradient step decrease" : "iteration budget")
         << " violated: " << (check.total.passes() ? check.worst_step : check.total).describe() << "; "
         << check.iterations << " iterations, " << check.episodes << " episodes (PGD seed " << options.seed
         << "); instance ";
    showValue(ladder.spec(), text);
    RC_FAIL(text.str());
  }
  if (!check.returned) {
    const double gap = f.value(x0) - f.lower_bound()->value;
    RC_FAIL("the run stopped after " + std::to_string(check.iterations) + " of at most " +
            std::to_string(options.max_iterations) + " steps without returning (Algorithm 2 returns by itself, " +
            "within " + describe_value(perturbed_gd_budget::iteration_budget(options.constants, gap)) +
            " steps here)");
  }
}

noise_law::LawReading pgd_ball_reading(const ErasedObjective<Quadratic<double>>& f,
                                       const PerturbedGradientDescentOptions<double>& options, std::uint64_t seed,
                                       const Vector<double>& unit, const PerturbedGradientDescentImplementation& pgd) {
  return noise_law::check_pgd_perturbation(f, Vector<double>::Zero(f.dimension()), options, kPgdBallRuns, seed, unit,
                                           kNoiseLawLevel, pgd);
}

void pgd_ball_case(const PerturbedGradientDescentImplementation& pgd) {
  property_log().no_runs_yet();
  const QuadraticSpec spec = *gen::quadratic({.min_dimension = 2, .max_dimension = 12});
  const ErasedObjective<Quadratic<double>> f(std::in_place, spec);
  PerturbedGradientDescentOptions<double> options;
  const double lipschitz = f.gradient_lipschitz()->value;
  options.constants = {1, 0.5 / lipschitz, *gen::log_uniform(1e-3, 10.0), 1, 1, 1};
  const std::uint64_t seed = *gen::seed();
  const Vector<double> unit = random_unit(f.dimension(), *gen::seed());
  // Computed whole, by one shard when sharded (case_readings.hpp): its runs are few and short.
  const auto reading = case_reading(seed, [&] { return pgd_ball_reading(f, options, seed, unit, pgd); }, law_reading);
  if (!reading) return;  // a shard: this case's reading is in the line, or another shard's to compute
  std::ostringstream setting;
  setting << "r = " << options.constants.radius << ", seeds " << seed << " + k, d = " << f.dimension();
  report_noise_law(*reading, f.dimension(), "PGD", setting.str());
}

long pgd_second_order_runs() { return deep_mode() ? 2000 : 200; }

void pgd_second_order_case(const PerturbedGradientDescentImplementation& pgd, double noise_loss) {
  property_log().no_runs_yet();
  WellsLadder ladder(*gen::strong_saddle_wells(2, 5));
  const auto& f = ladder.at<double>();
  f.lower_bound();  // roots solved before the threads share f
  const AnyObjective<double>& any = erased(ladder);
  const SaddleInstance s = saddle_instance(f);
  const double delta = 0.1, c = 0.5;
  const bool at_saddle = *gen::integer(0, 3) != 0;  // mostly exact saddle starts: the hard case
  const std::uint64_t seed = *gen::seed();
  const long n = pgd_second_order_runs();
  const auto ends = runs_of_this_shard(n, [&](long i) {
    Rng rng(seed + 7919 * i);
    const Vector<double> x0 =
        noise_loss > 0 ? Vector<double>::Zero(f.dimension()) : draw_start(s, f.dimension(), rng, at_saddle);
    PerturbedGradientDescentOptions<double> options;
    options.constants = perturbed_gradient_descent_constants(pgd_parameters_for(f, s, x0, c, delta));
    options.seed = rng.derive_seed();
    if (planted_bug_strikes(options.seed, noise_loss)) options.constants.radius = 0;
    return pgd(any, x0, options, {}).run.x;  // only the returned point is judged
  }, sharding_for(noise_loss));
  const long successes = count_second_order_stationary(ladder, ends, s.epsilon);
  std::string description;
  const bool consistent = success_rate_consistent(successes, static_cast<long>(ends.size()), delta, &description,
                                                  "ended at an eps-SOSP", sharding_for(noise_loss));
  property_log().digest(runs_digest(n, ends, sharding_for(noise_loss)));
  std::ostringstream text;
  text << description << "; starts "
       << (noise_loss > 0 ? "at the origin" : at_saddle ? "at strict saddles" : "in a box") << ", eps = " << s.epsilon
       << ", c = " << c;
  if (noise_loss > 0) text << ", perturbations lost with probability " << noise_loss;
  text << "; instance ";
  showValue(ladder.spec(), text);
  if (!consistent) RC_FAIL(text.str());
}

}  // namespace gdcheck

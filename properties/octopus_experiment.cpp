// The octopus experiment (theorems/octopus_traversal.hpp): GD, perturbed GD
// and noisy GD through Du et al.'s chain of saddles, d = 2, 3, ...
#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "lib/optimizers/gradient_descent.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/random.hpp"
#include "lib/run_digest.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/monte_carlo_runs.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/linear_fit.hpp"
#include "theorems/octopus_traversal.hpp"

namespace gdcheck {
namespace {

namespace traversal = octopus_traversal;

// Du et al.'s experiment (theory.md section 3, [M]): tau = e, gamma = 1, eta =
// 1/(4L); L = 1 here, so GD's per-saddle factor 1 + kappa is 2.71 and d = 10
// stays within reach; starts uniform in [-1, 1]^d; PGD with g_thres = gamma
// e/100, r = e/100, t_thres = 1, run until it reaches the minimum's region.
constexpr double kTau = 2.718281828459045, kCurvature = 1, kGamma = 1;
constexpr double kStep = 1 / (4 * kCurvature);

int max_dimension() { return deep_mode() ? 10 : 6; }
int starts_per_dimension() { return deep_mode() ? 5 : 3; }

// GD's later coordinates shrink by 1/2 per step while it waits at earlier
// saddles: by d = 7 they pass below double's smallest number (2^-1074) and
// the run would stop forever at a saddle. Decimal50's exponent range is far
// wider, so larger d run there.
template <class Body>
auto in_wide_enough_type(int d, Body&& body) {
  if (d <= 6) return body(std::type_identity<double>{});
  return body(std::type_identity<Decimal50>{});
}

struct RunRecord {
  traversal::Traversal gd, pgd, noisy;
};

template <Scalar S>
RunRecord run_all(int d, const Vector<double>& start, std::uint64_t seed) {
  const Octopus<S> f(OctopusSpec{d, kTau, kCurvature, kGamma});
  const Vector<S> x0 = convert<S>(start);
  // Budgets: 50 times GD's linearised total (T_1 (1 + kappa)^(d - 1) summed),
  // and 2000 d steps for the perturbed methods; a run that does not reach the
  // minimum's region within them is reported as such (steps -1).
  const double factor = traversal::predicted_growth_factor(kStep, kCurvature, kGamma);
  const long gd_budget = static_cast<long>(50 * 20 * std::pow(factor, d)) + 1000;
  RunRecord record;
  {
    traversal::TraversalRecorder<S> recorder(f);
    gradient_descent(f, x0, GradientDescentOptions<S>{S(kStep), gd_budget}, recorder);
    record.gd = recorder.traversal();
  }
  {
    traversal::TraversalRecorder<S> recorder(f);
    PerturbedGradientDescentOptions<S> options;
    options.constants = {1, kStep, kTau / 100, kGamma * kTau / 100, 0, 1};  // chi: unused when set by hand
    options.max_iterations = 2000L * d;
    options.seed = seed;
    options.return_after_unproductive_episode = false;
    perturbed_gradient_descent(f, x0, options, recorder);
    record.pgd = recorder.traversal();
  }
  {
    traversal::TraversalRecorder<S> recorder(f);
    NoisyGradientDescentOptions<S> options;
    options.step = S(kStep);
    options.max_iterations = 2000L * d;
    options.seed = seed + 1;
    noisy_gradient_descent(f, x0, options, recorder);
    record.noisy = recorder.traversal();
  }
  return record;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

TEST(OctopusExponentialTime_Experiment, GdSlowsGeometricallyPerSaddleWhilePerturbedGdDoesNot) {
  check_property({"octopus/gd-pgd-noisy-gd", std::string(traversal::name), PropertyKind::experiment, 1}, [] {
    Rng rng(12345);  // the starts are part of the experiment's statement: fixed
    const double factor = traversal::predicted_growth_factor(kStep, kCurvature, kGamma);
    // The cells: one start each, drawn in order from the fixed stream (every
    // shard draws them all, cheaply, and runs its slice of the cells whole).
    struct Start {
      int d;
      Vector<double> point;
      std::uint64_t seed;
    };
    std::vector<Start> starts;
    for (int d = 2; d <= max_dimension(); ++d) {
      for (int k = 0; k < starts_per_dimension(); ++k) {
        Vector<double> start(d);
        for (double& entry : start) entry = 2 * rng.uniform01() - 1;
        starts.push_back({d, start, rng.derive_seed()});
      }
    }
    // A cell's counts: GD's, PGD's and noisy GD's steps, the step where noisy
    // GD left the domain (-1: never), then GD's steps at each saddle.
    const auto cells = experiment_cells(static_cast<long>(starts.size()), [&](long cell) {
      const auto& [d, start, seed] = starts[static_cast<std::size_t>(cell)];
      const RunRecord r = in_wide_enough_type(d, [&](auto type) {
        return run_all<typename decltype(type)::type>(d, start, seed);
      });
      for (const auto* t : {&r.gd, &r.pgd}) {
        if (t->first_step_outside_domain >= 0) {
          RC_FAIL("d = " + std::to_string(d) + ": left the construction's domain at step " +
                  std::to_string(t->first_step_outside_domain));
        }
      }
      RC_ASSERT(r.gd.steps_to_minimum > 0);
      RC_ASSERT(r.pgd.steps_to_minimum > 0);
      // From the second saddle on, each takes longer than the one before.
      for (int i = 2; i < d; ++i) {
        if (!(r.gd.steps_at_saddle[i] > r.gd.steps_at_saddle[i - 1])) {
          RC_FAIL("d = " + std::to_string(d) + ": GD spent " + std::to_string(r.gd.steps_at_saddle[i]) +
                  " steps at saddle " + std::to_string(i) + " after " + std::to_string(r.gd.steps_at_saddle[i - 1]) +
                  " at the one before");
        }
      }
      RunHash hash(static_cast<std::uint64_t>(cell));  // its start, seed and the three methods' steps
      add_result(hash, start);
      hash.add(seed).add(static_cast<std::uint64_t>(r.gd.steps_to_minimum));
      hash.add(static_cast<std::uint64_t>(r.pgd.steps_to_minimum)).add(static_cast<std::uint64_t>(r.noisy.steps_to_minimum));
      CellTally tally{{r.gd.steps_to_minimum, r.pgd.steps_to_minimum, r.noisy.steps_to_minimum,
                       r.noisy.first_step_outside_domain}, hash.term()};
      tally.counts.insert(tally.counts.end(), r.gd.steps_at_saddle.begin(), r.gd.steps_at_saddle.end());
      return tally;
    }, CellSplit::whole_cells());
    if (!cells) return;  // a shard: merge_shards assembles the fits from every shard's cells
    std::vector<double> dims, log_gd, log_pgd, log_dims, noisy_medians;
    std::ostringstream table, ratios;
    std::uint64_t digest = 0;
    table << "| d | GD steps | PGD steps | noisy GD steps | GD steps at each saddle (first start) |\n|---|---|---|---|---|\n";
    std::size_t cell = 0;
    for (int d = 2; d <= max_dimension(); ++d) {
      std::vector<double> gd, pgd, noisy;
      std::vector<long> first_per_saddle;
      for (int k = 0; k < starts_per_dimension(); ++k) {
        const CellTally& tally = (*cells)[cell++];
        if (tally.counts[3] >= 0) ratios << "noisy GD left the domain at step " << tally.counts[3] << " (d = " << d << "); ";
        digest += tally.digest;
        gd.push_back(static_cast<double>(tally.counts[0]));
        pgd.push_back(static_cast<double>(tally.counts[1]));
        noisy.push_back(static_cast<double>(tally.counts[2]));
        if (k == 0) first_per_saddle.assign(tally.counts.begin() + 4, tally.counts.end());
      }
      dims.push_back(d);
      log_dims.push_back(std::log(d));
      log_gd.push_back(std::log(median(gd)));
      log_pgd.push_back(std::log(median(pgd)));
      noisy_medians.push_back(median(noisy));
      table << "| " << d << " | " << median(gd) << " | " << median(pgd) << " | " << median(noisy) << " |";
      for (long s : first_per_saddle) table << " " << s;
      table << " |\n";
      if (d == max_dimension()) {
        ratios << "GD per-saddle factors at d = " << d << ":";
        for (int i = 1; i < d; ++i) {
          ratios << " " << static_cast<double>(first_per_saddle[i]) / first_per_saddle[i - 1];
        }
        ratios << " (linearised 1 + kappa = " << factor << ")";
        RC_ASSERT(median(pgd) < median(gd));  // PGD beats GD by the largest d
      }
    }
    const LinearFit gd_fit = fit_line(dims, log_gd);          // log T = a + b d
    const LinearFit pgd_power = fit_line(log_dims, log_pgd);  // log T = a + p log d
    const LinearFit pgd_exponential = fit_line(dims, log_pgd);
    std::cout << table.str() << ratios.str() << "\nGD: log T = " << gd_fit.intercept << " + " << gd_fit.slope << " d (slope se "
              << gd_fit.slope_standard_error << ", growth e^b = " << std::exp(gd_fit.slope)
              << " per dimension); PGD: log T = " << pgd_power.intercept << " + " << pgd_power.slope << " log d (se "
              << pgd_power.slope_standard_error << ")\n";
    property_log().field("table", table.str());
    property_log().field("digest", digest_text(digest));
    Figure figure{"Octopus: steps to the minimum's region (median over starts)", "dimension d", "steps (log scale)",
                  false, true, {{"GD", "points", {}}, {"PGD", "points", {}}, {"noisy GD", "points", {}},
                                {"GD fit exp(a + b d)", "lines", {}}, {"PGD fit a d^p", "lines", {}}}};
    for (std::size_t i = 0; i < dims.size(); ++i) {
      figure.series[0].points.push_back({dims[i], std::exp(log_gd[i])});
      figure.series[1].points.push_back({dims[i], std::exp(log_pgd[i])});
      if (noisy_medians[i] > 0) figure.series[2].points.push_back({dims[i], noisy_medians[i]});
      figure.series[3].points.push_back({dims[i], std::exp(gd_fit.intercept + gd_fit.slope * dims[i])});
      figure.series[4].points.push_back({dims[i], std::exp(pgd_power.intercept + pgd_power.slope * log_dims[i])});
    }
    log_figure(figure);
    property_log().field("gd_log_steps_per_dimension", json_number(gd_fit.slope));
    property_log().field("gd_log_steps_per_dimension_se", json_number(gd_fit.slope_standard_error));
    property_log().field("gd_growth_per_dimension", json_number(std::exp(gd_fit.slope)));
    property_log().field("pgd_power_of_d", json_number(pgd_power.slope));
    property_log().field("pgd_power_of_d_se", json_number(pgd_power.slope_standard_error));
    property_log().field("linearised_factor_per_saddle", json_number(factor));
    // Exponential in d: the fitted rate is positive by three standard errors.
    RC_ASSERT(gd_fit.slope - 3 * gd_fit.slope_standard_error > 0);
    // PGD: each of the d saddles takes O(log d) steps here, so at most about
    // d log d: the power of d, by two standard errors, stays below 2, and its
    // exponential rate stays below GD's.
    RC_ASSERT(pgd_power.slope + 2 * pgd_power.slope_standard_error < 2);
    RC_ASSERT(pgd_exponential.slope < gd_fit.slope);
  });
}

}  // namespace
}  // namespace gdcheck

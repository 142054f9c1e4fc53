// How perturbed GD's escape from one strict saddle scales with the ambient
// dimension (Jin et al. 2017: the dependence on d is only through
// log(d) in chi, hence polylogarithmic).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lib/objectives/separable_wells.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/run_digest.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/monte_carlo_runs.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/linear_fit.hpp"
#include "theorems/perturbed_gd_budget.hpp"

namespace gdcheck {
namespace {

inline constexpr std::string_view kName = "pgd-escape-scales-polylog-in-d";

// The saddle: h_0 = y^2/2 - 2 log cosh y (lambda = -1 at 0) in a random
// rotation, every other coordinate h = y^2/2 - 0.25 log cosh y (lambda = 0.75):
// the same strict saddle at 0 in every d, l = 1, rho = 8/(3 sqrt 3).
SeparableWellsSpec embedded_saddle(int d) {
  SeparableWellsSpec spec;
  spec.pieces.push_back({1.0, 2.0, 0.0});
  spec.shapes.push_back(PieceShape::double_well);
  for (int i = 1; i < d; ++i) {
    spec.pieces.push_back({1.0, 0.25, 0.0});
    spec.shapes.push_back(PieceShape::convex);
  }
  spec.rotation = {d, std::min(d, 8), 2024};
  return spec;
}

std::vector<int> dimensions() {
  return deep_mode() ? std::vector<int>{2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}
                     : std::vector<int>{2, 4, 8, 16, 32, 64, 128, 256};
}

// Steps until ||x_t|| > 1/2 (out of the saddle's ball) from exactly the saddle,
// Algorithm 2's constants for eps = lambda^2/(4 rho), c = 1/2, delta = 0.1,
// Delta_f = f(0) - f* + 1e-3, for this process's slice of the runs: a cell
// whose count i is run i's escape step (-1: none within the budget; 0 for
// the runs other shards do, so the shards' cells add up to every run's), and
// the runs' digest (run i's escape step and point hashed with i:
// monte_carlo_runs.hpp, runs_digest).
CellTally escape_steps(int d, int runs, std::uint64_t seed) {
  const SeparableWells<double> f(embedded_saddle(d));
  f.lower_bound();
  const double rho = f.hessian_lipschitz()->value;
  const PerturbedGradientDescentParameters parameters{
      f.gradient_lipschitz()->value, rho, 1.0 / (4 * rho), 0.5, 0.1, -f.lower_bound()->value + 1e-3, d};
  const auto escapes = runs_of_this_shard(runs, [&](long run) {
    const std::uint64_t i = static_cast<std::uint64_t>(run);
    PerturbedGradientDescentOptions<double> options;
    options.constants = perturbed_gradient_descent_constants(parameters);
    options.seed = seed + 31 * i + 1000003L * d;
    options.max_iterations = 100000;
    long escaped = -1;
    Vector<double> where;
    perturbed_gradient_descent(f, Vector<double>::Zero(d), options, [&](const Iterate<double>& it) {
      if (it.x.norm() > 0.5) escaped = it.t, where = it.x;
      return escaped >= 0;
    });
    return std::pair{static_cast<double>(escaped), where};
  });
  CellTally cell{std::vector<std::int64_t>(static_cast<std::size_t>(runs), 0), runs_digest(runs, escapes)};
  const long first = shard_range(runs).first;
  for (std::size_t j = 0; j < escapes.size(); ++j) cell.counts[first + j] = static_cast<std::int64_t>(escapes[j].first);
  return cell;
}

TEST(PgdEscapeScaling_Experiment, EscapeStepsGrowPolylogarithmicallyInD) {
  check_property({"pgd-scaling/escape-steps-vs-d", std::string(kName), PropertyKind::experiment, 1}, [] {
    const int runs = deep_mode() ? 51 : 21;
    const std::vector<int> dims = dimensions();
    const auto cells = experiment_cells(static_cast<long>(dims.size()),
                                        [&](long cell) { return escape_steps(dims[cell], runs, 77); },
                                        CellSplit::runs_of(runs));
    if (!cells) return;  // a shard: merge_shards assembles the fit from every shard's cells
    std::vector<double> log_d, log_log_d, log_steps, ds, medians;
    std::ostringstream table;
    std::uint64_t digest = 0;  // every dimension's runs (their digests add)
    table << "| d | median PGD escape steps (" << runs << " runs) |\n|---|---|\n";
    for (std::size_t cell = 0; cell < dims.size(); ++cell) {
      const int d = dims[cell];
      std::vector<double> escapes((*cells)[cell].counts.begin(), (*cells)[cell].counts.end());
      std::sort(escapes.begin(), escapes.end());
      RC_ASSERT(escapes.front() >= 0);  // every run escaped within the safety budget
      const double steps = escapes[escapes.size() / 2];
      digest += (*cells)[cell].digest;
      table << "| " << d << " | " << steps << " |\n";
      log_d.push_back(std::log(d));
      log_log_d.push_back(std::log(std::log(d)));
      log_steps.push_back(std::log(steps));
      ds.push_back(d);
      medians.push_back(steps);
    }
    // log T = a + k log log d: T ~ (log d)^k; and log T = a + p log d: T ~ d^p.
    const LinearFit polylog = fit_line(log_log_d, log_steps);
    const LinearFit power = fit_line(log_d, log_steps);
    std::cout << table.str() << "log T = " << polylog.intercept << " + " << polylog.slope << " log log d (se "
              << polylog.slope_standard_error << "); as a power of d: " << power.slope << " (se "
              << power.slope_standard_error << ")\n";
    property_log().field("table", table.str());
    property_log().field("digest", digest_text(digest));
    Figure figure{"PGD escape steps from a strict saddle vs dimension", "dimension d (log scale)",
                  "median escape steps", true, false,
                  {{"PGD (median of " + std::to_string(runs) + " runs)", "points", {}}, {"fit a (log d)^k", "lines", {}}}};
    for (std::size_t i = 0; i < ds.size(); ++i) {
      figure.series[0].points.push_back({ds[i], medians[i]});
      figure.series[1].points.push_back({ds[i], std::exp(polylog.intercept + polylog.slope * log_log_d[i])});
    }
    log_figure(figure);
    property_log().field("power_of_log_d", json_number(polylog.slope));
    property_log().field("power_of_log_d_se", json_number(polylog.slope_standard_error));
    property_log().field("power_of_d", json_number(power.slope));
    // Theorem 3's dependence on d is log^4: the fitted power of log d stays
    // below 4 by two standard errors, and the power of d is far from linear.
    RC_ASSERT(polylog.slope + 2 * polylog.slope_standard_error < 4);
    RC_ASSERT(power.slope + 2 * power.slope_standard_error < 0.5);
  });
}

// Lecture, "Local optimization: neural nets?": "convergence in log^4 d is
// still too slow". PGD's deterministic budget T_max (theorems/perturbed_gd_budget.hpp,
// checked on every PGD run of the suite) at network sizes, for l = rho =
// Delta_f = 1, c = 1 (the largest c allowed, the smallest budget), delta = 0.1,
// against the steps of a training run. The budget is a formula; nothing here
// is run at these d.
TEST(PgdEscapeScaling_Experiment, DeterministicBudgetAtNetworkScale) {
  check_property({"pgd-scaling/budget-at-network-scale", std::string(kName), PropertyKind::experiment, 1}, [] {
    std::printf("| d | eps | chi | chi^4 | t_thres | T_max (iterations) | T_max / 4.5e5 |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    double previous = 0;
    Figure figure{"PGD's iteration budget T_max at network scale (l = rho = Delta_f = 1, c = 1, delta = 0.1)",
                  "dimension d", "T_max (iterations)", true, true,
                  {{"eps = 1e-2", "points", {}}, {"eps = 1e-3", "points", {}},
                   {"a training run's 4.5e5 steps", "lines", {{1e4, 4.5e5}, {1e8, 4.5e5}}}}};
    for (const double epsilon : {1e-2, 1e-3}) {
      for (const double d : {1e4, 1e6, 1e8}) {
        const PerturbedGradientDescentConstants k =
            perturbed_gradient_descent_constants({1, 1, epsilon, 1, 0.1, 1, static_cast<int>(d)});
        const double budget = perturbed_gd_budget::iteration_budget(k, 1);
        std::printf("| %.0e | %.0e | %.1f | %.2e | %.2e | %.2e | %.1e |\n", d, epsilon, k.chi, std::pow(k.chi, 4),
                    k.time_threshold, budget, budget / 4.5e5);
        figure.series[epsilon == 1e-2 ? 0 : 1].points.push_back({d, budget});
        // theory.md's leading term (2/c^2 + 1/c^3) chi^4 l Delta / eps^2 is part of T_max.
        RC_ASSERT(budget >= 3 * std::pow(k.chi, 4) / (epsilon * epsilon));
        RC_ASSERT(budget > previous || d == 1e4);
        previous = budget;
      }
    }
    property_log().field("digest", digest_text(cells_digest(figure)));  // no random draw: its cells
    log_figure(figure);
  });
}

}  // namespace
}  // namespace gdcheck

// The lecture's question 3 ("even if there are non-global minima, how often
// do we converge to them?"), answered side by side on one tilted double well
// from one initial law: GD, SGD, noisy GD and SGLD (Gelfand-Mitter, above
// and below its threshold). The table is in docs/stochastic.md.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "lib/objectives/separable_wells.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"
#include "lib/run_digest.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/monte_carlo_runs.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/gelfand_mitter.hpp"

namespace gdcheck {
namespace {

// The 1-D well h as a finite sum of m = 2 components h(y) +- tau y: their
// mean is h, so SGD's noise is +-tau, of variance tau^2, in the only
// direction there is (unlike the saddle finite sum's, it is not singular).
class TiltedWellSum {
 public:
  using Scalar = double;
  TiltedWellSum(const WellPieceSpec& well, double tau)
      : wells_(SeparableWellsSpec{{well}, {PieceShape::double_well}, RotationSpec{1, 0, 0}}), tau_(tau) {
    wells_.lower_bound();  // roots solved before threads share the instance
  }
  int dimension() const { return 1; }
  double value(const Vector<double>& x) const { return wells_.value(x); }
  void gradient(const Vector<double>& x, Vector<double>& g) const { wells_.gradient(x, g); }
  double value_and_gradient(const Vector<double>& x, Vector<double>& g) const { return wells_.value_and_gradient(x, g); }
  Matrix<double> hessian(const Vector<double>& x) const { return wells_.hessian(x); }
  std::optional<Certified<double>> gradient_lipschitz() const { return wells_.gradient_lipschitz(); }
  std::optional<Certified<double>> hessian_lipschitz() const { return wells_.hessian_lipschitz(); }
  std::optional<Certified<double>> lower_bound() const { return wells_.lower_bound(); }
  double value_rounding_error(const Vector<double>& x) const { return wells_.value_rounding_error(x); }
  double gradient_rounding_error(const Vector<double>& x) const { return wells_.gradient_rounding_error(x); }
  int components() const { return 2; }
  double component_value_and_gradient(int i, const Vector<double>& x, Vector<double>& g) const {
    const double sign = i == 0 ? 1.0 : -1.0;
    const double v = wells_.value_and_gradient(x, g);
    g(0) += sign * tau_;
    return v + sign * tau_ * x(0);
  }
  double component_gradient_rounding_error(int, const Vector<double>& x) const {
    return wells_.gradient_rounding_error(x) + rounding_bound<double>(1, std::abs(tau_) + 1);
  }
  Certified<double> component_gradient_lipschitz() const { return *wells_.gradient_lipschitz(); }

 private:
  SeparableWells<double> wells_;
  double tau_;
};
static_assert(FiniteSum<TiltedWellSum>);

constexpr long kRuns = 400;
constexpr long kSteps = 10000;

TEST(LectureQuestion3_Experiment, HowOftenEachMethodEndsInTheNonGlobalBasin) {
  check_property({"question-3/non-global-basin-by-method", "lecture-question-3", PropertyKind::experiment, 1}, [] {
    const WellPieceSpec well{1, 2, 0.1};
    const gelfand_mitter::WellGeometry g = gelfand_mitter::well_geometry(well);
    const TiltedWellSum f(well, 1.0);
    const double curvature = WellPiece<double>(well).curvature_bound();
    const double step = 0.5 / curvature;
    const double half_width = gelfand_mitter::start_half_width(g);
    const auto non_global = [&](double y) { return !gelfand_mitter::in_global_basin(g, y) && y != g.barrier; };
    // One end point per run, from the same starts (uniform around the barrier) for every method.
    const auto tally = [&](auto&& run) {
      const auto ends = runs_of_this_shard(kRuns, [&](long i) {
        Rng rng(20261129 + 7727 * static_cast<std::uint64_t>(i));
        const Vector<double> start = Vector<double>::Constant(1, g.barrier + half_width * (2 * rng.uniform01() - 1));
        return std::pair{start(0), run(start, rng.derive_seed())};
      });
      CellTally cell{{0, 0}, runs_digest(kRuns, ends)};  // {started there, ended there}, and each run's start and end
      for (const auto& [start, end] : ends) cell.counts[0] += non_global(start), cell.counts[1] += non_global(end);
      return cell;
    };
    const auto gd = [&](const Vector<double>& x0, std::uint64_t) {
      GradientDescentOptions<double> o;
      o.step = step;
      o.max_iterations = kSteps;
      return gradient_descent(f, x0, o).x(0);
    };
    const auto sgd = [&](const Vector<double>& x0, std::uint64_t seed) {
      StochasticGradientDescentOptions<double> o;
      o.step = step;
      o.max_iterations = kSteps;
      o.seed = seed;
      return stochastic_gradient_descent(f, x0, o).x(0);
    };
    const auto noisy = [&](const Vector<double>& x0, std::uint64_t seed) {
      NoisyGradientDescentOptions<double> o;
      o.step = step;
      o.max_iterations = kSteps;
      o.seed = seed;
      return noisy_gradient_descent(f, x0, o).x(0);
    };
    const auto sgld = [&](double factor) {
      return [&, factor](const Vector<double>& x0, std::uint64_t seed) {
        StochasticGradientLangevinOptions o = gelfand_mitter::annealing_schedule(curvature, g.critical_depth, factor, kSteps);
        o.seed = seed;
        return stochastic_gradient_langevin(f, x0, o).x(0);
      };
    };
    // The cells: GD, SGD, noisy GD, SGLD above and below the threshold.
    const auto cells = experiment_cells(5, [&](long method) {
      switch (method) {
        case 0: return tally(gd);
        case 1: return tally(sgd);
        case 2: return tally(noisy);
        case 3: return tally(sgld(2));
        default: return tally(sgld(0.25));
      }
    }, CellSplit::runs_of(kRuns));
    if (!cells) return;  // a shard: merge_shards assembles the table from every shard's cells
    std::uint64_t digest = 0;  // every method's runs (their digests add)
    std::vector<std::pair<long, long>> counts;  // per method: {started in the non-global basin, ended there}
    for (const CellTally& cell : *cells) {
      digest += cell.digest;
      counts.emplace_back(cell.counts[0], cell.counts[1]);
    }
    const auto &gd_counts = counts[0], &above = counts[3];

    std::ostringstream table;
    table << "| method | ends in the non-global basin | 99% bounds |\n|---|---:|---:|\n";
    Figure figure{"Question 3: runs ending in the non-global basin, by method (99% Clopper-Pearson)",
                  "method (1 GD, 2 SGD, 3 noisy GD, 4 SGLD above the threshold, 5 SGLD below)",
                  "fraction of runs in the non-global basin", false, false, {}};
    const auto row = [&](const std::string& method, const std::pair<long, long>& r) {
      const double lower = clopper_pearson_lower(r.second, kRuns, 0.99), upper = clopper_pearson_upper(r.second, kRuns, 0.99);
      table << std::setprecision(3) << "| " << method << " | " << double(r.second) / kRuns << " | [" << lower << ", "
            << upper << "] |\n";
      const double x = static_cast<double>(figure.series.size()) + 1;
      figure.series.push_back({method, "errorbars", {{x, double(r.second) / kRuns, lower, upper}}});
    };
    row("GD, alpha = 1/(2L)", counts[0]);
    row("SGD on h +- y (noise variance 1), same alpha", counts[1]);
    row("noisy GD (unit noise), same alpha", counts[2]);
    row("SGLD, B/A = 2 x threshold, Q = 1", counts[3]);
    row("SGLD, B/A = threshold / 4, Q = 1", counts[4]);
    table << "\nWell {c=1, s=2, t=0.1} (non-global minimum at " << std::setprecision(4) << g.other_minimum
          << "), " << kRuns << " runs of " << kSteps << " steps from starts uniform within " << half_width
          << " of the barrier; " << gd_counts.first << " of them start in the non-global basin.\n";
    std::cout << table.str();
    property_log().field("table", table.str());
    property_log().field("digest", digest_text(digest));
    figure.series.push_back({"started there (GD ends exactly where it starts)", "lines",
                             {{0.5, double(gd_counts.first) / kRuns}, {5.5, double(gd_counts.first) / kRuns}}});
    log_figure(figure);
    // GD never crosses the barrier: it ends where it starts, exactly.
    RC_ASSERT(gd_counts.second == gd_counts.first);
    // Annealing above the threshold ends there less often than GD.
    RC_ASSERT(clopper_pearson_upper(above.second, kRuns, 0.99) < double(gd_counts.first) / kRuns);
  });
}

}  // namespace
}  // namespace gdcheck

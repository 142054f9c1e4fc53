// Properties of the Langevin samplers at a fixed temperature
// (theorems/langevin_sampling.hpp): MALA started from pi^eps stays at
// pi^eps (Kolmogorov-Smirnov against the exact CDF, DKW false-alarm level);
// a sampler at the wrong temperature, or unadjusted with a large step, is
// rejected by the same test.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "lib/objectives/separable_wells.hpp"
#include "lib/optimizers/langevin.hpp"
#include "lib/parallel_map.hpp"
#include "lib/run_digest.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/generators.hpp"
#include "properties/langevin_cases.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "properties/shard.hpp"
#include "theorems/kolmogorov_smirnov.hpp"
#include "theorems/linear_fit.hpp"
#include "theorems/langevin_sampling.hpp"

namespace gdcheck {
namespace {

namespace ls = langevin_sampling;

std::string theorem() { return std::string(ls::name); }

ls::ChainEnds chain_ends(const GibbsCase& c, const LangevinOptions<double>& options, std::uint64_t seed,
                         long chains = kGibbsChains) {
  return ls::chain_ends(c.well, c.temperature, options, seed, chains);
}

// MALA from exact samples of pi^eps stays at pi^eps, at a small and a large
// step (the case: properties/langevin_cases.hpp).
TEST(LangevinSamplesGibbs_Statistical, MalaStartedFromTheGibbsLawStaysAtIt) {
  check_property({"langevin/mala-keeps-gibbs", theorem(), PropertyKind::statistical, kGibbsCases},
                 [] { mala_keeps_gibbs_case(library_langevin()); });
}

// The wrong temperature, near the test's threshold (issue 22, item 6):
// chains of MALA at temperature eps (1 + x), started from exact samples of
// its own invariant law pi^{eps (1 + x)}, so their end points are exactly
// that law, with x twice the detectable error; judged against pi^eps. A
// test twice too lenient, or one that lost its power, misses it.
TEST(LangevinSamplesGibbs_NeedsHypothesis, TemperatureOffNearTheThresholdIsRejected) {
  check_property({"langevin/temperature-near-threshold", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const GibbsCase c = *gibbs_cases();
    const std::uint64_t seed = *gen::seed();
    const double error = 2 * detectable_temperature_error(c, dkw_threshold(kGibbsChains, kGibbsLevel));
    const double hotter = c.temperature * (1 + error);
    const KsReading ks = ks_against_gibbs(
        c, ls::chain_ends(c.well, hotter, gibbs_sampler_options(c, 0.2, true, hotter), seed, kGibbsChains).sorted);
    if (ks.distance > ks.threshold) {
      RC_FAIL("MALA at temperature eps (1 + " + describe_value(error) + "): KS distance " + describe_value(ks.distance) +
              " > " + describe_value(ks.threshold) + "; " + describe(c));
    }
  });
}

// Drops the Metropolis adjustment: ULA with a large step (alpha = 1.5/sup|h''|)
// is biased away from pi^eps, and the test sees it.
TEST(LangevinSamplesGibbs_NeedsHypothesis, UnadjustedChainWithALargeStepIsRejected) {
  check_property({"langevin/unadjusted-large-step", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const GibbsCase c = *gibbs_cases();
    const std::uint64_t seed = *gen::seed();
    const KsReading ks =
        ks_against_gibbs(c, chain_ends(c, gibbs_sampler_options(c, 1.5, false, c.temperature), seed).sorted);
    if (ks.distance > ks.threshold) {
      RC_FAIL("ULA with alpha = 1.5/sup|h''|: KS distance " + describe_value(ks.distance) + " > " +
              describe_value(ks.threshold) + "; " + describe(c));
    }
  });
}

// ULA's bias shrinks linearly with the step: 40 000 chains from exact
// samples of pi^eps on a single (convex) well run ULA for a time 20/sup|h''|
// (long against its relaxation time 1/c), and E[y^2] over them is compared
// with its exact value by quadrature, for alpha = (0.4, 0.2, 0.1, 0.05)/sup|h''|
// (for a Gaussian target the stationary variance is off by the factor
// 1/(1 - alpha c/2): linear in alpha to first order). The fit
// bias = a + b alpha must show a slope above 5 standard errors (the bias is
// the step's) and an intercept within 5 of its own standard errors of 0 (the
// bias vanishes with the step; for least squares the intercept's standard
// error is the slope's times sqrt(mean alpha^2)); the table of bias by step
// is in the results line. Standard errors come from the fit's residuals
// (4 points), so the 5 is a wide margin, not a confidence level.
TEST(LangevinSamplesGibbs_Experiment, UnadjustedBiasShrinksLinearlyWithTheStep) {
  check_property({"langevin/unadjusted-bias-linear-in-step", theorem(), PropertyKind::experiment, 1}, [] {
    const GibbsCase c{WellPieceSpec{1, 0.5, 0.25}, 1.0};
    const double exact = ls::gibbs_expectation(c.well, c.temperature, [](double y) { return y * y; });
    const double curvature = WellPiece<double>(c.well).curvature_bound();
    const std::vector<double> fractions = {0.4, 0.2, 0.1, 0.05};  // alpha L
    const auto options_for = [&](double fraction) {
      LangevinOptions<double> options = gibbs_sampler_options(c, fraction, false, c.temperature);
      options.max_iterations = static_cast<long>(std::ceil(20 / fraction));
      return options;
    };
    constexpr long kChains = 40000;
    // The cells: each step's chains, as {chains, sum of y^2 in fixed point},
    // so that shards' sums add exactly (cell_tallies.hpp: the mean is within
    // 7.3e-12 of the doubles' mean, against biases of order 1e-2).
    const auto cells = experiment_cells(static_cast<long>(fractions.size()), [&](long cell) {
      const ls::ChainEnds ends = ls::chain_ends(c.well, c.temperature, options_for(fractions[cell]), 20261129,
                                                shard_range(kChains));
      CellTally tally{{static_cast<std::int64_t>(ends.sorted.size()), 0}, ends.digest};
      for (const double y : ends.sorted) tally.counts[1] = add_counts(tally.counts[1], fixed_point(y * y));
      return tally;
    }, CellSplit::runs_of(kChains));
    if (!cells) return;  // a shard: merge_shards assembles the fit from every shard's cells
    std::vector<double> steps, biases;
    std::uint64_t digest = 0;  // of every step's chains
    std::ostringstream table;
    table << "| alpha L | alpha | E[y^2] - exact |\n|---:|---:|---:|\n";
    for (std::size_t k = 0; k < fractions.size(); ++k) {
      const CellTally& cell = (*cells)[k];
      digest += cell.digest;
      steps.push_back(options_for(fractions[k]).step);
      biases.push_back(from_fixed_point(cell.counts[1]) / static_cast<double>(cell.counts[0]) - exact);
      table << "| " << fractions[k] << " | " << steps.back() << " | " << biases.back() << " |\n";
    }
    const LinearFit fit = fit_line(steps, biases);
    double mean_square_step = 0;
    for (const double step : steps) mean_square_step += step * step / static_cast<double>(steps.size());
    const double intercept_standard_error = fit.slope_standard_error * std::sqrt(mean_square_step);
    table << "| fit | slope " << fit.slope << " (se " << fit.slope_standard_error << ") | intercept " << fit.intercept
          << " |\n| exact | E[y^2] = " << exact << " | L = sup h'' = " << curvature << " |\n";
    std::cout << table.str();
    property_log().field("bias_by_step", table.str());
    property_log().field("digest", digest_text(digest));
    char fit_name[64];
    std::snprintf(fit_name, sizeof fit_name, "fit: slope %.4g, intercept %.2g", fit.slope, fit.intercept);
    Figure figure{"ULA's bias in E[y^2] against the step, with the linear fit", "alpha", "E[y^2] - exact", false, false,
                  {{"measured (" + std::to_string(kChains) + " chains per step)", "points", {}, 1}, {fit_name, "lines", {}, 1}}};
    for (std::size_t i = 0; i < steps.size(); ++i) figure.series[0].points.push_back({steps[i], biases[i]});
    for (const double step : {0.0, steps.front()}) figure.series[1].points.push_back({step, fit.intercept + fit.slope * step});
    log_figure(figure);
    RC_ASSERT(std::abs(fit.slope) > 5 * fit.slope_standard_error);
    RC_ASSERT(std::abs(fit.intercept) < 5 * intercept_standard_error);
  });
}

}  // namespace
}  // namespace gdcheck

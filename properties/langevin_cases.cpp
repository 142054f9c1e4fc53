#include "properties/case_readings.hpp"
#include "properties/langevin_cases.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "lib/objectives/quadratic.hpp"
#include "lib/run_digest.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/library_implementation.hpp"
#include "properties/noisy_gd_cases.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "properties/shard.hpp"
#include "theorems/detectable_effect.hpp"
#include "theorems/kolmogorov_smirnov.hpp"
#include "theorems/langevin_sampling.hpp"

namespace gdcheck {

namespace ls = langevin_sampling;

LangevinImplementation library_langevin() { return library_implementation(LibraryLangevin{}); }

rc::Gen<GibbsCase> gibbs_cases() {
  return rc::gen::map(rc::gen::tuple(gen::log_uniform(0.5, 2), gen::uniform(0.5, 2), gen::uniform(-1, 1),
                                     gen::log_uniform(0.5, 2)),
                      [](const auto& t) {
                        const auto [c, r, u, v] = t;
                        const WellPieceSpec well{c, c * (1 + r), u * c * r / 4};
                        return GibbsCase{well, std::sqrt(v * well.depth)};
                      });
}

std::string describe(const GibbsCase& c) {
  std::ostringstream text;
  showValue(c.well, text);
  text << ", eps = " << describe_value(c.temperature);
  return text.str();
}

LangevinOptions<double> gibbs_sampler_options(const GibbsCase& c, double step_fraction, bool adjusted,
                                              double temperature) {
  LangevinOptions<double> options;
  const WellPiece<double> h(c.well);
  options.step = step_fraction / h.curvature_bound();
  options.temperature = temperature;
  options.max_iterations = 200;
  options.metropolis_adjusted = adjusted;
  return options;
}

ls::ChainEnds gibbs_chain_ends(const GibbsCase& c, double temperature, const LangevinOptions<double>& options,
                               std::uint64_t seed, std::pair<long, long> chains,
                               const LangevinImplementation& sampler) {
  return ls::chain_ends(c.well, temperature, options, seed, chains,
                        [&sampler](const AnyObjective<double>& f, const Vector<double>& start,
                                   const LangevinOptions<double>& chain) {
                          return sampler(f, start, chain, {}).result.x(0);
                        });
}

KsReading ks_against_gibbs(const GibbsCase& c, const std::vector<double>& sorted) {
  const double distance = ks_distance(sorted, ls::gibbs_cdf(c.well, c.temperature, sorted));
  return {distance, dkw_threshold(static_cast<long>(sorted.size()), kGibbsLevel)};
}

double detectable_temperature_error(const GibbsCase& c, double threshold) {
  return log_detectable_effect("end points against pi^eps", "chains at temperature eps (1 + x) for eps", kGibbsChains,
                               threshold, [&c](double x) {
                                 return ls::gibbs_temperature_distance(c.well, c.temperature, c.temperature * (1 + x));
                               }, 1);
}

void mala_keeps_gibbs_case(const LangevinImplementation& mala) {
  property_log().no_runs_yet();
  const GibbsCase c = *gibbs_cases();
  const std::uint64_t seed = *gen::seed();
  // MALA is exact at any step. Both steps in every case: at the large one a
  // chain without the acceptance correction (ULA) is biased enough for the
  // test to see (UnadjustedChainWithALargeStepIsRejected, the same check and
  // step); at the small one a proposal whose scale disagrees with its
  // correction (eps alpha for eps sqrt(alpha)) is (the gallery).
  property_log().field("false_alarm_per_case", json_number(2 * kGibbsLevel));
  detectable_temperature_error(c, dkw_threshold(kGibbsChains, kGibbsLevel));
  // The cells: the chains at each step, this process's slice of them
  // (GDCHECK_SHARD), their end points as samples for the merged test.
  const double step_fractions[] = {0.2, 1.5};
  const auto cells = experiment_cells(2, [&](long cell) {
    const auto slice = shard_range(kGibbsChains);
    const ls::ChainEnds ends = gibbs_chain_ends(
        c, c.temperature, gibbs_sampler_options(c, step_fractions[cell], true, c.temperature), seed, slice, mala);
    return sample_cell(kGibbsChains, slice.first, ends.sorted, ends.digest);
  }, CellSplit::runs_of(kGibbsChains), seed);
  if (!cells) return;  // a shard: merge_shards tests every shard's chains together
  std::uint64_t digest = 0;  // of both steps' chains (their digests add)
  for (std::size_t cell = 0; cell < 2; ++cell) {
    const double step_fraction = step_fractions[cell];
    std::vector<double> sorted = sample_values((*cells)[cell]);
    std::sort(sorted.begin(), sorted.end());  // each shard's slice came sorted
    digest += (*cells)[cell].digest;
    property_log().field("digest", digest_text(digest));  // the last case's chains
    const KsReading ks = ks_against_gibbs(c, sorted);
    property_log().ratio(ks.distance / ks.threshold);
    if (ks.distance > ks.threshold) {
      RC_FAIL("MALA's end points at alpha = " + describe_value(step_fraction) +
              "/sup|h''| are not pi^eps: KS distance " + describe_value(ks.distance) + " > DKW threshold " +
              describe_value(ks.threshold) + " at level 1e-6 (" + std::to_string(kGibbsChains) + " chains, seed " +
              std::to_string(seed) + "); " + describe(c));
    }
  }
}

LangevinOptions<double> ula_options(double gradient_lipschitz) {
  LangevinOptions<double> options;
  options.step = *gen::uniform(0.01, 1.0) / gradient_lipschitz;
  options.temperature = *gen::log_uniform(1e-2, 10.0);
  options.metropolis_adjusted = false;
  options.max_iterations = kLangevinNoiseSteps;
  options.seed = *gen::seed();
  return options;
}

double detectable_scale_error(long samples, double threshold) {
  return log_detectable_effect("pooled coordinates against N(0, 1)", "noise scale (1 + x) times the stated one",
                               samples, threshold, gaussian_scale_distance, 100);
}

void report_gaussian_law(const noise_law::GaussianReading& reading, const std::string& what,
                         const std::string& setting) {
  property_log().field("false_alarm_per_case", json_number(kNoiseLawLevel));
  property_log().field("digest", digest_text(reading.digest));  // the last case's recovered coordinates
  if (reading.samples > 0) detectable_scale_error(reading.samples, reading.threshold);
  property_log().ratio(reading.distance / reading.threshold);
  if (!reading.holds()) {
    std::ostringstream text;
    text << what << "'s Gaussian increments are not N(0, I): KS distance of the " << reading.samples
         << " recovered coordinates against N(0, 1) " << reading.distance << " > threshold " << reading.threshold
         << " (DKW at level " << kNoiseLawLevel << " plus rounding " << reading.largest_rounding << "/sqrt(2 pi)); "
         << setting;
    RC_FAIL(text.str());
  }
}

noise_law::GaussianReading ula_increments_reading(const ErasedObjective<Quadratic<double>>& f,
                                                  const LangevinOptions<double>& options,
                                                  const LangevinImplementation& ula) {
  return noise_law::check_ula(f, Vector<double>::Zero(f.dimension()), options, kNoiseLawLevel, ula);
}

void ula_gaussian_case(const LangevinImplementation& ula) {
  property_log().no_runs_yet();
  const ErasedObjective<Quadratic<double>> f(std::in_place,
                                             *gen::quadratic({.max_dimension = 12, .allow_negative = false}));
  const LangevinOptions<double> options = ula_options(f.gradient_lipschitz()->value);
  // One run's steps: the case is computed whole, by one shard when sharded (case_readings.hpp).
  const auto reading = case_reading(options.seed, [&] {
    return ula_increments_reading(f, options, ula);
  }, gaussian_reading);
  if (!reading) return;  // a shard: this case's reading is in the line, or another shard's to compute
  std::ostringstream setting;
  setting << "alpha = " << options.step << ", eps = " << options.temperature << ", seed " << options.seed
          << ", d = " << f.dimension();
  report_gaussian_law(*reading, "ULA", setting.str());
}

StochasticGradientLangevinImplementation library_stochastic_gradient_langevin() {
  return library_implementation(LibraryStochasticGradientLangevin{});
}

StochasticGradientLangevinOptions sgld_options(double gradient_lipschitz) {
  StochasticGradientLangevinOptions options;
  options.schedule = *rc::gen::element(LangevinSchedule::constant, LangevinSchedule::gelfand_mitter);
  options.first_time = *gen::integer(16, 1000);
  const double first_step = *gen::uniform(0.01, 1.0) / gradient_lipschitz;
  options.step = options.schedule == LangevinSchedule::constant ? first_step
                                                                : first_step * static_cast<double>(options.first_time);
  options.noise = 0;
  options.max_iterations = kLangevinNoiseSteps;
  options.seed = *gen::seed();
  return options;
}

std::string describe(const StochasticGradientLangevinOptions& options, int dimension) {
  std::ostringstream text;
  text << (options.schedule == LangevinSchedule::constant ? "constant" : "Gelfand-Mitter")
       << " schedule, A = " << options.step << ", B = " << options.noise << ", Q = "
       << options.gradient_noise_second_moment << ", t0 = " << options.first_time << ", seed " << options.seed
       << ", d = " << dimension;
  return text.str();
}

noise_law::GaussianReading sgld_increments_reading(const ErasedObjective<Quadratic<double>>& f,
                                                   const StochasticGradientLangevinOptions& options,
                                                   const StochasticGradientLangevinImplementation& sgld) {
  return noise_law::check_sgld(f, Vector<double>::Zero(f.dimension()), options, kNoiseLawLevel, sgld);
}

noise_law::LawReading sgld_oracle_reading(const ErasedObjective<Quadratic<double>>& f,
                                          const StochasticGradientLangevinOptions& options, const Vector<double>& unit,
                                          const StochasticGradientLangevinImplementation& sgld) {
  return noise_law::check_sgld_oracle(f, Vector<double>::Zero(f.dimension()), options, unit, kNoiseLawLevel, sgld);
}

void sgld_gaussian_case(const StochasticGradientLangevinImplementation& sgld) {
  property_log().no_runs_yet();
  const ErasedObjective<Quadratic<double>> f(std::in_place,
                                             *gen::quadratic({.max_dimension = 12, .allow_negative = false}));
  StochasticGradientLangevinOptions options = sgld_options(f.gradient_lipschitz()->value);
  options.noise = *gen::log_uniform(1e-3, 10.0);
  const auto reading = case_reading(options.seed, [&] {
    return sgld_increments_reading(f, options, sgld);
  }, gaussian_reading);
  if (!reading) return;  // a shard: this case's reading is in the line, or another shard's to compute
  report_gaussian_law(*reading, "SGLD", describe(options, f.dimension()));
}

}  // namespace gdcheck

// Properties of the noise the optimizers inject (theorems/noise_law.hpp),
// recovered from their own iterates.
#include <sstream>
#include <string>

#include "lib/objectives/quadratic.hpp"
#include "lib/random.hpp"
#include "properties/case_readings.hpp"
#include "properties/generators.hpp"
#include "properties/langevin_cases.hpp"
#include "properties/objective_generators.hpp"
#include "properties/noisy_gd_cases.hpp"
#include "properties/pgd_cases.hpp"
#include "properties/property.hpp"
#include "theorems/detectable_effect.hpp"
#include "theorems/noise_law.hpp"

namespace gdcheck {
namespace {

// Per case, each KS claim fails a correct optimizer with probability at most
// kLevel (DKW); the norm claims never do.
constexpr double kLevel = kNoiseLawLevel;

std::string theorem() { return std::string(noise_law::name); }

// Noisy GD on a convex quadratic (iterates stay at the noise's scale), from
// the minimiser, for kNoisyGdNoiseSteps steps: every step's noise has norm r, and
// the directions are uniform.
TEST(NoiseLaw_Statistical, NoisyGdAddsNoiseUniformOnTheSphereToTheGradient) {
  check_property({"noise-law/noisy-gd-sphere", theorem(), PropertyKind::statistical, 5},
                 [] { noisy_gd_noise_case(library_noisy_gradient_descent()); });
}

// PGD from a point where the gradient is 0 (below any threshold): one
// perturbation per run, kPgdBallRuns runs: every perturbation lies in B(0, r),
// its direction is uniform and (||xi||/r)^d is uniform on (0, 1).
TEST(NoiseLaw_Statistical, PgdPerturbsUniformlyInTheBall) {
  check_property({"noise-law/pgd-ball", theorem(), PropertyKind::statistical, 5},
                 [] { pgd_ball_case(library_perturbed_gradient_descent()); });
}

// ULA on a convex quadratic from its minimiser: every step adds
// eps sqrt(alpha) W_t, W_t ~ N(0, I) (the case: properties/langevin_cases.hpp).
TEST(NoiseLaw_Statistical, UlaAddsGaussianNoiseOfScaleEpsSqrtAlpha) {
  check_property({"noise-law/ula-gaussian", theorem(), PropertyKind::statistical, 5},
                 [] { ula_gaussian_case(library_langevin()); });
}

// SGLD without oracle noise (Q = 0) on a convex quadratic: every step adds
// beta_t W_t, beta_t from theory.md's formula (the case: properties/langevin_cases.hpp).
TEST(NoiseLaw_Statistical, SgldAddsGaussianNoiseOfScaleBetaT) {
  check_property({"noise-law/sgld-gaussian", theorem(), PropertyKind::statistical, 5},
                 [] { sgld_gaussian_case(library_stochastic_gradient_langevin()); });
}

// SGLD's stochastic-gradient noise alone (B = 0, Q > 0): uniform on the
// sphere of radius sqrt(Q), added to the gradient.
TEST(NoiseLaw_Statistical, SgldOracleNoiseIsUniformOnTheSphereOfRadiusSqrtQ) {
  check_property({"noise-law/sgld-oracle-sphere", theorem(), PropertyKind::statistical, 5}, [] {
    const ErasedObjective<Quadratic<double>> f(
        std::in_place, *gen::quadratic({.min_dimension = 2, .max_dimension = 12, .allow_negative = false}));
    StochasticGradientLangevinOptions options = sgld_options(f.gradient_lipschitz()->value);
    options.gradient_noise_second_moment = *gen::log_uniform(1e-6, 100.0);
    const Vector<double> unit = random_unit(f.dimension(), *gen::seed());
    // One run's steps: the case is computed whole, by one shard when sharded (case_readings.hpp).
    const auto reading = case_reading(options.seed, [&] {
      return sgld_oracle_reading(f, options, unit, library_stochastic_gradient_langevin());
    }, law_reading);
    if (!reading) return;  // a shard: this case's reading is in the line, or another shard's to compute
    report_noise_law(*reading, f.dimension(), "SGLD's oracle", describe(options, f.dimension()));
  });
}

// Near-threshold controls (issue 22, item 6): each plants a bug of twice the
// smallest size its test detects with probability kDetectionPower in this
// case (the size that the properties above log as "detectable"), so a test
// whose threshold had grown twice too lenient, or whose statistic had lost
// its power, misses them. Each case then rejects with probability well
// above 0.99; the search needs one.
constexpr double kNearThreshold = 2;

// The library's optimizer run with options other than the ones its check is
// told: a bug of exactly known size, without copying the optimizer.
template <class Implementation, class Change>
Implementation with_changed_options(Implementation library, Change change) {
  return [library, change](const auto& f, const Vector<double>& x0, auto options, const auto& observer) {
    change(options);
    return library(f, x0, options, observer);
  };
}

// Drops "the noise is isotropic": Gaussian directions stretched by 1 + x
// along the test's unit, x twice the detectable stretch; the direction test
// (the same function the noisy-GD, PGD and SGLD-oracle properties use, at
// their sample count) must reject.
TEST(NoiseLaw_NeedsHypothesis, DirectionsStretchedNearTheThresholdFailTheDirectionTest) {
  check_property({"noise-law/direction-stretched-near-threshold", theorem(), PropertyKind::needs_hypothesis, 20, false},
                 [] {
    const int d = static_cast<int>(*gen::integer(2, 12));
    const Vector<double> unit = random_unit(d, *gen::seed());
    const double stretch =
        kNearThreshold *
        detectable_stretch(d, kNoisyGdNoiseSteps, dkw_threshold(kNoisyGdNoiseSteps, kLevel / (d + 1)));
    Rng rng(*gen::seed());
    std::vector<Vector<double>> noises;
    for (long k = 0; k < kNoisyGdNoiseSteps; ++k) {
      Vector<double> v(d);
      for (double& entry : v) entry = rng.normal();
      v += stretch * v.dot(unit) * unit;
      noises.push_back(v);
    }
    const auto [distance, threshold] = noise_law::direction_test(noises, unit, kLevel);
    property_log().ratio(distance / threshold);
    if (distance > threshold) {
      RC_FAIL("directions stretched by 1 + " + describe_value(stretch) + " rejected: KS distance " +
              describe_value(distance) + " > " + describe_value(threshold) + " (d = " + std::to_string(d) + ")");
    }
  });
}

// Drops "uniform in the ball of radius r": PGD drawing from the ball of
// radius r (1 - x), x twice the detectable shrink, is judged against r. Its
// perturbations pass the norm claim (||xi|| <= r); the radial law must reject.
TEST(NoiseLaw_NeedsHypothesis, PgdBallShrunkNearTheThresholdFailsTheRadialLaw) {
  check_property({"noise-law/pgd-ball-shrunk-near-threshold", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const ErasedObjective<Quadratic<double>> f(std::in_place, *gen::quadratic({.min_dimension = 2, .max_dimension = 12}));
    const int d = f.dimension();
    PerturbedGradientDescentOptions<double> options;
    options.constants = {1, 0.5 / f.gradient_lipschitz()->value, *gen::log_uniform(1e-3, 10.0), 1, 1, 1};
    const double shrink = kNearThreshold * detectable_shrink(d, kPgdBallRuns, dkw_threshold(kPgdBallRuns, kLevel));
    const auto shrunk = with_changed_options(library_perturbed_gradient_descent(),
        [shrink](PerturbedGradientDescentOptions<double>& o) { o.constants.radius *= 1 - shrink; });
    const std::uint64_t seed = *gen::seed();
    const auto reading = pgd_ball_reading(f, options, seed, random_unit(d, *gen::seed()), shrunk);
    property_log().ratio(reading.radial_distance / reading.radial_threshold);
    if (!reading.radial_uniform()) {
      RC_FAIL("PGD's ball shrunk by 1 - " + describe_value(shrink) + " rejected: radial KS distance " +
              describe_value(reading.radial_distance) + " > " + describe_value(reading.radial_threshold) +
              " (d = " + std::to_string(d) + ")");
    }
  });
}

// Drops "the noise has scale eps sqrt(alpha)": ULA run at temperature
// eps (1 + x), x twice the detectable scale error, judged against eps.
TEST(NoiseLaw_NeedsHypothesis, UlaScaleOffNearTheThresholdFailsTheGaussianLaw) {
  check_property({"noise-law/ula-scale-near-threshold", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const ErasedObjective<Quadratic<double>> f(std::in_place, *gen::quadratic({.max_dimension = 12, .allow_negative = false}));
    const LangevinOptions<double> options = ula_options(f.gradient_lipschitz()->value);
    const long samples = kLangevinNoiseSteps * f.dimension();
    const double error = kNearThreshold * detectable_scale_error(samples, dkw_threshold(samples, kLevel));
    const auto hotter =
        with_changed_options(library_langevin(), [error](LangevinOptions<double>& o) { o.temperature *= 1 + error; });
    const auto reading = ula_increments_reading(f, options, hotter);
    property_log().ratio(reading.distance / reading.threshold);
    if (!reading.holds()) {
      RC_FAIL("ULA at temperature eps (1 + " + describe_value(error) + ") rejected: KS distance " +
              describe_value(reading.distance) + " > " + describe_value(reading.threshold));
    }
  });
}

// Drops "beta_t = beta" or "beta_t^2 = B/(t log log t)": SGLD run with its
// noise scale (1 + x) times the stated one, x twice the detectable scale
// error (beta (1 + x), or B (1 + x)^2), judged against the stated schedule.
TEST(NoiseLaw_NeedsHypothesis, SgldScaleOffNearTheThresholdFailsTheGaussianLaw) {
  check_property({"noise-law/sgld-scale-near-threshold", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const ErasedObjective<Quadratic<double>> f(std::in_place, *gen::quadratic({.max_dimension = 12, .allow_negative = false}));
    StochasticGradientLangevinOptions options = sgld_options(f.gradient_lipschitz()->value);
    options.noise = *gen::log_uniform(1e-3, 10.0);
    const long samples = kLangevinNoiseSteps * f.dimension();
    const double error = kNearThreshold * detectable_scale_error(samples, dkw_threshold(samples, kLevel));
    const auto louder = with_changed_options(library_stochastic_gradient_langevin(),
        [error](StochasticGradientLangevinOptions& o) {
          o.noise *= o.schedule == LangevinSchedule::constant ? 1 + error : (1 + error) * (1 + error);
        });
    const auto reading = sgld_increments_reading(f, options, louder);
    property_log().ratio(reading.distance / reading.threshold);
    if (!reading.holds()) {
      RC_FAIL("SGLD with noise scale (1 + " + describe_value(error) + ") times beta_t rejected: KS distance " +
              describe_value(reading.distance) + " > " + describe_value(reading.threshold) + "; " +
              describe(options, f.dimension()));
    }
  });
}

}  // namespace
}  // namespace gdcheck

// Properties of the noise the optimizers inject (theorems/noise_law.hpp),
// recovered from their own iterates.
#include <sstream>
#include <string>

#include "lib/objectives/quadratic.hpp"
#include "lib/random.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "theorems/noise_law.hpp"

namespace gdcheck {
namespace {

// Per case, each KS claim fails a correct optimizer with probability at most
// kLevel (DKW); the norm claims never do.
constexpr double kLevel = 1e-6;
constexpr long kNoisySteps = 4000;  // noise samples per noisy-GD case
constexpr long kPgdRuns = 4000;     // perturbations per PGD case
constexpr long kLangevinSteps = 4000;  // steps per ULA or SGLD case (d coordinates each)

std::string theorem() { return std::string(noise_law::name); }

// A uniformly random unit vector of R^d, from a seed.
Vector<double> random_unit(int d, std::uint64_t seed) {
  Rng rng(seed);
  Vector<double> v(d);
  do {
    for (double& entry : v) entry = rng.normal();
  } while (!(v.norm() > 0));
  return v / v.norm();
}

void report(const noise_law::LawReading& reading, const std::string& what, const std::string& setting) {
  property_log().field("false_alarm_per_case", json_number(kLevel * (what == "PGD" ? 2 : 1)));
  property_log().ratio(reading.direction_distance / reading.direction_threshold);
  if (reading.radial_threshold > 0) property_log().ratio(reading.radial_distance / reading.radial_threshold);
  std::ostringstream text;
  if (reading.norm_violation) {
    text << what << "'s noise at sample " << reading.violating_sample << " has the wrong norm: "
         << reading.norm_violation->describe() << " (lhs: " << (what == "PGD" ? "||xi||" : "| ||xi|| - r |")
         << ", rhs: its bound); " << setting;
    RC_FAIL(text.str());
  }
  if (!reading.direction_uniform()) {
    text << what << "'s noise directions are not uniform: KS distance of (xi.e/||xi||)^2 against Beta(1/2, (d-1)/2) "
         << reading.direction_distance << " > DKW threshold " << reading.direction_threshold << " at level " << kLevel
         << "/(d + 1) (e: the random unit and the d axes)"
         << " (" << reading.samples << " samples); " << setting;
    RC_FAIL(text.str());
  }
  if (!reading.radial_uniform()) {
    text << what << "'s perturbation radii do not have the ball's law: KS distance of (||xi||/r)^d against U(0, 1) "
         << reading.radial_distance << " > DKW threshold " << reading.radial_threshold << " at level " << kLevel
         << " (" << reading.samples << " samples); " << setting;
    RC_FAIL(text.str());
  }
}

// Noisy GD on a convex quadratic (iterates stay at the noise's scale), from
// the minimiser, for kNoisySteps steps: every step's noise has norm r, and
// the directions are uniform.
TEST(NoiseLaw_Statistical, NoisyGdAddsNoiseUniformOnTheSphereToTheGradient) {
  check_property({"noise-law/noisy-gd-sphere", theorem(), PropertyKind::statistical, 5}, [] {
    const QuadraticSpec spec = *gen::quadratic({.min_dimension = 2, .max_dimension = 12, .allow_negative = false});
    const Quadratic<double> f(spec);
    NoisyGradientDescentOptions<double> options;
    options.step = *gen::uniform(0.01, 1.0) / f.gradient_lipschitz()->value;
    options.noise_radius = *gen::log_uniform(1e-3, 10.0);
    options.max_iterations = kNoisySteps;
    options.seed = *gen::seed();
    const Vector<double> unit = random_unit(f.dimension(), *gen::seed());
    const auto reading = noise_law::check_noisy_gd(f, Vector<double>::Zero(f.dimension()), options, unit, kLevel);
    std::ostringstream setting;
    setting << "alpha = " << options.step << ", r = " << options.noise_radius << ", seed " << options.seed
            << ", d = " << f.dimension();
    report(reading, "noisy GD", setting.str());
  });
}

// PGD from a point where the gradient is 0 (below any threshold): one
// perturbation per run, kPgdRuns runs: every perturbation lies in B(0, r),
// its direction is uniform and (||xi||/r)^d is uniform on (0, 1).
TEST(NoiseLaw_Statistical, PgdPerturbsUniformlyInTheBall) {
  check_property({"noise-law/pgd-ball", theorem(), PropertyKind::statistical, 5}, [] {
    const QuadraticSpec spec = *gen::quadratic({.min_dimension = 2, .max_dimension = 12});
    const Quadratic<double> f(spec);
    PerturbedGradientDescentOptions<double> options;
    const double lipschitz = f.gradient_lipschitz()->value;
    options.constants = {1, 0.5 / lipschitz, *gen::log_uniform(1e-3, 10.0), 1, 1, 1};
    const std::uint64_t seed = *gen::seed();
    const Vector<double> unit = random_unit(f.dimension(), *gen::seed());
    const auto reading = noise_law::check_pgd_perturbation(f, Vector<double>::Zero(f.dimension()), options, kPgdRuns,
                                                           seed, unit, kLevel);
    std::ostringstream setting;
    setting << "r = " << options.constants.radius << ", seeds " << seed << " + k, d = " << f.dimension();
    report(reading, "PGD", setting.str());
  });
}

void report(const noise_law::GaussianReading& reading, const std::string& what, const std::string& setting) {
  property_log().field("false_alarm_per_case", json_number(kLevel));
  property_log().ratio(reading.distance / reading.threshold);
  if (!reading.holds()) {
    std::ostringstream text;
    text << what << "'s Gaussian increments are not N(0, I): KS distance of the " << reading.samples
         << " recovered coordinates against N(0, 1) " << reading.distance << " > threshold " << reading.threshold
         << " (DKW at level " << kLevel << " plus rounding " << reading.largest_rounding << "/sqrt(2 pi)); " << setting;
    RC_FAIL(text.str());
  }
}

// ULA on a convex quadratic from its minimiser: every step adds
// eps sqrt(alpha) W_t, W_t ~ N(0, I).
TEST(NoiseLaw_Statistical, UlaAddsGaussianNoiseOfScaleEpsSqrtAlpha) {
  check_property({"noise-law/ula-gaussian", theorem(), PropertyKind::statistical, 5}, [] {
    const Quadratic<double> f(*gen::quadratic({.max_dimension = 12, .allow_negative = false}));
    LangevinOptions<double> options;
    options.step = *gen::uniform(0.01, 1.0) / f.gradient_lipschitz()->value;
    options.temperature = *gen::log_uniform(1e-2, 10.0);
    options.metropolis_adjusted = false;
    options.max_iterations = kLangevinSteps;
    options.seed = *gen::seed();
    const auto reading = noise_law::check_ula(f, Vector<double>::Zero(f.dimension()), options, kLevel);
    std::ostringstream setting;
    setting << "alpha = " << options.step << ", eps = " << options.temperature << ", seed " << options.seed
            << ", d = " << f.dimension();
    report(reading, "ULA", setting.str());
  });
}

// SGLD on f with the constant or the Gelfand-Mitter schedule (the clock
// started at t0 in [16, 1000]), alpha_0 L in [0.01, 1], and no noise yet.
StochasticGradientLangevinOptions sgld_options(const Quadratic<double>& f) {
  StochasticGradientLangevinOptions options;
  options.schedule = *rc::gen::element(LangevinSchedule::constant, LangevinSchedule::gelfand_mitter);
  options.first_time = *gen::integer(16, 1000);
  const double first_step = *gen::uniform(0.01, 1.0) / f.gradient_lipschitz()->value;
  options.step = options.schedule == LangevinSchedule::constant ? first_step
                                                                : first_step * static_cast<double>(options.first_time);
  options.noise = 0;
  options.max_iterations = kLangevinSteps;
  options.seed = *gen::seed();
  return options;
}

std::string describe(const StochasticGradientLangevinOptions& options, int d) {
  std::ostringstream text;
  text << (options.schedule == LangevinSchedule::constant ? "constant" : "Gelfand-Mitter")
       << " schedule, A = " << options.step << ", B = " << options.noise << ", Q = "
       << options.gradient_noise_second_moment << ", t0 = " << options.first_time << ", seed " << options.seed
       << ", d = " << d;
  return text.str();
}

// SGLD without oracle noise (Q = 0) on a convex quadratic: every step adds
// beta_t W_t, beta_t from theory.md's formula.
TEST(NoiseLaw_Statistical, SgldAddsGaussianNoiseOfScaleBetaT) {
  check_property({"noise-law/sgld-gaussian", theorem(), PropertyKind::statistical, 5}, [] {
    const Quadratic<double> f(*gen::quadratic({.max_dimension = 12, .allow_negative = false}));
    StochasticGradientLangevinOptions options = sgld_options(f);
    options.noise = *gen::log_uniform(1e-3, 10.0);
    const auto reading = noise_law::check_sgld(f, Vector<double>::Zero(f.dimension()), options, kLevel);
    report(reading, "SGLD", describe(options, f.dimension()));
  });
}

// SGLD's stochastic-gradient noise alone (B = 0, Q > 0): uniform on the
// sphere of radius sqrt(Q), added to the gradient.
TEST(NoiseLaw_Statistical, SgldOracleNoiseIsUniformOnTheSphereOfRadiusSqrtQ) {
  check_property({"noise-law/sgld-oracle-sphere", theorem(), PropertyKind::statistical, 5}, [] {
    const Quadratic<double> f(*gen::quadratic({.min_dimension = 2, .max_dimension = 12, .allow_negative = false}));
    StochasticGradientLangevinOptions options = sgld_options(f);
    options.gradient_noise_second_moment = *gen::log_uniform(1e-6, 100.0);
    const Vector<double> unit = random_unit(f.dimension(), *gen::seed());
    const auto reading = noise_law::check_sgld_oracle(f, Vector<double>::Zero(f.dimension()), options, unit, kLevel);
    report(reading, "SGLD's oracle", describe(options, f.dimension()));
  });
}

// Drops "the noise is isotropic": a Gaussian stretched by 1.5 along the test
// direction has the right norm on average but not uniform directions; the
// direction test (the same function the properties use) must reject it.
TEST(NoiseLaw_NeedsHypothesis, AnisotropicNoiseFailsTheDirectionTest) {
  check_property({"noise-law/anisotropic-noise", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const int d = static_cast<int>(*gen::integer(2, 12));
    const Vector<double> unit = random_unit(d, *gen::seed());
    Rng rng(*gen::seed());
    std::vector<Vector<double>> noises;
    for (long k = 0; k < kNoisySteps; ++k) {
      Vector<double> v(d);
      for (double& entry : v) entry = rng.normal();
      v += 0.5 * v.dot(unit) * unit;  // stretch along `unit` by 1.5
      noises.push_back(v);
    }
    const auto [distance, threshold] = noise_law::direction_test(noises, unit, kLevel);
    property_log().ratio(distance / threshold);
    if (distance > threshold) {
      RC_FAIL("anisotropic noise rejected: KS distance " + describe_value(distance) + " > " + describe_value(threshold) +
              " (d = " + std::to_string(d) + ")");
    }
  });
}

}  // namespace
}  // namespace gdcheck

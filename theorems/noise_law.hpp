// The law of the noise an optimizer actually injects, recovered from its own
// iterates (issue 15): the theorems on noisy GD and PGD assume a specific
// noise (theory.md: noisy GD adds xi_t uniform on the sphere of radius r to
// the gradient, x_{t+1} = x_t - alpha (grad f(x_t) + xi_t); PGD's
// Algorithm 2 (Jin et al. 2017) adds xi uniform in the ball B(0, r) at each
// perturbation), and the samplers of lib/sampling.hpp being right does not
// show that the optimizers draw from the right one, with the right radius, in
// the right place.
//
// Recovered noise. Noisy GD: xi_t = (x_t - alpha g_t - x_{t+1}) / alpha with
// g_t the gradient the run used (the observer's, computed by the same code in
// double), evaluated in 128-bit arithmetic from the doubles. The run's own
// step fl(x_t - fl(alpha fl(g_t + xi_t))) is off from the exact one by at
// most u (2 alpha ||g_t + xi_t|| + ||x_{t+1}||) (1 + 2u) per the standard
// model, and the sampler's xi = v (r / fl(||v||)) has norm r (1 +- gamma_{d+4}).
// PGD: xi = x_perturbed - x_tilde, the stored point before and the first
// iterate after; fl(x_tilde + xi) is off by u ||x_perturbed||.
//
// Claims checked:
//  - norm: noisy GD |  ||xi_t|| - r | <= its rounding bound at every step;
//    PGD ||xi|| <= r + its rounding bound at every perturbation;
//  - direction uniform on the sphere: for a fixed unit e, (xi.e / ||xi||)^2 ~
//    Beta(1/2, (d - 1)/2) (d >= 2), by the Kolmogorov-Smirnov distance against
//    the DKW threshold (theorems/kolmogorov_smirnov.hpp), for e a given unit
//    and each coordinate axis, at level `level` / (d + 1) each;
//  - PGD's radial law: (||xi|| / r)^d ~ Uniform(0, 1), the same test.
// A correct optimizer fails the norm claims never and each KS claim with
// probability at most `level`.
//
// The Langevin samplers' Gaussian noise, the same way: ULA
// (lib/optimizers/langevin.hpp, unadjusted) steps by
//     x_{t+1} = x_t - alpha grad f(x_t) + eps sqrt(alpha) W_t,
// SGLD without oracle noise (Q = 0; theory.md section 7) by
//     x_{t+1} = x_t - alpha_t grad f(x_t) + beta_t W_t,
// alpha_t = A/t, beta_t^2 = B/(t log log t) (or constant), with the schedule
// computed here from theory.md's formulas, not from the options' own alpha()
// and beta(), so that a wrong schedule in the library is seen. Recovered
// W_t = (x_{t+1} - x_t + alpha_t g_t) / scale_t in 128-bit arithmetic; the
// claim is that all d T coordinates are i.i.d. N(0, 1): the KS distance of
// the pooled coordinates against Phi, at the DKW threshold for `level` plus
// the rounding allowance below. MALA's accepted moves are not Gaussian (the
// acceptance depends on W_t): its law is checked through its chains
// (theorems/langevin_sampling.hpp). SGLD's stochastic-gradient noise
// (Q > 0, with B = 0) is judged like noisy GD's: norm sqrt(Q), uniform directions.
#pragma once

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>
#include <cmath>
#include <string>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <boost/math/special_functions/beta.hpp>

#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/optimizers/langevin.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"
#include "lib/run_digest.hpp"
#include "lib/scalar/scalar_types.hpp"
#include "theorems/kolmogorov_smirnov.hpp"
#include "theorems/library_optimizers.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::noise_law {

inline constexpr std::string_view name = "noise-law";

struct LawReading {
  long samples = 0;
  std::optional<Verdict> norm_violation;  // the first sample off the norm claim
  long violating_sample = -1;
  double direction_distance = 0, direction_threshold = 0;  // KS of (xi.e/||xi||)^2
  double radial_distance = 0, radial_threshold = 0;        // KS of (||xi||/r)^d (PGD only)
  std::uint64_t digest = 0;  // of the recovered samples, sample t hashed with its index (lib/run_digest.hpp)
  bool direction_uniform() const { return direction_distance <= direction_threshold; }
  bool radial_uniform() const { return radial_distance <= radial_threshold; }
  bool holds() const { return !norm_violation && direction_uniform() && radial_uniform(); }
};

// Sample `index`'s term of a reading's digest: its entries' bits.
inline std::uint64_t digest_term(std::uint64_t index, const Vector<double>& sample) {
  RunHash hash(index);
  for (const double entry : sample) hash.add(entry);
  return hash.term();
}

// KS distance of samples against a CDF, and the DKW threshold at `level`.
template <class Cdf>
std::pair<double, double> ks_test(std::vector<double> samples, Cdf cdf, double level) {
  std::sort(samples.begin(), samples.end());
  std::vector<double> values(samples.size());
  std::transform(samples.begin(), samples.end(), values.begin(), cdf);
  return {ks_distance(samples, values), dkw_threshold(static_cast<long>(samples.size()), level)};
}

// Throws std::invalid_argument unless `unit` has d >= 2 finite entries and
// norm 1 (to rounding) and 1e-300 <= level < 1: the checks' own parameters.
inline constexpr double kSmallestLevel = 1e-300;

inline void require_unit_and_level(const Vector<double>& unit, int dimension, double level) {
  if (unit.size() != dimension || dimension < 2 || !unit.allFinite() || !(std::abs(unit.norm() - 1) <= 1e-12)) {
    throw std::invalid_argument("noise_law: the direction `unit` must be a unit vector of the objective's dimension d = " +
                                std::to_string(dimension) + " >= 2 (got " + std::to_string(unit.size()) + " entries)");
  }
  if (!(level >= kSmallestLevel && level < 1)) {  // split over d + 1 tests, a smaller one would underflow
    throw std::invalid_argument("noise_law: the false-alarm `level` must be in [1e-300, 1), got " + std::to_string(level));
  }
}

// (xi.e / ||xi||)^2 for a unit e, and the KS test of those against Beta(1/2, (d-1)/2).
inline std::pair<double, double> direction_test_along(const std::vector<Vector<double>>& noises,
                                                      const Vector<double>& unit, double level) {
  const double d = static_cast<double>(unit.size());
  std::vector<double> squared_cosines;
  for (const auto& xi : noises) {
    const double cosine = xi.dot(unit) / xi.norm();
    squared_cosines.push_back(std::min(1.0, cosine * cosine));
  }
  return ks_test(squared_cosines, [d](double y) { return boost::math::ibeta(0.5, (d - 1) / 2, y); }, level);
}

// The direction test along `unit` and along each coordinate axis, each at
// level / (d + 1) (Bonferroni): the returned pair is the test with the
// largest distance / threshold. The axes are there because a sampler works
// coordinate-wise, so its bugs align with them: a uniform cube point,
// normalised, piles up towards the cube's corners, which the test along an
// axis sees and the one along a random direction hardly does (the gallery's
// NoisyGdWithASphereSamplerFromTheCubeFailsTheDirectionLaw).
inline std::pair<double, double> direction_test(const std::vector<Vector<double>>& noises, const Vector<double>& unit,
                                                double level) {
  require_unit_and_level(unit, static_cast<int>(unit.size()), level);
  const auto d = unit.size();
  const double each = level / static_cast<double>(d + 1);
  std::pair<double, double> worst = direction_test_along(noises, unit, each);
  for (Eigen::Index axis = 0; axis < d; ++axis) {
    const auto along = direction_test_along(noises, Vector<double>::Unit(d, axis), each);
    if (along.first / along.second > worst.first / worst.second) worst = along;
  }
  return worst;
}

// Records each iterate and its gradient.
struct IterateRecorder {
  std::vector<Vector<double>> xs, gs;
  auto observer() {
    return [this](const Iterate<double>& it) {
      xs.push_back(it.x);
      gs.push_back(it.gradient);
    };
  }
};

// Sphere noise added to the gradient, x_{t+1} = x_t - alpha_t (g_t + xi_t),
// recovered from a run's iterates and judged: ||xi_t|| = r at every step,
// directions uniform. `alpha(t)` is step t's alpha.
template <class Alpha>
LawReading sphere_noise(const IterateRecorder& record, Alpha alpha_of, double r, const Vector<double>& unit,
                        double level) {
  const auto& xs = record.xs;
  const auto& gs = record.gs;
  LawReading reading;
  const double u = unit_roundoff<double>();  // relative parts; the underflows are added where the bound is formed
  const int d = static_cast<int>(unit.size());
  std::vector<Vector<double>> noises;
  for (std::size_t t = 0; t + 1 < xs.size(); ++t) {
    const double alpha = alpha_of(static_cast<long>(t));
    Vector<double> xi(d);
    for (int i = 0; i < d; ++i) {
      const Float128 exact = (Float128(xs[t](i)) - Float128(alpha) * Float128(gs[t](i)) - Float128(xs[t + 1](i))) / Float128(alpha);
      xi(i) = static_cast<double>(exact);  // one more rounding: u ||xi||, in the bound below
    }
    const double norm = bound_norm(xi);
    // The run's two products per coordinate (alpha g, alpha xi) may each
    // underflow (rounding_model.hpp): 2 underflow units per coordinate, / alpha.
    const double allowed = rounding_bound<double>(d + 4.0, r) +
                           ((2 * u * (alpha * bound_norm(gs[t] + xi) + bound_norm(xs[t + 1])) + underflow_bound<double>(2, d)) /
                            alpha) * (1 + 4 * u) +
                           2 * u * norm;
    const Verdict v = judge(std::abs(norm - r), allowed, rounding_bound<double>(d + 2.0, norm));
    ++reading.samples;
    if (!v.passes() && !reading.norm_violation) {
      reading.norm_violation = v;
      reading.violating_sample = static_cast<long>(t);
    }
    noises.push_back(xi);
    reading.digest += digest_term(t, xi);
  }
  if (!noises.empty()) std::tie(reading.direction_distance, reading.direction_threshold) = direction_test(noises, unit, level);
  return reading;
}

// Noisy GD's noise over one run of options.max_iterations steps from x0;
// `unit` (d >= 2 entries, norm 1) is the direction of the direction test.
template <Objective F, class Optimizer = LibraryNoisyGradientDescent>
LawReading check_noisy_gd(const F& f, const Vector<double>& x0, const NoisyGradientDescentOptions<double>& options,
                          const Vector<double>& unit, double level, Optimizer&& optimizer = {}) {
  require_unit_and_level(unit, f.dimension(), level);
  IterateRecorder record;
  optimizer(f, x0, options, record.observer());
  const double alpha = options.step;
  return sphere_noise(record, [alpha](long) { return alpha; }, static_cast<double>(options.noise_radius), unit, level);
}

// PGD's perturbation over `runs` runs of one perturbation each (from a point
// where the gradient is below the threshold, PGD perturbs at once; the run
// stops at the first iterate after it), seeds seed + k.
template <Objective F, class Optimizer = LibraryPerturbedGradientDescent>
LawReading check_pgd_perturbation(const F& f, const Vector<double>& x0, PerturbedGradientDescentOptions<double> options,
                                  long runs, std::uint64_t seed, const Vector<double>& unit, double level,
                                  Optimizer&& optimizer = {}) {
  require_unit_and_level(unit, f.dimension(), level);
  LawReading reading;
  // u: the subtraction x - x~ (a sum: no underflow term); the draw's own roundings are a rounding_bound below.
  const double u = unit_roundoff<double>(), r = options.constants.radius;
  const int d = f.dimension();
  std::vector<Vector<double>> noises;
  std::vector<double> radial;
  options.max_iterations = 0;
  for (long k = 0; k < runs; ++k) {
    options.seed = seed + static_cast<std::uint64_t>(k);
    Vector<double> perturbed;
    const auto result = optimizer(f, x0, options, [&](const Iterate<double>& it) { perturbed = it.x; });
    if (result.episodes.empty() || perturbed.size() == 0) continue;  // no perturbation: nothing to read
    const Vector<double> xi = perturbed - result.episodes.front().x_tilde;  // exact (Sterbenz) or off by u|x|
    const double norm = bound_norm(xi);
    // The ball draw's d + 6 roundings per coordinate, underflows included (rounding_model.hpp).
    const double allowed = r + rounding_bound<double>(d + 6.0, r, d) + 2 * u * bound_norm(perturbed);
    const Verdict v = judge(norm, allowed, rounding_bound<double>(d + 2.0, norm));
    ++reading.samples;
    if (!v.passes() && !reading.norm_violation) {
      reading.norm_violation = v;
      reading.violating_sample = k;
    }
    noises.push_back(xi);
    reading.digest += digest_term(static_cast<std::uint64_t>(k), xi);
    radial.push_back(std::min(1.0, std::pow(norm / r, d)));
  }
  if (!noises.empty()) {
    std::tie(reading.direction_distance, reading.direction_threshold) = direction_test(noises, unit, level);
    std::tie(reading.radial_distance, reading.radial_threshold) =
        ks_test(radial, [](double y) { return std::clamp(y, 0.0, 1.0); }, level);
  }
  return reading;
}

struct GaussianReading {
  long samples = 0;  // coordinates pooled: d per step
  double distance = 0, threshold = 0;
  double largest_rounding = 0;  // the allowance's delta (see gaussian_increments)
  std::uint64_t digest = 0;     // of the recovered coordinates, each hashed with its index (lib/run_digest.hpp)
  bool holds() const { return distance <= threshold; }
};

// W_t's coordinates from a run's iterates and gradients, with drift alpha_t
// = drift(t) and scale s_t = scale(t), tested against N(0, 1). Rounding: the
// run computed fl(fl(x - fl(alpha g)) + fl(s w)) per coordinate (s itself one
// or two roundings from its formula), so each recovered coordinate is off from
// the drawn w by at most delta = gamma_4 (|x_t| + alpha |g| + |x_{t+1}|) / s +
// gamma_4 |W|; moving every sample by at most delta moves the KS distance by
// at most delta sup phi = delta / sqrt(2 pi), which the threshold adds.
template <class Drift, class Scale>
GaussianReading gaussian_increments(const std::vector<Vector<double>>& xs, const std::vector<Vector<double>>& gs,
                                    Drift drift, Scale scale, double level) {
  GaussianReading reading;
  std::vector<double> coordinates;
  const double gamma = rounding_gamma<double>(4.0);  // relative part; underflows added per coordinate
  for (std::size_t t = 0; t + 1 < xs.size(); ++t) {
    const double alpha = drift(static_cast<long>(t)), s = scale(static_cast<long>(t));
    for (Eigen::Index i = 0; i < xs[t].size(); ++i) {
      const double w = static_cast<double>(
          (Float128(xs[t + 1](i)) - Float128(xs[t](i)) + Float128(alpha) * Float128(gs[t](i))) / Float128(s));
      // (+ the run's two products' underflows, and the recovery's: rounding_model.hpp)
      const double delta = (gamma * (std::abs(xs[t](i)) + alpha * std::abs(gs[t](i)) + std::abs(xs[t + 1](i))) +
                            underflow_bound<double>(4)) / s +
                           rounding_bound<double>(4, std::abs(w));
      reading.largest_rounding = std::max(reading.largest_rounding, delta);
      reading.digest += RunHash(coordinates.size()).add(w).term();
      coordinates.push_back(w);
    }
  }
  reading.samples = static_cast<long>(coordinates.size());
  if (coordinates.empty()) return reading;
  const double inverse_sqrt_two_pi = 0.3989422804014327;
  double dkw;
  std::tie(reading.distance, dkw) =
      ks_test(coordinates, [](double y) { return 0.5 * std::erfc(-y / std::sqrt(2.0)); }, level);
  reading.threshold = dkw + reading.largest_rounding * inverse_sqrt_two_pi;
  return reading;
}

// ULA's Gaussian increments over one run (options.metropolis_adjusted must
// be false: MALA's moves are not Gaussian).
template <Objective F, class Optimizer = LibraryLangevin>
GaussianReading check_ula(const F& f, const Vector<double>& x0, const LangevinOptions<double>& options, double level,
                          Optimizer&& optimizer = {}) {
  if (options.metropolis_adjusted) {
    throw std::invalid_argument("noise_law::check_ula: LangevinOptions.metropolis_adjusted must be false (ULA)");
  }
  IterateRecorder record;
  optimizer(f, x0, options, record.observer());
  const double alpha = options.step, scale = options.temperature * std::sqrt(options.step);
  return gaussian_increments(record.xs, record.gs, [&](long) { return alpha; }, [&](long) { return scale; }, level);
}

// theory.md section 7's schedule at step k of a run (t = first_time + k).
inline std::pair<double, double> sgld_schedule(const StochasticGradientLangevinOptions& options, long k) {
  if (options.schedule == LangevinSchedule::constant) return {options.step, options.noise};
  const double t = static_cast<double>(options.first_time + k);
  return {options.step / t, std::sqrt(options.noise / (t * std::log(std::log(t))))};
}

// SGLD's Gaussian increments over one run (Q = 0, B > 0: the Brownian term alone).
template <Objective F, class Optimizer = LibraryStochasticGradientLangevin>
GaussianReading check_sgld(const F& f, const Vector<double>& x0, const StochasticGradientLangevinOptions& options,
                           double level, Optimizer&& optimizer = {}) {
  if (options.gradient_noise_second_moment != 0 || !(options.noise > 0)) {
    throw std::invalid_argument(
        "noise_law::check_sgld: needs gradient_noise_second_moment = 0 and noise > 0 (the Brownian term alone)");
  }
  IterateRecorder record;
  optimizer(f, x0, options, record.observer());
  return gaussian_increments(record.xs, record.gs, [&](long k) { return sgld_schedule(options, k).first; },
                            [&](long k) { return sgld_schedule(options, k).second; }, level);
}

// SGLD's stochastic-gradient noise (theory.md section 7: zero mean,
// E ||xi_t||^2 = Q; the library draws it uniform on the sphere of radius
// sqrt(Q)) over one run with the Brownian term off (B = 0): then SGLD is
// noisy GD with radius sqrt(Q) and the schedule's alpha_t, judged the same way.
template <Objective F, class Optimizer = LibraryStochasticGradientLangevin>
LawReading check_sgld_oracle(const F& f, const Vector<double>& x0, const StochasticGradientLangevinOptions& options,
                             const Vector<double>& unit, double level, Optimizer&& optimizer = {}) {
  if (options.noise != 0 || !(options.gradient_noise_second_moment > 0)) {
    throw std::invalid_argument(
        "noise_law::check_sgld_oracle: needs noise = 0 and gradient_noise_second_moment > 0 (the oracle's noise alone)");
  }
  require_unit_and_level(unit, f.dimension(), level);
  IterateRecorder record;
  optimizer(f, x0, options, record.observer());
  return sphere_noise(record, [&](long k) { return sgld_schedule(options, k).first; },
                      std::sqrt(options.gradient_noise_second_moment), unit, level);
}

}  // namespace gdcheck::noise_law

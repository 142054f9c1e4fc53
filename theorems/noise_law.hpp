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
//    the DKW threshold at level `level` (theorems/kolmogorov_smirnov.hpp);
//  - PGD's radial law: (||xi|| / r)^d ~ Uniform(0, 1), the same test.
// A correct optimizer fails the norm claims never and each KS claim with
// probability at most `level`.
#pragma once

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <boost/math/special_functions/beta.hpp>

#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
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
  bool direction_uniform() const { return direction_distance <= direction_threshold; }
  bool radial_uniform() const { return radial_distance <= radial_threshold; }
  bool holds() const { return !norm_violation && direction_uniform() && radial_uniform(); }
};

// KS distance of samples against a CDF, and the DKW threshold at `level`.
template <class Cdf>
std::pair<double, double> ks_test(std::vector<double> samples, Cdf cdf, double level) {
  std::sort(samples.begin(), samples.end());
  std::vector<double> values(samples.size());
  std::transform(samples.begin(), samples.end(), values.begin(), cdf);
  return {ks_distance(samples, values), dkw_threshold(static_cast<long>(samples.size()), level)};
}

// (xi.e / ||xi||)^2 for a unit e, and the KS test of those against Beta(1/2, (d-1)/2).
inline std::pair<double, double> direction_test(const std::vector<Vector<double>>& noises, const Vector<double>& unit,
                                                double level) {
  const double d = static_cast<double>(unit.size());
  std::vector<double> squared_cosines;
  for (const auto& xi : noises) {
    const double cosine = xi.dot(unit) / xi.norm();
    squared_cosines.push_back(std::min(1.0, cosine * cosine));
  }
  return ks_test(squared_cosines, [d](double y) { return boost::math::ibeta(0.5, (d - 1) / 2, y); }, level);
}

// Noisy GD's noise over one run of options.max_iterations steps from x0;
// `unit` (d >= 2 entries, norm 1) is the direction of the direction test.
template <Objective F, class Optimizer = LibraryNoisyGradientDescent>
LawReading check_noisy_gd(const F& f, const Vector<double>& x0, const NoisyGradientDescentOptions<double>& options,
                          const Vector<double>& unit, double level, Optimizer&& optimizer = {}) {
  std::vector<Vector<double>> xs, gs;
  optimizer(f, x0, options, [&](const Iterate<double>& it) {
    xs.push_back(it.x);
    gs.push_back(it.gradient);
  });
  LawReading reading;
  const double u = unit_roundoff<double>(), alpha = options.step, r = static_cast<double>(options.noise_radius);
  const int d = f.dimension();
  std::vector<Vector<double>> noises;
  for (std::size_t t = 0; t + 1 < xs.size(); ++t) {
    Vector<double> xi(d);
    for (int i = 0; i < d; ++i) {
      const Float128 exact = (Float128(xs[t](i)) - Float128(alpha) * Float128(gs[t](i)) - Float128(xs[t + 1](i))) / Float128(alpha);
      xi(i) = static_cast<double>(exact);  // one more rounding: u ||xi||, in the bound below
    }
    const double norm = xi.norm();
    const double allowed = rounding_gamma<double>(d + 4.0) * r +
                           (2 * u * (alpha * (gs[t] + xi).norm() + bound_norm(xs[t + 1])) / alpha) * (1 + 4 * u) +
                           2 * u * norm;
    const Verdict v = judge(std::abs(norm - r), allowed, rounding_gamma<double>(d + 2.0) * norm);
    ++reading.samples;
    if (!v.passes() && !reading.norm_violation) {
      reading.norm_violation = v;
      reading.violating_sample = static_cast<long>(t);
    }
    noises.push_back(xi);
  }
  if (!noises.empty()) std::tie(reading.direction_distance, reading.direction_threshold) = direction_test(noises, unit, level);
  return reading;
}

// PGD's perturbation over `runs` runs of one perturbation each (from a point
// where the gradient is below the threshold, PGD perturbs at once; the run
// stops at the first iterate after it), seeds seed + k.
template <Objective F, class Optimizer = LibraryPerturbedGradientDescent>
LawReading check_pgd_perturbation(const F& f, const Vector<double>& x0, PerturbedGradientDescentOptions<double> options,
                                  long runs, std::uint64_t seed, const Vector<double>& unit, double level,
                                  Optimizer&& optimizer = {}) {
  LawReading reading;
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
    const double norm = xi.norm();
    const double allowed = r * (1 + rounding_gamma<double>(d + 6.0)) + 2 * u * bound_norm(perturbed);
    const Verdict v = judge(norm, allowed, rounding_gamma<double>(d + 2.0) * norm);
    ++reading.samples;
    if (!v.passes() && !reading.norm_violation) {
      reading.norm_violation = v;
      reading.violating_sample = k;
    }
    noises.push_back(xi);
    radial.push_back(std::min(1.0, std::pow(norm / r, d)));
  }
  if (!noises.empty()) {
    std::tie(reading.direction_distance, reading.direction_threshold) = direction_test(noises, unit, level);
    std::tie(reading.radial_distance, reading.radial_threshold) =
        ks_test(radial, [](double y) { return std::clamp(y, 0.0, 1.0); }, level);
  }
  return reading;
}

}  // namespace gdcheck::noise_law

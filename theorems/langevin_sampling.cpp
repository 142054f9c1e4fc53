#include "theorems/langevin_sampling.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/quadrature/gauss.hpp>

#include "lib/validate.hpp"

namespace gdcheck::langevin_sampling {
namespace {

struct Envelope {
  double lambda, a, b;
  // h(y) - (a y^2 - b |y|) >= 0
  double excess(const WellPiece<double>& h, double y) const { return h.value(y) - (a * y * y - b * std::abs(y)); }
};

Envelope envelope_of(const WellPieceSpec& well, double temperature) {
  require_positive_finite("temperature", temperature);
  require_positive_finite("WellPieceSpec.curvature", well.curvature);
  require_non_negative("WellPieceSpec.depth", well.depth);
  require_finite("WellPieceSpec.tilt", well.tilt);
  return {2 / (temperature * temperature), well.curvature / 2, well.depth + std::abs(well.tilt)};
}

}  // namespace

double sample_gibbs(const WellPieceSpec& well, double temperature, Rng& rng) {
  const Envelope e = envelope_of(well, temperature);
  const WellPiece<double> h(well);
  const double mean = e.b / (2 * e.a), sd = 1 / std::sqrt(2 * e.lambda * e.a);
  for (long attempt = 0; attempt < 100000000; ++attempt) {
    double z = mean + sd * rng.normal();
    if (z < 0) continue;  // the half-Gaussian on y >= 0 (P(z >= 0) >= 1/2)
    const double y = rng.uniform01() < 0.5 ? -z : z;
    if (rng.uniform01() < std::exp(-e.lambda * e.excess(h, y))) return y;
  }
  throw std::runtime_error("sample_gibbs: acceptance rate below 1e-8; lambda s is too large for rejection sampling");
}

std::vector<double> gibbs_cdf(const WellPieceSpec& well, double temperature, const std::vector<double>& sorted_points) {
  if (!std::is_sorted(sorted_points.begin(), sorted_points.end())) {
    throw std::invalid_argument("gibbs_cdf: points must be sorted");
  }
  const Envelope e = envelope_of(well, temperature);
  const WellPiece<double> h(well);
  // The density relative to h's minimum over the points and the wells (h >= that
  // minimum up to rounding), so the integrand stays <= about 1.
  double floor = INFINITY;
  for (const double root : h.critical_points()) floor = std::min(floor, h.value(root));
  const auto density = [&](double y) { return std::exp(-e.lambda * (h.value(y) - floor)); };
  // Cut-off R: beyond it the envelope's tail, exp(-lambda (a R^2 - b R - floor)) / (lambda (2 a R - b)),
  // is below 1e-18 of the peak.
  double cutoff = e.b / e.a + 1;
  while (std::exp(-e.lambda * (e.a * cutoff * cutoff - e.b * cutoff - floor)) / (e.lambda * (2 * e.a * cutoff - e.b)) > 1e-18) {
    cutoff *= 1.5;
  }
  // Panels of width at most a quarter of the Gibbs law's smallest length
  // scale 1/sqrt(lambda sup|h''|), each integrated by 20-point Gauss-Legendre:
  // on such panels the integrand is analytic and smooth, so the rule's error
  // is far below double's rounding. Points are integrated to from their panel's start.
  using Rule = boost::math::quadrature::gauss<double, 20>;
  const double width = std::min(0.05, 0.25 / std::sqrt(e.lambda * h.curvature_bound()));
  const long panels = static_cast<long>(std::ceil(2 * cutoff / width));
  const double panel = 2 * cutoff / static_cast<double>(panels);
  std::vector<double> edge_mass(panels + 1, 0.0);  // integral from -cutoff to edge k
  for (long k = 0; k < panels; ++k) {
    const double from = -cutoff + k * panel;
    edge_mass[k + 1] = edge_mass[k] + Rule::integrate(density, from, from + panel);
  }
  std::vector<double> cumulative;
  cumulative.reserve(sorted_points.size());
  for (const double y : sorted_points) {
    const double clamped = std::clamp(y, -cutoff, cutoff);
    const long k = std::min(panels - 1, static_cast<long>((clamped + cutoff) / panel));
    const double from = -cutoff + k * panel;
    cumulative.push_back(edge_mass[k] + (clamped > from ? Rule::integrate(density, from, clamped) : 0.0));
  }
  const double total = edge_mass[panels];
  for (double& value : cumulative) value /= total;
  return cumulative;
}

}  // namespace gdcheck::langevin_sampling

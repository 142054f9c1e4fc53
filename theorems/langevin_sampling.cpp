#include "theorems/langevin_sampling.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <boost/math/quadrature/gauss.hpp>

#include "lib/parallel_map.hpp"
#include "lib/run_digest.hpp"
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
  const auto [a, b] = WellPiece<double>(well).minorant();
  return {2 / (temperature * temperature), a, b};
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

namespace {

// The unnormalised density exp(-lambda (h - floor)) (floor: h's lowest
// critical value, so it stays <= about 1) on [-cutoff, cutoff], beyond which
// the envelope's tail exp(-lambda (a R^2 - b R - floor)) / (lambda (2 a R - b))
// is below 1e-18 of the peak, cut into panels of at most a quarter of the
// law's smallest length scale 1/sqrt(lambda sup|h''|), each integrated by
// 20-point Gauss-Legendre: on such panels the integrand is analytic and
// smooth, so the rule's error is far below double's rounding.
class GibbsQuadrature {
 public:
  using Rule = boost::math::quadrature::gauss<double, 20>;

  GibbsQuadrature(const WellPieceSpec& well, double temperature)
      : e_(envelope_of(well, temperature)), h_(well) {
    floor_ = INFINITY;
    for (const double root : h_.critical_points()) floor_ = std::min(floor_, h_.value(root));
    cutoff_ = e_.b / e_.a + 1;
    while (std::exp(-e_.lambda * (e_.a * cutoff_ * cutoff_ - e_.b * cutoff_ - floor_)) /
               (e_.lambda * (2 * e_.a * cutoff_ - e_.b)) > 1e-18) {
      cutoff_ *= 1.5;
    }
    const double width = std::min(0.05, 0.25 / std::sqrt(e_.lambda * h_.curvature_bound()));
    panels_ = static_cast<long>(std::ceil(2 * cutoff_ / width));
    panel_ = 2 * cutoff_ / static_cast<double>(panels_);
  }

  double density(double y) const { return std::exp(-e_.lambda * (h_.value(y) - floor_)); }
  double cutoff() const { return cutoff_; }
  long panels() const { return panels_; }
  double panel_start(long k) const { return -cutoff_ + static_cast<double>(k) * panel_; }
  long panel_of(double y) const {
    return std::min(panels_ - 1, static_cast<long>((std::clamp(y, -cutoff_, cutoff_) + cutoff_) / panel_));
  }
  // int_from^to g(y) density(y) dy, within one panel.
  template <class G>
  double integrate(const G& g, double from, double to) const {
    return from < to ? Rule::integrate([&](double y) { return g(y) * density(y); }, from, to) : 0.0;
  }
  template <class G>
  double integrate_panel(const G& g, long k) const {
    return integrate(g, panel_start(k), panel_start(k) + panel_);
  }

 private:
  Envelope e_;
  WellPiece<double> h_;
  double floor_, cutoff_, panel_;
  long panels_;
};

const auto kOne = [](double) { return 1.0; };

}  // namespace

std::vector<double> gibbs_cdf(const WellPieceSpec& well, double temperature, const std::vector<double>& sorted_points) {
  if (!std::is_sorted(sorted_points.begin(), sorted_points.end())) {
    throw std::invalid_argument("gibbs_cdf: points must be sorted");
  }
  const GibbsQuadrature q(well, temperature);
  std::vector<double> edge_mass(q.panels() + 1, 0.0);  // integral from -cutoff to edge k
  for (long k = 0; k < q.panels(); ++k) edge_mass[k + 1] = edge_mass[k] + q.integrate_panel(kOne, k);
  std::vector<double> cumulative;
  cumulative.reserve(sorted_points.size());
  for (const double y : sorted_points) {
    const long k = q.panel_of(y);
    const double to = std::clamp(y, -q.cutoff(), q.cutoff());
    cumulative.push_back(edge_mass[k] + q.integrate(kOne, q.panel_start(k), to));
  }
  const double total = edge_mass[q.panels()];
  for (double& value : cumulative) value /= total;
  return cumulative;
}

double gibbs_expectation(const WellPieceSpec& well, double temperature, const std::function<double(double)>& g) {
  const GibbsQuadrature q(well, temperature);
  double weighted = 0, total = 0;
  for (long k = 0; k < q.panels(); ++k) {
    weighted += q.integrate_panel(g, k);
    total += q.integrate_panel(kOne, k);
  }
  return weighted / total;
}

}  // namespace gdcheck::langevin_sampling

namespace gdcheck::langevin_sampling {

double gibbs_temperature_distance(const WellPieceSpec& well, double temperature, double other_temperature) {
  constexpr long kPointsPerLaw = 2000;
  Rng rng(1);  // a fixed grid: the distance is a function of its arguments
  std::vector<double> points;
  for (const double t : {temperature, other_temperature}) {
    for (long i = 0; i < kPointsPerLaw; ++i) points.push_back(sample_gibbs(well, t, rng));
  }
  std::sort(points.begin(), points.end());
  const std::vector<double> claimed = gibbs_cdf(well, temperature, points), other = gibbs_cdf(well, other_temperature, points);
  double distance = 0;
  for (std::size_t i = 0; i < points.size(); ++i) distance = std::max(distance, std::abs(claimed[i] - other[i]));
  return distance;
}

ChainEnds chain_ends(const WellPieceSpec& well, double temperature, const LangevinOptions<double>& options,
                     std::uint64_t seed, long chains, const ChainEnd& chain_end) {
  return chain_ends(well, temperature, options, seed, std::pair<long, long>{0, chains}, chain_end);
}

ChainEnds chain_ends(const WellPieceSpec& well, double temperature, const LangevinOptions<double>& options,
                     std::uint64_t seed, std::pair<long, long> chains, const ChainEnd& chain_end) {
  const ChainEnd& run = chain_end ? chain_end : chain_end_of(LibraryLangevin{});
  // Erased: the same arithmetic as the family's, behind a virtual call.
  const ErasedObjective<SeparableWells<double>> f(std::in_place, as_objective(well));
  f.lower_bound();  // the roots are solved before the threads share f
  const auto [first, last] = chains;
  const auto runs = parallel_map(static_cast<std::size_t>(last - first), [&, first = first](std::size_t j) {
    const std::uint64_t i = static_cast<std::uint64_t>(first) + j;
    Rng rng(seed + 7919 * i);
    const Vector<double> start = Vector<double>::Constant(1, sample_gibbs(well, temperature, rng));
    LangevinOptions<double> chain = options;
    chain.seed = rng.derive_seed();
    return std::pair<double, double>{start(0), run(f, start, chain)};
  });
  ChainEnds ends;
  for (std::size_t j = 0; j < runs.size(); ++j) {
    ends.sorted.push_back(runs[j].second);
    ends.digest += RunHash(static_cast<std::uint64_t>(first) + j).add(runs[j].first).add(runs[j].second).term();
  }
  std::sort(ends.sorted.begin(), ends.sorted.end());
  return ends;
}

}  // namespace gdcheck::langevin_sampling

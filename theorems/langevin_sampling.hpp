// Langevin sampling at a fixed temperature: MALA leaves the Gibbs law
// pi^eps ~ exp(-2 h/eps^2) exactly invariant (lib/optimizers/langevin.hpp).
//
// Source: theory.md section 7 ("at a fixed temperature the Langevin chain
// samples approximately from a Gibbs density: a checkable distributional
// property"); Roberts & Tweedie, Bernoulli 2 (1996) for MALA.
//
// The check needs independent samples of pi^eps itself: chains started from
// exact samples of pi^eps (rejection sampling below) stay exactly
// pi^eps-distributed after any number of MALA steps, so n independent chains
// (one seed each) give n independent samples of pi^eps, and the
// Kolmogorov-Smirnov test against its exact CDF has the false-alarm
// probability the DKW bound states: no burn-in or thinning assumption. The
// unadjusted chain (ULA) does not preserve pi^eps: after many steps its law
// is pi^eps up to an O(alpha) bias.
//
// Here on 1-D double wells h(y) = c y^2/2 - s log cosh y + t y.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/objectives/any_objective.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/well_piece.hpp"
#include "lib/random.hpp"
#include "theorems/library_optimizers.hpp"

namespace gdcheck::langevin_sampling {

inline constexpr std::string_view name = "langevin-samples-gibbs";
inline constexpr std::string_view statement =
    "MALA with target exp(-2 h/eps^2) leaves it invariant: chains started from it stay distributed by it";

// One exact sample of pi^eps for the well, by rejection: h(y) >= a y^2 - b |y|
// (WellPiece::minorant: a = c/2, b = s + |t|), so the
// envelope exp(-lambda (a y^2 - b |y|)) is a symmetric pair of Gaussians
// N(+-b/(2a), 1/(2 lambda a)) cut at 0, and y is accepted with probability
// exp(-lambda (h(y) - a y^2 + b |y|)) <= 1. The acceptance rate is at least
// exp(-lambda (s log 2 + 2 |t| y_max)) for the relevant y: keep lambda s moderate.
double sample_gibbs(const WellPieceSpec& well, double temperature, Rng& rng);

// F(y_i) = pi^eps((-inf, y_i]) at ascending points, by 20-point
// Gauss-Legendre (Boost.Math, double) on panels of a quarter of the law's
// smallest length scale, out to cut-offs with tail mass below 1e-18 (the
// same tangent-line bound as the sampler's envelope). The quadrature error
// (not bounded rigorously; near double's rounding for these analytic
// integrands) is far below any KS threshold used.
std::vector<double> gibbs_cdf(const WellPieceSpec& well, double temperature, const std::vector<double>& sorted_points);

// sup_y |F(y) - G(y)| for F, G the CDFs of pi^eps at `temperature` and at
// `other_temperature`: the Kolmogorov-Smirnov view of a sampler at the wrong
// temperature (theorems/detectable_effect.hpp). The sup is taken over a
// fixed grid (4000 exact samples of the two laws from seed 1), so the value
// is a lower bound of it.
double gibbs_temperature_distance(const WellPieceSpec& well, double temperature, double other_temperature);

// E g(Y) for Y ~ pi^eps, by the same quadrature (g of moderate growth).
double gibbs_expectation(const WellPieceSpec& well, double temperature, const std::function<double(double)>& g);

// The well as a 1-D objective.
inline SeparableWells<double> as_objective(const WellPieceSpec& well) {
  const PieceShape shape = well.depth > well.curvature ? PieceShape::double_well : PieceShape::convex;
  return SeparableWells<double>(SeparableWellsSpec{{well}, {shape}, RotationSpec{1, 0, 0}});
}

// One chain of a sampler: its end point from `start` with `options` (the
// chain's own seed set). Over AnyObjective, so that chain_ends is compiled
// once and runs any sampler: the library's, a gallery variant, a user's.
using ChainEnd = std::function<double(const AnyObjective<double>& f, const Vector<double>& start,
                                      const LangevinOptions<double>& options)>;

// A sampler with the library's call signature (LibraryLangevin, a variant) as a ChainEnd.
template <class Sampler>
ChainEnd chain_end_of(Sampler sampler) {
  return [sampler](const AnyObjective<double>& f, const Vector<double>& start, const LangevinOptions<double>& options) {
    return sampler(f, start, options, NoObserver{}).result.x(0);
  };
}

struct ChainEnds {
  std::vector<double> sorted;  // the chains' end points, sorted: what the KS test against gibbs_cdf reads
  std::uint64_t digest = 0;    // chain i's start and end hashed with i, summed (lib/run_digest.hpp)
};

// `chains` independent chains, chain i from its own exact sample of pi^eps
// (from seed + 7919 i), run with these options and a seed of its own: their
// end points (a correct MALA's are i.i.d. pi^eps) and the digest of the
// chains, which the sorted ends alone do not give (chains that swapped their
// seeds end at the same sorted points). Without `chain_end`, the library's sampler.
ChainEnds chain_ends(const WellPieceSpec& well, double temperature, const LangevinOptions<double>& options,
                     std::uint64_t seed, long chains, const ChainEnd& chain_end = {});
// Chains first..last-1 of those (chain i as above, digest included): a
// shard's slice (properties/shard.hpp, shard_range).
ChainEnds chain_ends(const WellPieceSpec& well, double temperature, const LangevinOptions<double>& options,
                     std::uint64_t seed, std::pair<long, long> chains, const ChainEnd& chain_end = {});

}  // namespace gdcheck::langevin_sampling

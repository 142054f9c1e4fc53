// Properties of the Gibbs measures pi^eps ~ exp(-2 f/eps^2)
// (theorems/gibbs_measure.hpp): on tilted double wells the mass of the
// global minimum's basin tends to 1, on equal minima it splits by the Laplace
// weights, both at the rate of Laplace's expansion with its O(eps^2) term.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "lib/run_digest.hpp"
#include "lib/validate.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/gibbs_measure.hpp"

namespace gdcheck {
namespace {

namespace gm = gibbs_measure;
using gm::S;

std::string theorem() { return std::string(gm::name); }

constexpr int kDoublings = 6;  // lambda_0 .. 64 lambda_0

// The ratio at grid point k, lambda_0 2^k.
gm::MassRatio ratio_at(const gm::Landscape& f, int k) {
  return gm::mass_ratio(f, gm::asymptotic_lambda(f) * S(1 << k));
}

// The grid is refined up to lambda_0 2^14 until the error's order settles
// (gm::read_error_order: the growth of lambda^2 times the signed error).
gm::ErrorOrderReading error_order(const gm::Landscape& f, int terms) {
  return gm::read_error_order(f, terms, kDoublings, 14);
}

// The two-term expansion's error is O(lambda^-2) = O(eps^4).
void expect_order_two(const gm::Landscape& f, const std::string& instance) {
  const gm::ErrorOrderReading reading = error_order(f, 2);
  property_log().ratio(reading.quadrature_share * 1000);
  const std::string text = reading.describe() + "; " + instance;
  switch (reading.order) {
    case gm::ErrorOrder::two_or_more: return;
    case gm::ErrorOrder::unresolved: RC_FAIL("quadrature not accurate enough: " + text);
    case gm::ErrorOrder::unsettled: RC_FAIL("the error's order did not settle: " + text);
    case gm::ErrorOrder::one: RC_FAIL("the two-term Laplace error has an O(1/lambda) term: " + text);
  }
}

std::string describe(const WellPieceSpec& spec) {
  std::ostringstream text;
  showValue(spec, text);
  return "well " + text.str();
}

// Tilted double wells, 3 critical points: c log-uniform in [0.5, 2],
// s = c (1 + r), r in [0.5, 2]; tilt t = u (s - c) / 4, u in [-1, 1] \ {0}.
rc::Gen<WellPieceSpec> tilted_wells() {
  return rc::gen::map(rc::gen::tuple(gen::log_uniform(0.5, 2), gen::uniform(0.5, 2), gen::uniform(0.05, 1),
                                     rc::gen::element(-1.0, 1.0)),
                      [](const auto& t) {
                        const auto [c, r, u, sign] = t;
                        return WellPieceSpec{c, c * (1 + r), sign * u * c * r / 4};
                      });
}

TEST(GibbsConcentration_HighPrecision, TiltedWellsBasinRatioFollowsLaplaceToOrderEpsSquared) {
  check_property({"gibbs/tilted-wells-laplace-rate", theorem(), PropertyKind::holds, 10}, [] {
    const WellPieceSpec spec = *tilted_wells();
    const gm::Landscape f = gm::tilted_well(spec);
    expect_order_two(f, describe(spec));
    // The finite face of "the mass tends to the global basin": at the finest
    // lambda the non-global basin holds less than at the coarsest.
    const std::vector<gm::MassRatio> ratios = {ratio_at(f, 0), ratio_at(f, kDoublings)};
    const bool left_global = f.left.value < f.right.value;
    const auto local_mass = [&](const gm::MassRatio& r) {
      const S p_left = r.quadrature / (1 + r.quadrature);
      return left_global ? 1 - p_left : p_left;
    };
    RC_ASSERT(local_mass(ratios.back()) < local_mass(ratios.front()));
  });
}

TEST(GibbsConcentration_HighPrecision, EqualMinimaSplitByTheLaplaceWeightsToOrderEpsSquared) {
  check_property({"gibbs/equal-minima-laplace-weights", theorem(), PropertyKind::holds, 10}, [] {
    const double kappa = *gen::log_uniform(0.1, 3);
    expect_order_two(gm::equal_minima_quartic(kappa), "quartic kappa = " + describe_value(kappa));
  });
}

// Drops the O(eps^2) term of the expansion: its error is then O(eps^2), not
// O(eps^4), and some landscape shows it (growth settled at +1, read_order).
TEST(GibbsConcentration_NeedsHypothesis, OneTermLaplaceErrorIsOnlyOrderEpsSquared) {
  check_property({"gibbs/one-term-laplace", theorem(), PropertyKind::needs_hypothesis, 20}, [] {
    const WellPieceSpec spec = *tilted_wells();
    const gm::Landscape f = gm::tilted_well(spec);
    const gm::ErrorOrderReading reading = error_order(f, 1);
    if (reading.order == gm::ErrorOrder::one) {
      RC_FAIL("the one-term Laplace error is O(1/lambda): " + reading.describe() + "; " + describe(spec));
    }
  });
}

// Drops the hypothesis "a unique global minimum": with equal minima the mass
// does not concentrate on one basin; the left basin keeps the share
// w = sqrt(f''(1)/f''(-1)) / (1 + sqrt(f''(1)/f''(-1))) in the limit.
TEST(GibbsConcentration_NeedsHypothesis, EqualMinimaKeepMassInBothBasins) {
  check_property({"gibbs/equal-minima-no-concentration", theorem(), PropertyKind::needs_hypothesis, 20}, [] {
    const double kappa = *gen::log_uniform(0.1, 3);
    const gm::MassRatio finest = ratio_at(gm::equal_minima_quartic(kappa), kDoublings);
    const S ratio = finest.quadrature;
    const double left_share = static_cast<double>(ratio / (1 + ratio));
    if (std::min(left_share, 1 - left_share) > 0.25) {
      RC_FAIL("equal minima, kappa = " + describe_value(kappa) + ": at eps^2 = " +
              describe_value(static_cast<double>(2 / finest.lambda)) + " the left basin holds " +
              describe_value(left_share) + " of the mass, the right " + describe_value(1 - left_share) +
              ": neither basin takes it all");
    }
  });
}

// The table in docs/stochastic.md: the non-global basin's mass against eps for
// one tilted well, and the left basin's share for one equal-minima quartic.
TEST(GibbsConcentration_Experiment, MassOfEachBasinAsEpsDecreases) {
  check_property({"gibbs/mass-table", theorem(), PropertyKind::experiment, 1}, [] {
    const WellPieceSpec well{1, 2, 0.25};
    const gm::Landscape tilted = gm::tilted_well(well);
    const gm::Landscape quartic = gm::equal_minima_quartic(1);
    std::ostringstream table;
    table << "| eps^2 | tilted well: non-global basin mass | Laplace 2 terms | quartic: left share | Laplace 2 terms |\n"
          << "|---:|---:|---:|---:|---:|\n";
    Figure figure{"Gibbs basin masses as eps decreases: quadrature against the Laplace expansion", "eps^2",
                  "mass", true, false,
                  {{"tilted well: non-global basin mass (quadrature)", "points", {}, 1},
                   {"tilted well: Laplace, 2 terms", "lines", {}, 1},
                   {"quartic: left share (quadrature)", "points", {}, 2},
                   {"quartic: Laplace, 2 terms", "lines", {}, 2}}};
    const std::vector<double> temperatures{2.0, 1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125};  // eps^2
    // The cells: each eps^2, whole in one shard: the four masses (doubles' bits).
    const auto cells = experiment_cells(static_cast<long>(temperatures.size()), [&](long index) {
      const S lambda = 2 / S(temperatures[static_cast<std::size_t>(index)]);
      const auto t = gm::mass_ratio(tilted, lambda);
      const auto q = gm::mass_ratio(quartic, lambda);
      // A positive tilt raises the right well: the left one is global, and
      // the right (non-global) basin's mass ratio / (1 + ratio) -> 0 shows the rate.
      const auto non_global = [](const S& ratio) { return static_cast<double>(1 / (1 + ratio)); };
      const auto left = [](const S& ratio) { return static_cast<double>(ratio / (1 + ratio)); };
      return CellTally{{value_bits(non_global(t.quadrature)), value_bits(non_global(t.laplace_two_terms)),
                        value_bits(left(q.quadrature)), value_bits(left(q.laplace_two_terms))}, 0};
    }, CellSplit::whole_cells());
    if (!cells) return;  // a shard: merge_shards assembles the table from every shard's cells
    for (std::size_t index = 0; index < temperatures.size(); ++index) {
      const double eps2 = temperatures[index];
      double mass[4];
      for (int k = 0; k < 4; ++k) mass[k] = from_value_bits((*cells)[index].counts[k]);
      table << std::setprecision(8) << "| " << eps2 << " | " << mass[0] << " | " << mass[1] << " | " << mass[2] << " | "
            << mass[3] << " |\n";
      for (int k = 0; k < 4; ++k) figure.series[k].points.push_back({eps2, mass[k]});
    }
    const S weight = sqrt(quartic.right.second / quartic.left.second);
    table << std::setprecision(8) << "| limit | 0 | | " << static_cast<double>(weight / (1 + weight)) << " | |\n";
    std::cout << table.str();
    property_log().field("table", table.str());
    property_log().field("digest", digest_text(cells_digest(figure)));  // no random draw: its cells
    log_figure(figure);
  });
}

}  // namespace
}  // namespace gdcheck

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

#include "lib/validate.hpp"
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

// lambda_0: ten times the largest of the landscape's own scales 1/f2 and
// |C_i| (the O(1/lambda) coefficients), so the grid starts where Laplace's
// expansion is asymptotic: the O(lambda^-3) part of the two-term error is
// then about a tenth of its O(lambda^-2) part at lambda_0 and 1/640 of it at
// the finest point, far from moving the observed order by 0.5.
S starting_lambda(const gm::Landscape& f) {
  using std::abs;
  S scale = 0;
  for (const gm::Minimum& m : {f.left, f.right}) {
    const S c = gm::laplace_integral(m, S(1), 2) / gm::laplace_integral(m, S(1), 1) - 1;  // C_i
    scale = std::max({scale, 1 / m.second, abs(c)});
  }
  return 10 * scale;
}

// The ratio at grid point k, lambda_0 2^k.
gm::MassRatio ratio_at(const gm::Landscape& f, int k) {
  return gm::mass_ratio(f, starting_lambda(f) * S(1 << k));
}

S relative_error(const S& approximation, const S& exact) {
  using std::abs;
  return abs(approximation / exact - 1);
}

// The observed order of the two-term expansion's error between grid points
// k - 1 and k. lambda_0 makes the O(lambda^-3) part small against the
// O(lambda^-2) part only as far as the landscape's first two coefficients
// tell; where its higher derivatives are large (a steep tanh in the quartic)
// the order still drifts at k = 6. So the grid is refined (k up to 14) until
// two consecutive observed orders agree to 0.1, and the converged order must
// be at least 2 (rounded: >= 1.5): the error is O(eps^4) or smaller. (It is
// smaller where the O(eps^4) coefficient happens to vanish: the quartic near
// kappa = 2.64 shows order 3.) The quadrature must be a thousand times more
// accurate than the error it measures, or the case fails as unresolved.
void expect_order_two(const gm::Landscape& f, const std::string& instance) {
  constexpr int kLastDoubling = 14;
  gm::MassRatio coarse = ratio_at(f, kDoublings - 2), fine = ratio_at(f, kDoublings - 1);
  const auto error_of = [](const gm::MassRatio& r) { return relative_error(r.laplace_two_terms, r.quadrature); };
  double previous_order = gm::observed_order(error_of(coarse), error_of(fine)), order = previous_order;
  int k = kDoublings - 1;
  do {
    coarse = fine;
    fine = ratio_at(f, ++k);
    previous_order = order;
    order = gm::observed_order(error_of(coarse), error_of(fine));
  } while ((k < kDoublings || std::abs(order - previous_order) > 0.1) && k < kLastDoubling);
  const S fine_error = error_of(fine);
  property_log().ratio(static_cast<double>(fine.quadrature_relative_error / fine_error));
  std::ostringstream text;
  text << std::setprecision(6) << "two-term Laplace error " << static_cast<double>(fine_error) << " at lambda = "
       << static_cast<double>(fine.lambda) << " (grid point " << k << "), observed order " << order
       << " (previous " << previous_order << ", expected >= 2); quadrature error "
       << static_cast<double>(fine.quadrature_relative_error) << "; " << instance;
  if (!(fine.quadrature_relative_error * 1000 <= fine_error)) RC_FAIL("quadrature not accurate enough: " + text.str());
  if (std::abs(order - previous_order) > 0.1) RC_FAIL("the observed order did not settle: " + text.str());
  if (std::lround(order) < 2) RC_FAIL(text.str());
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
// O(eps^4), and some landscape shows it (observed order rounding to 1).
TEST(GibbsConcentration_NeedsHypothesis, OneTermLaplaceErrorIsOnlyOrderEpsSquared) {
  check_property({"gibbs/one-term-laplace", theorem(), PropertyKind::needs_hypothesis, 20}, [] {
    const WellPieceSpec spec = *tilted_wells();
    const gm::Landscape f = gm::tilted_well(spec);
    const gm::MassRatio coarse = ratio_at(f, kDoublings - 1);
    const gm::MassRatio fine = ratio_at(f, kDoublings);
    const double order = gm::observed_order(relative_error(coarse.laplace_one_term, coarse.quadrature),
                                            relative_error(fine.laplace_one_term, fine.quadrature));
    if (std::lround(order) < 2) {
      RC_FAIL("one-term Laplace: observed order " + describe_value(order) + ", below 2; " + describe(spec));
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
    for (const double eps2 : {2.0, 1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125}) {
      const S lambda = 2 / S(eps2);
      const auto t = gm::mass_ratio(tilted, lambda);
      const auto q = gm::mass_ratio(quartic, lambda);
      // A positive tilt raises the right well: the left one is global, and
      // the right (non-global) basin's mass ratio / (1 + ratio) -> 0 shows the rate.
      const auto non_global = [](const S& ratio) { return static_cast<double>(1 / (1 + ratio)); };
      const auto left = [](const S& ratio) { return static_cast<double>(ratio / (1 + ratio)); };
      table << std::setprecision(8) << "| " << eps2 << " | " << non_global(t.quadrature) << " | "
            << non_global(t.laplace_two_terms) << " | " << left(q.quadrature) << " | " << left(q.laplace_two_terms)
            << " |\n";
    }
    const S weight = sqrt(quartic.right.second / quartic.left.second);
    table << std::setprecision(8) << "| limit | 0 | | " << static_cast<double>(weight / (1 + weight)) << " | |\n";
    std::cout << table.str();
    property_log().field("table", table.str());
  });
}

}  // namespace
}  // namespace gdcheck

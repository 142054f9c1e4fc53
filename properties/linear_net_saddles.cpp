// Properties of deep linear nets' origin (theorems/linear_net_saddles.hpp):
// strict at depth 2, non-strict at depth >= 3, and what that costs GD and
// what PGD's guarantee then means.
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lib/random.hpp"
#include "lib/run_digest.hpp"
#include "lib/sampling.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/monte_carlo_runs.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/linear_fit.hpp"
#include "theorems/linear_net_saddles.hpp"

namespace gdcheck {
namespace {

using namespace linear_net_saddles;

std::string theorem() { return std::string(linear_net_saddles::name); }

std::string describe(const DeepLinearChainSpec& spec) {
  std::ostringstream text;
  showValue(spec, text);
  return text.str();
}

TEST(LinearNetSaddles_HighPrecision, DepthTwoOriginIsAStrictSaddleAt50Digits) {
  check_property({"linear-net-saddles/depth-2-strict", theorem(), PropertyKind::holds, 30}, [] {
    DeepLinearChainSpec spec = *gen::deep_linear_chain(2, 3);
    spec.depth = 2;
    const auto origin = check_origin_at_50_digits(spec);
    const Decimal50 slack = origin.eigenvalue_rounding + origin.singular_value_rounding;
    // lambda_min(hess f(0)) = -sigma_max(Phi), and it is negative beyond rounding.
    RC_ASSERT(abs(origin.lowest_eigenvalue + origin.top_singular_value) <= slack);
    RC_ASSERT(origin.lowest_eigenvalue < -origin.eigenvalue_rounding);
    property_log().ratio(static_cast<double>(abs(origin.lowest_eigenvalue + origin.top_singular_value) / slack));
  });
}

TEST(LinearNetSaddles_HighPrecision, DeepOriginIsFlatYetNotAMinimumAt50Digits) {
  check_property({"linear-net-saddles/depth-3-non-strict", theorem(), PropertyKind::holds, 30}, [] {
    DeepLinearChainSpec spec = *gen::deep_linear_chain(5, 3);
    spec.depth = *gen::integer(3, 5);
    const auto origin = check_origin_at_50_digits(spec);
    RC_ASSERT(origin.gradient_is_zero);  // exactly, in 50 digits
    RC_ASSERT(origin.hessian_is_zero);
    // Along a random direction: f(tV) - f(0) is the closed form, whose lowest term has degree k.
    const double t = *gen::log_uniform(1e-4, 1e-1);
    const auto generic = check_random_direction_at_50_digits(spec, *gen::seed(), t);
    if (!generic.agrees()) {
      RC_FAIL("f(tV) - f(0) = " + describe_value(static_cast<double>(generic.computed)) + " but the closed form gives " +
              describe_value(static_cast<double>(generic.closed_form)) + "; " + describe(spec));
    }
    // Along D = (Phi, I, ..., I)/norm: f decreases at order t^k, so 0 is no local minimum.
    const auto along = check_descent_direction_at_50_digits(spec, t);
    RC_ASSERT(along.agrees());
    RC_ASSERT(along.descends());
  });
}

// Parameters of one escape run: depth, phi, alpha, rho, delta.
struct EscapeCase {
  int depth;
  double phi, step, radius, delta;
};

rc::Gen<EscapeCase> escape_case(int min_depth, int max_depth, long budget) {
  return rc::gen::map(rc::gen::tuple(gen::integer(min_depth, max_depth), gen::uniform(0.5, 2), gen::log_uniform(0.02, 0.5),
                                     gen::uniform(0.3, 1), gen::unit_fraction()),
                      [budget](const auto& t) {
                        const auto [k, phi, alpha_phi, radius_fraction, where] = t;
                        const int depth = static_cast<int>(k);
                        // rho^k <= phi/2 for this depth and for depth 2 (the control compares with its law).
                        const double radius =
                            radius_fraction * std::min(std::pow(phi / 2, 1.0 / depth), std::sqrt(phi / 2));
                        const double step = alpha_phi / phi;
                        // delta between radius/10 and the smallest delta whose steps fit the budget.
                        double smallest = 1e-30;
                        if (depth >= 3) {
                          smallest = std::sqrt(double(depth)) *
                                     std::pow((depth - 2) * alpha_phi * budget / 4.0, -1.0 / (depth - 2));
                        }
                        const double largest = radius / 10;
                        const double delta = smallest >= largest ? largest
                                                                 : smallest * std::pow(largest / smallest, where);
                        return EscapeCase{depth, phi, step, radius, delta};
                      });
}

std::string describe(const EscapeCase& c) {
  std::ostringstream text;
  text << "depth " << c.depth << ", phi = " << describe_value(c.phi) << ", alpha = " << describe_value(c.step)
       << ", rho = " << describe_value(c.radius) << ", delta = " << describe_value(c.delta);
  return text.str();
}

constexpr long kEscapeBudget = 20000;

TEST(LinearNetSaddles_Holds, GdEscapeStepsWithinTheirBoundsOnTheScalarChain) {
  check_property({"linear-net-saddles/escape-steps", theorem(), PropertyKind::holds, 40}, [] {
    const EscapeCase c = *escape_case(2, 4, kEscapeBudget);
    const EscapeBounds bounds =
        escape_bounds(c.depth, c.step, c.phi, c.delta, c.radius, update_rounding<double>(c.depth));
    RC_PRE(bounds.upper <= 4 * kEscapeBudget);  // a case the step budget cannot settle is skipped, not judged
    const long steps = library_gd_escape_steps(c.depth, c.phi, c.step, c.delta, c.radius, 4 * kEscapeBudget);
    if (!(steps >= bounds.lower && steps < bounds.upper)) {
      RC_FAIL("GD escaped after " + std::to_string(steps) + " steps, outside [" + describe_value(bounds.lower) + ", " +
              describe_value(bounds.upper) + "); " + describe(c));
    }
    property_log().ratio(steps / bounds.upper);
  });
}

// Drops strictness (depth 3 instead of 2): the logarithmic law's bound, which
// depth 2 obeys, fails.
TEST(LinearNetSaddles_NeedsHypothesis, DepthThreeBreaksTheLogarithmicEscapeLaw) {
  check_property({"linear-net-saddles/depth-3-not-logarithmic", theorem(), PropertyKind::needs_hypothesis, 40}, [] {
    const EscapeCase c = *escape_case(3, 3, kEscapeBudget);
    const EscapeBounds logarithmic = escape_bounds(2, c.step, c.phi, c.delta, c.radius, update_rounding<double>(2));
    RC_PRE(logarithmic.upper < 4 * kEscapeBudget);  // so a run that spends the budget is over the law
    const long steps = library_gd_escape_steps(c.depth, c.phi, c.step, c.delta, c.radius, 4 * kEscapeBudget);
    if (steps < 0 || steps >= logarithmic.upper) {
      RC_FAIL("depth 3: GD took " + (steps < 0 ? std::string("more than the budget of steps") : std::to_string(steps)) +
              " steps to escape, above the depth-2 law's " + describe_value(logarithmic.upper) + "; " + describe(c));
    }
  });
}

// PGD's guarantee is an eps-SOSP, and the depth-3 origin is one (gradient and
// Hessian 0): PGD run from it with Algorithm 2's constants may return it,
// meeting its guarantee at a point that is no local minimum. Chain
// f = (1 - w_1 w_2 w_3)^2/2 on the ball ||w|| <= 1, where (every |w_i| <= 1,
// Gershgorin / Frobenius on the entries) |hess_ij| <= 1 + 2 = 3, so l = 9, and
// the third derivatives are at most 2 + 1 + 2 = 5, so rho = 5 sqrt(27) < 26.
TEST(LinearNetSaddles_Holds, PerturbedGdMayReturnTheNonStrictOriginMeetingItsGuarantee) {
  check_property({"linear-net-saddles/pgd-returns-origin", theorem(), PropertyKind::holds, 20}, [] {
    const double epsilon = *gen::log_uniform(1e-4, 1e-2);
    const PgdAtDeepOrigin run = pgd_at_deep_origin(epsilon, *gen::seed());
    RC_ASSERT(run.largest_norm <= 1.0);  // l and rho hold where the run went
    RC_ASSERT(run.converged);
    // PGD's guarantee: an eps-SOSP.
    RC_ASSERT(run.gradient_norm <= epsilon);
    RC_ASSERT(run.lowest_eigenvalue + run.eigenvalue_rounding >= -std::sqrt(26 * epsilon));
    static long cases = 0, returned_origin = 0;
    ++cases;
    returned_origin += run.at_origin;
    property_log().field("returned_origin", std::to_string(returned_origin) + " of " + std::to_string(cases));
    if (run.at_origin) {
      // ... and the origin is no local minimum: half a unit along (1,1,1)/sqrt(3) f is lower, at 50 digits.
      RC_ASSERT(run.along_balanced->descends());
      property_log().field("f_at_pgd_output", json_number(run.value_at_output));
      property_log().field("f_half_unit_along_descent", json_number(run.value_half_unit_along));
    }
  });
}

// The escape-time contrast measured: steps against delta per depth (depth 2
// also at 50 digits, down to delta = 1e-30), and the fitted exponent p of
// steps ~ delta^-p at depth >= 3 with its standard error. The least-squares
// slope is a weighted mean of the pairwise slopes, so the bounds confine it to
// [min_ij (log lower_j - log upper_i)/(x_j - x_i), max_ij (log upper_j - log lower_i)/(x_j - x_i)],
// an interval that shrinks onto k - 2 as delta -> 0: the fit must land in it.
TEST(LinearNetSaddles_Experiment, EscapeStepsAgainstDistanceByDepth) {
  check_property({"linear-net-saddles/escape-by-depth", theorem(), PropertyKind::experiment, 1}, [] {
    const double phi = 1, step = 0.5, radius = 0.5;
    std::printf("| depth | delta | steps (double) | steps (50 digits) | lower bound | upper bound | steps, generic direction |\n"
                "|---:|---:|---:|---:|---:|---:|---:|\n");
    std::string fits;
    std::uint64_t digest = 0;  // cell k: its depth, delta, the generic direction drawn and every step count
    // A generic direction in the positive orthant (where the product grows): no
    // bound is derived for it; its steps and exponent are reported beside the balanced ones.
    const auto generic_direction = [&](int depth) {
      Rng rng(run_seed({"linear-net-saddles/escape-by-depth", theorem(), PropertyKind::experiment}) + depth);
      Vector<double> generic = standard_normal(rng, depth, 1).cwiseAbs().array() + 0.1;
      return Vector<double>(generic.normalized());
    };
    const auto radius_for = [&](int depth) { return std::min(radius, std::pow(phi / 2, 1.0 / depth)); };
    // log10(1/delta): depth 2 down to 1e-30; deeper, as far as ~4e5 steps allow.
    const auto exponents_for = [](int depth) {
      if (depth == 3) return std::vector<double>{2, 2.5, 3, 3.5, 4};
      if (depth == 4) return std::vector<double>{1.5, 1.75, 2, 2.25, 2.5};
      return std::vector<double>{2, 6, 10, 14, 18, 22, 26, 30};
    };
    std::vector<std::pair<int, double>> sweep;  // the cells: (depth, log10(1/delta))
    for (const int depth : {2, 3, 4}) {
      for (const double e : exponents_for(depth)) sweep.emplace_back(depth, e);
    }
    // Each cell whole in one shard (CellSplit::whole_cells()): {steps in double, at 50 digits (-1: not run), from the generic direction}.
    const auto cells = experiment_cells(static_cast<long>(sweep.size()), [&](long cell) {
      const auto [depth, e] = sweep[static_cast<std::size_t>(cell)];
      const double delta = std::pow(10.0, -e), rho = radius_for(depth);
      const long in_double = library_gd_escape_steps(depth, phi, step, delta, rho, 10000000);
      const long in_decimal =
          depth == 2 ? library_gd_escape_steps(depth, phi, step, Decimal50(delta), rho, 100000) : -1;
      const Vector<double> generic = generic_direction(depth);
      const long from_generic = library_gd_escape_steps(depth, phi, step, delta, rho, 10000000, generic);
      RunHash hash(static_cast<std::uint64_t>(cell));
      hash.add(static_cast<std::uint64_t>(depth)).add(delta).add(static_cast<std::uint64_t>(in_double));
      hash.add(static_cast<std::uint64_t>(in_decimal)).add(static_cast<std::uint64_t>(from_generic));
      add_result(hash, generic);
      return CellTally{{in_double, in_decimal, from_generic}, hash.term()};
    }, CellSplit::whole_cells());
    if (!cells) return;  // a shard: merge_shards assembles the fits from every shard's cells
    Figure figure{"Steps to escape the balanced saddle, by depth", "1/delta (distance from the saddle)",
                  "steps to leave the radius", true, true, {}};
    std::size_t cell = 0;
    for (const int depth : {2, 3, 4}) {
      FigureSeries measured{"depth " + std::to_string(depth) + ", measured (with the derived bounds)", "errorbars", {},
                            depth - 1};
      const double rho = radius_for(depth);
      std::vector<double> x, log_steps, log_lower, log_upper, log_generic;
      for (const double e : exponents_for(depth)) {
        const double delta = std::pow(10.0, -e);
        const auto bounds = escape_bounds(depth, step, phi, delta, rho, update_rounding<double>(depth));
        const CellTally& tally = (*cells)[cell++];
        const long in_double = tally.counts[0], in_decimal = tally.counts[1], from_generic = tally.counts[2];
        digest += tally.digest;
        RC_ASSERT(in_double >= bounds.lower && in_double < bounds.upper);
        std::printf("| %d | %.1e | %ld | %s | %.1f | %.1f | %ld |\n", depth, delta, in_double,
                    in_decimal < 0 ? "" : std::to_string(in_decimal).c_str(), bounds.lower, bounds.upper, from_generic);
        measured.points.push_back({1 / delta, double(in_double), std::max(bounds.lower, 1.0), bounds.upper});
        log_generic.push_back(std::log(double(from_generic)));
        x.push_back(e * std::log(10.0));
        log_steps.push_back(std::log(double(in_double)));
        log_lower.push_back(std::log(std::max(bounds.lower, 1.0)));
        log_upper.push_back(std::log(bounds.upper));
      }
      figure.series.push_back(measured);
      if (depth < 3) continue;
      const LinearFit fit = fit_line(x, log_steps), generic_fit = fit_line(x, log_generic);
      char name[64];
      std::snprintf(name, sizeof name, "depth %d, fit: exponent %.4f (law: %d)", depth, fit.slope, depth - 2);
      FigureSeries fitted{name, "lines", {}, depth - 1};
      for (const double xi : x) fitted.points.push_back({std::exp(xi), std::exp(fit.intercept + fit.slope * xi)});
      figure.series.push_back(fitted);
      double lowest = INFINITY, highest = -INFINITY;
      for (std::size_t i = 0; i < x.size(); ++i) {
        for (std::size_t j = i + 1; j < x.size(); ++j) {
          lowest = std::min(lowest, (log_lower[j] - log_upper[i]) / (x[j] - x[i]));
          highest = std::max(highest, (log_upper[j] - log_lower[i]) / (x[j] - x[i]));
        }
      }
      char line[256];
      std::snprintf(line, sizeof line,
                    "Depth %d: fitted exponent %.4f, standard error %.1e; the bounds confine it to [%.4f, %.4f]; "
                    "the law's exponent is %d; from the generic direction %.4f (standard error %.1e).\n",
                    depth, fit.slope, fit.slope_standard_error, lowest, highest, depth - 2, generic_fit.slope,
                    generic_fit.slope_standard_error);
      fits += line;
      property_log().field("exponent_depth_" + std::to_string(depth), json_number(fit.slope));
      property_log().field("exponent_standard_error_depth_" + std::to_string(depth), json_number(fit.slope_standard_error));
      property_log().field("generic_exponent_depth_" + std::to_string(depth), json_number(generic_fit.slope));
      RC_ASSERT(fit.slope >= lowest && fit.slope <= highest);
      RC_ASSERT(depth - 2 >= lowest && depth - 2 <= highest);
    }
    std::printf("\n%s", fits.c_str());
    property_log().field("digest", digest_text(digest));
    log_figure(figure);
  });
}

}  // namespace
}  // namespace gdcheck

// Properties of the gradient map for alpha < 1/L (theorems/gradient_map_diffeomorphism.hpp),
// and the two ways it fails for alpha >= 1/L.
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <utility>

#include "properties/family_ladder.hpp"
#include "properties/family_steps.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/worst_case_search.hpp"
#include "theorems/gradient_map_diffeomorphism.hpp"
#include "theorems/precision_ladder.hpp"

namespace gdcheck {
namespace {

namespace diffeo = gradient_map_diffeomorphism;

std::string theorem() { return std::string(diffeo::name); }

// alpha = (1/L) s: s log-uniform over (1e-3, 1), or within 1e-16..1e-2 of 1.
double random_step_below_one_over_l(ObjectiveLadder& ladder) {
  return step_below_one_over_l(
      ladder, *rc::gen::oneOf(gen::log_uniform(1e-3, 1.0), gen::near_below(1.0, 1e-16, 1e-2)));
}

std::string describe_case(const std::string& instance, double step, double lipschitz) {
  return "alpha = " + describe_value(step) + " (alpha L = " + describe_value(step * lipschitz) + "), instance " +
         instance;
}

void report(const Verdict& verdict, const std::string& claim, const std::string& where) {
  property_log().ratio(verdict.ratio());
  property_log().escalations(verdict.escalations);
  if (!verdict.passes()) RC_FAIL(claim + " violated: " + verdict.describe() + "; " + where);
}

// What a case body is given: one instance in every precision, seen as
// AnyObjective (so the body and the checks it calls are compiled once for
// every family), and the instance's spec as text, for failure messages.
using FamilyCase = std::function<void(ObjectiveLadder& ladder, const std::string& instance)>;

// Calls body on a random nonconvex family with a global L: the
// strict-saddle wells, ridge sums, the 1-D class, the saddle finite sum.
void on_a_nonconvex_family(const FamilyCase& body) {
  switch (*gen::integer(0, 3)) {
    case 0:
      return on_ladder<SeparableWells>(*gen::separable_wells(), body);
    case 1:
      return on_ladder<RidgeSum>(*gen::ridge_sum(12), body);
    case 2:
      return on_ladder<PiecewiseCurvature>(*gen::piecewise_curvature(), body);
    default:
      return on_ladder<SaddleFiniteSum>(*gen::saddle_finite_sum(), body);
  }
}

int dimension_of(ObjectiveLadder& ladder) { return ladder.at<double>().dimension(); }

TEST(GradientMapDiffeomorphism_Holds, JacobianSpectrumLiesInOneMinusAlphaLToOnePlusAlphaL) {
  check_property({"gradient-map-diffeomorphism/jacobian-spectrum", theorem(), PropertyKind::holds}, [] {
    on_a_nonconvex_family([](ObjectiveLadder& ladder, const std::string& instance) {
      const double step = random_step_below_one_over_l(ladder);
      const auto start = *gen::start_point();
      const Vector<double> x = start.realize(dimension_of(ladder));
      const Verdict verdict = diffeo::decide_jacobian_spectrum(ladder, x, step);
      std::ostringstream where;
      where << "x = ";
      showValue(start, where);
      report(verdict, "spec(Dg) in [1 - alpha L, 1 + alpha L]",
             where.str() + ", " + describe_case(instance, step, lipschitz_of(ladder)));
    });
  });
}

TEST(GradientMapDiffeomorphism_Holds, InjectiveWithConstantOneMinusAlphaLOnRandomPairs) {
  check_property({"gradient-map-diffeomorphism/injectivity-random-pairs", theorem(), PropertyKind::holds}, [] {
    on_a_nonconvex_family([](ObjectiveLadder& ladder, const std::string& instance) {
      const double step = random_step_below_one_over_l(ladder);
      const int d = dimension_of(ladder);
      const auto first = *gen::start_point();
      // The second point near the first or anywhere: near pairs probe Dg.
      const double separation = *gen::log_uniform(1e-6, 10.0);
      Rng rng(*gen::seed());
      Vector<double> offset(d);
      for (double& entry : offset) entry = rng.normal();
      const Vector<double> x = first.realize(d);
      const Vector<double> y = x + separation * offset / offset.norm();
      report(diffeo::decide_injectivity(ladder, x, y, step), "||g(x) - g(y)|| >= (1 - alpha L) ||x - y||",
             describe_case(instance, step, lipschitz_of(ladder)));
    });
  });
}

// Targeted: annealing over pairs for the largest (1 - alpha L)||x - y|| /
// ||g(x) - g(y)||; the best pair found is then judged on the ladder.
TEST(GradientMapDiffeomorphism_Holds, InjectiveOnTheWorstPairsASearchFinds) {
  check_property({"gradient-map-diffeomorphism/injectivity-searched-pairs", theorem(), PropertyKind::holds, 25}, [] {
    on_a_nonconvex_family([](ObjectiveLadder& ladder, const std::string& instance) {
      const double step = random_step_below_one_over_l(ladder);
      const int d = dimension_of(ladder);
      const auto& f = ladder.at<double>();
      using Pair = std::pair<Vector<double>, Vector<double>>;
      const auto normal_vector = [d](Rng& rng, double scale) {
        Vector<double> v(d);
        for (double& entry : v) entry = scale * rng.normal();
        return v;
      };
      SearchProblem<Pair> problem;
      problem.random_state = [&](Rng& rng) {
        const Vector<double> x = normal_vector(rng, 3.0);
        return Pair{x, x + normal_vector(rng, 0.1)};
      };
      problem.neighbour = [&](const Pair& pair, Rng& rng, double scale) {
        const double size = scale * (pair.first - pair.second).norm() + 1e-3 * scale;
        return Pair{pair.first + normal_vector(rng, size), pair.second + normal_vector(rng, size)};
      };
      problem.utility = [&](const Pair& pair) {
        if ((pair.first - pair.second).norm() == 0) return std::nan("");
        // NaN when 1 - alpha L rounds to 0 in double (alpha L within 1e-16 of
        // 1): the double check then demands nothing, so the pair scores 0.
        const double ratio = diffeo::check_injectivity(f, pair.first, pair.second, step).ratio();
        return std::isnan(ratio) ? 0.0 : ratio;
      };
      const auto found = anneal(problem, {.restarts = 2, .evaluations_per_restart = 400,
                                          .initial_temperature = 0.01, .seed = *gen::seed()});
      report(diffeo::decide_injectivity(ladder, found.best.first, found.best.second, step),
             "||g(x) - g(y)|| >= (1 - alpha L) ||x - y|| at the searched worst pair",
             describe_case(instance, step, lipschitz_of(ladder)));
    });
  });
}

// The inverse: x = z + alpha grad f(x) converges and g(x) = z to `tolerance`
// times the scale of the numbers g(x) is computed from, 1 + ||z|| + alpha
// ||grad f(z)|| (x - z = alpha grad f(x) can be far larger than z). With
// contraction q = alpha L it needs log(tolerance)/log(q) iterations from a
// first change of size ~ scale; the budget allows twice that plus 100.
template <Scalar S>
Verdict inverse_check(ObjectiveLadder& ladder, double step, const Vector<double>& z, const S& tolerance, long* iterations) {
  const auto& f = ladder.at<S>();
  const S alpha(step);
  const S contraction = alpha * f.gradient_lipschitz()->value;
  const Vector<S> target = convert<S>(z);
  Vector<S> gradient;
  f.gradient(target, gradient);
  const S wanted = tolerance * (1 + target.norm() + alpha * gradient.norm());
  using std::log;
  const long budget = 100 + 2 * static_cast<long>(static_cast<double>(log(tolerance) / log(contraction)));
  // Half the tolerance for the iteration, half for the check's own rounding.
  const auto preimage = diffeo::inverse_gradient_map(f, target, alpha, wanted / 2, budget);
  *iterations = preimage.iterations;
  if (!preimage.converged) return judge<S>(S(1), S(0), S(0));
  return diffeo::check_preimage(f, preimage.x, target, alpha, wanted);
}

TEST(GradientMapDiffeomorphism_Holds, InverseByFixedPointIterationTo1e12InDouble) {
  check_property({"gradient-map-diffeomorphism/inverse-double", theorem(), PropertyKind::holds}, [] {
    on_a_nonconvex_family([](ObjectiveLadder& ladder, const std::string& instance) {
      const double step = step_below_one_over_l(ladder, *gen::uniform(0.01, 0.99));
      const Vector<double> z = (*gen::start_point()).realize(dimension_of(ladder));
      long iterations = 0;
      const Verdict verdict = inverse_check<double>(ladder, step, z, 1e-12, &iterations);
      report(verdict, "g(g^-1(z)) = z to 1e-12 (1 + ||z|| + alpha ||grad f(z)||)",
             describe_case(instance, step, lipschitz_of(ladder)) + ", iterations " + std::to_string(iterations));
    });
  });
}

TEST(GradientMapDiffeomorphism_HighPrecision, InverseByFixedPointIterationTo1e40At50Digits) {
  check_property({"gradient-map-diffeomorphism/inverse-50-digits", theorem(), PropertyKind::holds, 20}, [] {
    on_a_nonconvex_family([](ObjectiveLadder& ladder, const std::string& instance) {
      const double step = step_below_one_over_l(ladder, *gen::uniform(0.01, 0.9));
      const Vector<double> z = (*gen::start_point()).realize(dimension_of(ladder));
      long iterations = 0;
      const Verdict verdict = inverse_check<Decimal50>(ladder, step, z, Decimal50(1e-40), &iterations);
      report(verdict, "g(g^-1(z)) = z to 1e-40 (1 + ||z|| + alpha ||grad f(z)||) at 50 digits",
             describe_case(instance, step, lipschitz_of(ladder)) + ", iterations " + std::to_string(iterations));
    });
  });
}

// Drops alpha < 1/L: a fold. On rotated wells whose L is the outer curvature c
// of a double-well piece (c < s <= 2c), the piece's map phi(y) = y - alpha
// h'(y) rises on (-y_m, y_m) and falls beyond, where sech^2(y_m) = (alpha c -
// 1)/(alpha s), as soon as alpha > 1/c. As g(Q y) = Q Phi(y) for the
// separable f, two points differing only in that coordinate, y_1 in (0, y_m)
// and y_2 > y_m with phi(y_1) = phi(y_2), have one image. The fold is
// confirmed at 100 digits: phi(y_1) < phi(y_m) > phi(y_far) with margins far
// above rounding prove (intermediate values) that y_2 exists; bisection finds
// it, and g(x_1) - g(x_2) is evaluated in full dimension.
TEST(GradientMapDiffeomorphism_NeedsHypothesis, StepAboveOneOverLFoldsTheMap) {
  check_property({"gradient-map-diffeomorphism/fold-above-1-over-L", theorem(), PropertyKind::needs_hypothesis}, [] {
    const int d = *gen::integer(1, 6);
    const double c = *gen::log_uniform(0.1, 10);
    SeparableWellsSpec spec;
    for (int i = 0; i < d; ++i) {
      // piece 0 sets L = c; the others have curvature below it
      const double ci = i == 0 ? c : c * *gen::uniform(0.1, 1.0);
      const bool well = i == 0 || *gen::integer(0, 1) == 1;
      const double si = well ? ci * (1 + *gen::uniform(0.05, 1.0)) : ci * *gen::uniform(0.0, 0.9);
      spec.pieces.push_back({ci, si, 0});
      spec.shapes.push_back(well ? PieceShape::double_well : PieceShape::convex);
    }
    spec.rotation = {d, d, *gen::seed()};
    const double excess = *gen::log_uniform(1e-6, 0.9);
    const double step = (1 + excess) / c;

    using S = Decimal100;
    const SeparableWells<S> f(spec);
    const WellPiece<S>& piece = f.pieces()[0];
    const S alpha(step);
    const auto phi = [&](const S& y) { return y - alpha * piece.first(y); };
    using std::acosh;
    using std::sqrt;
    const S turn = acosh(sqrt(alpha * piece.depth / (alpha * piece.curvature - 1)));
    const S y1 = turn * S(*gen::uniform(0.1, 0.9));
    S far = 2 * turn + 1;
    while (!(phi(far) < phi(y1))) far *= 2;  // phi -> -infinity: (1 - alpha c) < 0
    const S rounding = rounding_bound<S>(64, abs(far) + alpha * piece.first_magnitude(far));
    RC_ASSERT(phi(turn) - phi(y1) > rounding);
    RC_ASSERT(phi(turn) - phi(far) > rounding);
    S low = turn, high = far;  // phi(low) > phi(y1) > phi(high)
    for (int i = 0; i < 400; ++i) {
      const S middle = (low + high) / 2;
      (phi(middle) > phi(y1) ? low : high) = middle;
    }
    Vector<S> coordinates = Vector<S>::Zero(d);
    coordinates(0) = y1;
    const Vector<S> x1 = f.rotation() * coordinates;
    coordinates(0) = low;
    const Vector<S> x2 = f.rotation() * coordinates;
    S error1 = 0, error2 = 0;
    const S image_gap = (gradient_map(f, x1, alpha, &error1) - gradient_map(f, x2, alpha, &error2)).norm();
    std::ostringstream text;
    text << "fold: x1 != x2 with g(x1) = g(x2): ||x1 - x2|| = " << static_cast<double>((x1 - x2).norm())
         << ", ||g(x1) - g(x2)|| = " << static_cast<double>(image_gap) << " (100-digit rounding bound "
         << static_cast<double>(error1 + error2) << "); y1 = " << static_cast<double>(y1)
         << ", y2 = " << static_cast<double>(low) << " along the first rotated axis; "
         << describe_case(shown(spec), step, c);
    // The claim being refuted: g is injective, ||g(x1) - g(x2)|| > 0 for x1 != x2.
    if (image_gap <= 1e6 * (error1 + error2) + pow(S(10), -90) && (x1 - x2).norm() > 1e-3) RC_FAIL(text.str());
  });
}

// Drops alpha < 1/L by taking alpha = 1/L exactly (at 100 digits): on a 1-D
// class member whose top curvature L is positive, Dg = 1 - alpha f'' vanishes
// on that piece. The search samples every piece; a point with |Dg| within
// 100-digit rounding of 0 is the counterexample to "Dg is invertible".
TEST(GradientMapDiffeomorphism_NeedsHypothesis, StepOneOverLMakesTheJacobianSingular) {
  check_property({"gradient-map-diffeomorphism/singular-at-1-over-L", theorem(), PropertyKind::needs_hypothesis}, [] {
    PiecewiseCurvatureSpec spec = *gen::piecewise_curvature();
    double top = 0;
    for (double k : spec.curvatures) top = std::max(top, std::abs(k));
    for (double& k : spec.curvatures) k = std::abs(k) == top ? top : k;  // the top curvature positive
    using S = Decimal100;
    const PiecewiseCurvature<S> f(spec);
    const S alpha = 1 / f.gradient_lipschitz()->value;
    std::vector<double> samples;
    const auto& breaks = spec.breakpoints;
    if (breaks.empty()) samples.push_back(0);
    for (std::size_t k = 0; k <= breaks.size() && !breaks.empty(); ++k) {
      samples.push_back(k == 0 ? breaks.front() - 1 : k == breaks.size() ? breaks.back() + 1
                                                                        : (breaks[k - 1] + breaks[k]) / 2);
    }
    for (double point : samples) {
      const Vector<S> x = Vector<S>::Constant(1, S(point));
      const auto spectrum = diffeo::jacobian_spectrum(f, x, alpha);
      if (abs(spectrum.eigenvalues(0)) <= spectrum.rounding) {
        std::ostringstream text;
        text << "Dg(x) = " << static_cast<double>(spectrum.eigenvalues(0)) << " (100-digit rounding bound "
             << static_cast<double>(spectrum.rounding) << ") at x = " << point << " with alpha = 1/L; instance ";
        showValue(spec, text);
        RC_FAIL(text.str());
      }
    }
  });
}

}  // namespace
}  // namespace gdcheck

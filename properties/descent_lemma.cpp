// Properties of the descent lemma and monotone descent (theorems/descent_lemma.hpp).
#include <algorithm>
#include <cmath>
#include <string>

#include "lib/objectives/quadratic.hpp"
#include "properties/family_ladder.hpp"
#include "properties/family_steps.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "theorems/descent_lemma.hpp"

namespace gdcheck {
namespace {

using QuadraticLadder = InstanceLadder<Quadratic, QuadraticSpec>;

constexpr long kSteps = 200;  // every step of a 200-step run is checked

std::string theorem() { return std::string(descent_lemma::name); }

// Records a run's check in the property log; fails the case on a violation,
// describing it with every number needed to replay it.
void report(const descent_lemma::RunCheck& check, ObjectiveLadder& ladder, const std::string& instance,
            const gen::StartPoint& start, double step) {
  property_log().ratio(check.worst_ratio);
  property_log().escalations(check.escalated_checks);
  if (!check.violation) return;
  std::ostringstream text;
  text << check.violated_claim << " violated at step " << check.violation_step << " of GD with alpha = "
       << describe_value(step) << " (alpha L = " << describe_value(step * lipschitz_of(ladder))
       << "): " << check.violation->describe() << "; instance " << instance << ", start ";
  showValue(start, text);
  RC_FAIL(text.str());
}

// alpha = (2/L) s: s log-uniform over (0, 1), or within 1e-16..1e-2 of 1.
rc::Gen<double> step_fraction() {
  return rc::gen::oneOf(gen::log_uniform(1e-6, 1.0), gen::near_below(1.0, 1e-16, 1e-2));
}

// The property on any family with a global L: every step of a 200-step run.
void descent_on(ObjectiveLadder& ladder, const std::string& instance) {
  const auto start = *gen::start_point();
  const double step = step_by_two_over_l(ladder, *step_fraction());
  const int d = ladder.at<double>().dimension();
  const Vector<double> x0 = start.realize(d);
  // Half the runs stop at a gradient tolerance the run reaches or nearly does
  // (a fraction 1e-8..1 of ||grad f(x0)||), so GD's stopping rule is checked too.
  Vector<double> g0(d);
  ladder.at<double>().gradient(x0, g0);
  const double tolerance = *rc::gen::element(0, 1) == 1 ? g0.norm() * *gen::log_uniform(1e-8, 1.0) : 0.0;
  report(descent_lemma::check_run(ladder, x0, step, kSteps, LibraryGradientDescent{}, tolerance), ladder, instance,
         start, step);
}

TEST(DescentLemma_Holds, EveryStepOnSeparableWells) {
  check_property({"descent-lemma/separable-wells", theorem(), PropertyKind::holds},
                 [] { on_ladder<SeparableWells>(*gen::separable_wells({.tilted = true}), descent_on); });
}

TEST(DescentLemma_Holds, EveryStepOnRidgeSums) {
  check_property({"descent-lemma/ridge-sums", theorem(), PropertyKind::holds},
                 [] { on_ladder<RidgeSum>(*gen::ridge_sum(), descent_on); });
}

TEST(DescentLemma_Holds, EveryStepOnTheOneDimensionalClass) {
  check_property({"descent-lemma/c11-one-dimensional", theorem(), PropertyKind::holds},
                 [] { on_ladder<PiecewiseCurvature>(*gen::piecewise_curvature(), descent_on); });
}

TEST(DescentLemma_Holds, EveryStepOnLeastSquares) {
  check_property({"descent-lemma/least-squares", theorem(), PropertyKind::holds},
                 [] { on_ladder<LeastSquares>(*gen::least_squares(), descent_on); });
}

TEST(DescentLemma_Holds, EveryStepOnASaddleFiniteSum) {
  check_property({"descent-lemma/saddle-finite-sum", theorem(), PropertyKind::holds},
                 [] { on_ladder<SaddleFiniteSum>(*gen::saddle_finite_sum(), descent_on); });
}

TEST(DescentLemma_Holds, EveryStepOfRandomQuadraticRuns) {
  check_property({"descent-lemma/random-quadratics", theorem(), PropertyKind::holds}, [] {
    on_ladder<Quadratic>(*gen::quadratic(), descent_on);
  });
}

// Drops alpha < 2/L (only): on positive semidefinite quadratics, where nothing
// else can mask it, some step increases f once the growing top-eigenvector
// component outweighs what the others lose; with alpha L as close to 2 as
// 2 (1 + 1e-8), a case can end its 100 steps first, so this is a search: 151
// calibration runs found one in 151 of 179 cases (calibration_table
// --controls), a missed search per run below 1e-60 at 100 cases.
TEST(DescentLemma_NeedsHypothesis, StepAboveTwoOverLIncreasesF) {
  check_property({"descent-lemma/step-above-2-over-L", theorem(), PropertyKind::needs_hypothesis}, [] {
    QuadraticLadder ladder(*gen::quadratic({.allow_negative = false}));
    const auto start = *gen::start_point();
    const double excess = *gen::log_uniform(1e-8, 1.0);
    const double step = step_by_two_over_l(ladder, 1 + excess, false);
    report(descent_lemma::check_run(ladder, start.realize(ladder.spec().dimension()), step, kSteps), ladder,
           shown(ladder.spec()), start, step);
  });
}

// theory.md section 1: "The step bound 2/L is sharp". At 50 digits, along the
// top eigenvector, alpha = 2/L gives no strict descent (the change of f is
// within rounding) while alpha = (2/L)(1 - 1e-30) descends by as much as the
// lemma guarantees. In double the two steps are the same number.
TEST(DescentLemma_HighPrecision, TwoOverLIsTheExactThresholdAt50Digits) {
  check_property({"descent-lemma/threshold-at-50-digits", theorem(), PropertyKind::holds}, [] {
    const QuadraticSpec spec = *gen::quadratic({.max_dimension = 20});
    const double scale = *gen::log_uniform(1e-3, 1e3);
    const Quadratic<Decimal50> f(spec);
    const Vector<Decimal50> top = f.eigenvectors().col(0) * Decimal50(scale);  // eigenvalue L
    const Decimal50 threshold = Decimal50(2) / Decimal50(spec.eigenvalues[0]);
    const Decimal50 below = threshold * (1 - pow(Decimal50(10), -30));

    const Verdict at_threshold = descent_lemma::check_step(f, top, threshold);
    const Verdict under_threshold = descent_lemma::check_step(f, top, below);
    property_log().ratio(under_threshold.ratio());
    // At 2/L: f(x1) - f(x0) is within 50-digit rounding of zero.
    RC_ASSERT(at_threshold.clarity == Clarity::borderline);
    RC_ASSERT(std::abs(at_threshold.rhs) <= at_threshold.rounding);
    // Below: the lemma holds (tightly: demanded = achieved up to rounding, the
    // top eigenvector is its equality case) and the descent is resolved.
    RC_ASSERT(under_threshold.passes());
    RC_ASSERT(under_threshold.rhs > under_threshold.rounding);
    RC_ASSERT(static_cast<double>(below) == static_cast<double>(threshold));
  });
}

// theory.md section 1, "the step bound 2/L is sharp", swept across
// precisions: alpha = (2/L)(1 + s 10^-k), s = +-1, k = 5, 10, ..., 40, one GD
// step on f = L x^2 / 2. Wherever a precision resolves the change of f
// (|f(x0) - f(x1)| above its rounding bound), s = -1 must descend and s = +1
// must ascend; 50 and 100 digits must resolve every k. The largest k double
// resolves is reported (results field double_resolves_up_to_k).
template <Scalar S>
int largest_resolved_k(double lipschitz, double start, bool every_k_required) {
  const Quadratic<S> f(QuadraticSpec{{lipschitz}, RotationSpec{1, 0, 0}});
  const Vector<S> x = Vector<S>::Constant(1, S(start));
  int resolved_up_to = 0;
  for (int k = 5; k <= 40; k += 5) {
    bool both_resolved = true;
    for (const int sign : {-1, +1}) {
      const S step = S(2) / S(lipschitz) * (1 + S(sign) * pow(S(10), -k));
      const Verdict verdict = descent_lemma::check_step(f, x, step);
      const bool resolved = std::abs(verdict.rhs) > verdict.rounding;
      if (resolved && (verdict.rhs > 0) != (sign < 0)) {
        RC_FAIL(std::string(ScalarTraits<S>::name) + ": wrong direction at k = " + std::to_string(k) +
                ", s = " + std::to_string(sign) + ": " + verdict.describe());
      }
      if (!resolved && every_k_required) {
        RC_FAIL(std::string(ScalarTraits<S>::name) + " cannot resolve k = " + std::to_string(k) + ": " +
                verdict.describe());
      }
      both_resolved = both_resolved && resolved;
    }
    if (both_resolved && resolved_up_to == k - 5) resolved_up_to = k;
  }
  return resolved_up_to;
}

TEST(DescentLemma_HighPrecision, TwoOverLIsSharpAtEveryResolvableScale) {
  check_property({"descent-lemma/sharpness-sweep", theorem(), PropertyKind::holds}, [] {
    const double lipschitz = *gen::log_uniform(1e-3, 1e3);
    const double start = *gen::log_uniform(1e-3, 1e3);
    largest_resolved_k<Decimal50>(lipschitz, start, true);
    largest_resolved_k<Decimal100>(lipschitz, start, true);
    const int in_double = largest_resolved_k<double>(lipschitz, start, false);
    // Over the cases: the scale up to which double told the steps apart in all of them.
    static int everywhere = 40;
    everywhere = std::min(everywhere, in_double);
    property_log().field("double_resolves_up_to_k", everywhere);
    RC_ASSERT(in_double < 40);  // double cannot see 1e-40: if it did, the check would be wrong
  });
}

// Drops alpha <= 2/L by the least a double can: alpha the first double
// above 2/L (checked exactly: a product of two doubles is exact in 128 bits).
// GD along f = L x^2/2 then ascends by a relative 4 (alpha L/2 - 1), about
// 1e-16: double cannot tell (its verdict is borderline), so the counterexample
// exists only through the precision ladder, which confirms it at 100 digits
// (descent_lemma::one_step_descends).
TEST(DescentLemma_NeedsHypothesis, OneUlpAboveTwoOverLAscendsOnTheLadder) {
  check_property({"descent-lemma/one-ulp-above-2-over-l", theorem(), PropertyKind::needs_hypothesis, 20, false}, [] {
    const double lipschitz = *gen::log_uniform(1e-3, 1e3);
    const double start = *gen::log_uniform(1e-3, 1e3);
    double step = 2 / lipschitz;
    if (Float128(step) * Float128(lipschitz) <= 2) step = std::nextafter(step, INFINITY);
    const Verdict verdict = descent_lemma::one_step_descends(lipschitz, start, step);
    property_log().escalations(verdict.escalations);
    if (!verdict.passes()) {
      RC_FAIL("alpha = 2/L + 1 ulp = " + describe_value(step) + ", L = " + describe_value(lipschitz) +
              ", x0 = " + describe_value(start) + ": f(x1) > f(x0): " + verdict.describe());
    }
  });
}

}  // namespace
}  // namespace gdcheck

// The standard model with underflow (lib/scalar/rounding_model.hpp) at every
// scale double has: its accumulation claim for a dot product, and the GD
// step's rounding bound (theorems/gradient_map.hpp) that every GD verdict of
// the suite and every user adapter rests on. Inputs are log-uniform over the
// whole exponent range, half the cases in the subnormal band, and the
// reference is 100 digits: MPFR's 334 bits have no subnormals but an
// exponent range far beyond double's, so every double, 2^-1074 included, and
// every product of two doubles (106 bits) are exact in it; only its sums
// round, by its own rounding_bound, which the comparison grants.
// A computation that overflows in double is out of range, not a rounding
// question: such a case is counted (field "out_of_range") and not judged.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "properties/family_ladder.hpp"
#include "properties/family_steps.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "theorems/descent_lemma.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/precision_ladder.hpp"

namespace gdcheck {
namespace {

constexpr const char* kTheorem = "rounding-model";
long out_of_range = 0;
long bitwise_cases = 0;

// A case whose double computation overflowed: out of range, counted in the
// results line and not judged (it is not a rounding question).
void count_out_of_range() {
  ++out_of_range;
  property_log().field("out_of_range", out_of_range);
}

// A double 2^e (1 + fraction) with random sign; ldexp rounds below 2^-1022.
double scaled(int binade, double fraction, bool negative) {
  const double x = std::ldexp(1 + fraction, binade);
  return negative ? -x : x;
}

// n pairs (a_i, b_i) whose products lie near 2^binade: a's binade is spread
// over every value for which b's, binade - a's (+-8), is a double's binade.
struct DotCase {
  std::vector<double> a, b;
};

DotCase dot_case() {
  const int n = static_cast<int>(*gen::integer(1, 50));
  const int binade = *gen::binade_at_every_scale();
  DotCase c;
  for (int i = 0; i < n; ++i) {
    const int eb_offset = static_cast<int>(*gen::integer(-8, 8));
    const int ea = static_cast<int>(*gen::integer(std::max(-1074, binade + eb_offset - 1023),
                                                  std::min(1023, binade + eb_offset + 1074)));
    const int eb = binade + eb_offset - ea;
    c.a.push_back(scaled(ea, *gen::unit_fraction(), *rc::gen::arbitrary<bool>()));
    c.b.push_back(scaled(eb, *gen::unit_fraction(), *rc::gen::arbitrary<bool>()));
  }
  return c;
}

// Judges |fl(a . b) - a . b| <= bound(n, M), M = fl(sum |a_i b_i|), both
// computed in double as the suite's bounds are (recursive summation, no FMA:
// -ffp-contract=off). with_underflow = false drops the model's absolute term,
// gamma_n M alone: the bound every derivation used before issue 22.
void check_dot_product(bool with_underflow) {
  const DotCase c = dot_case();
  const double n = static_cast<double>(c.a.size());
  double computed = 0, magnitude = 0;
  Decimal100 exact = 0, exact_magnitude = 0;
  for (std::size_t i = 0; i < c.a.size(); ++i) {
    computed += c.a[i] * c.b[i];
    magnitude += std::abs(c.a[i] * c.b[i]);
    const Decimal100 product = Decimal100(c.a[i]) * Decimal100(c.b[i]);  // exact
    exact += product;
    exact_magnitude += abs(product);
  }
  if (!std::isfinite(computed) || !std::isfinite(magnitude)) {
    count_out_of_range();
    return;
  }
  const double bound = with_underflow ? rounding_bound<double>(n, magnitude) : rounding_gamma<double>(n) * magnitude;
  // The reference's own sums round: grant them (they are ~1e-100 relative).
  const Decimal100 error = abs(Decimal100(computed) - exact);
  const Decimal100 allowed = Decimal100(bound) + rounding_bound<Decimal100>(n, exact_magnitude);
  if (error > 0 && allowed > 0) property_log().ratio(static_cast<double>(error / allowed));
  if (error > allowed) {
    // Hexadecimal doubles (exact), and the 100-digit error: it may lie below
    // the smallest subnormal, where a double would print 0.
    std::ostringstream text;
    text << std::hexfloat << "|fl(a.b) - a.b| = " << error.str(20, std::ios_base::scientific) << " > bound " << bound
         << " (n = " << c.a.size() << ", fl(a.b) = " << computed << ", sum |a_i b_i| = " << magnitude << "; a =";
    for (const double v : c.a) text << " " << v;
    text << "; b =";
    for (const double v : c.b) text << " " << v;
    text << ")";
    RC_FAIL(text.str());
  }
}

TEST(RoundingModel_Holds, DotProductBoundAtEveryScale) {
  out_of_range = 0;
  check_property({"rounding-model/dot-product-every-scale", kTheorem, PropertyKind::holds},
                 [] { check_dot_product(true); });
}

// Negative control: without its underflow term the bound claims exactness
// below ~2^-1022 (gamma_n M rounds to 0). Half the cases lie in the
// subnormal band, where a product of random 53-bit significands is inexact
// almost surely, so a case breaks it with probability near 1/2 and the
// default 100 cases miss with probability about 2^-100.
TEST(RoundingModel_NeedsHypothesis, DotProductBoundWithoutUnderflowTerm) {
  out_of_range = 0;
  check_property({"rounding-model/dot-product-without-underflow-term", kTheorem, PropertyKind::needs_hypothesis},
                 [] { check_dot_product(false); });
}

// x with entries 2^(binade + j) (1 + f), j spread over 16 binades.
Vector<double> point_at_scale(int dimension) {
  const int binade = *gen::binade_at_every_scale();
  Vector<double> x(dimension);
  for (int i = 0; i < dimension; ++i) {
    x(i) = scaled(std::clamp(binade + static_cast<int>(*gen::integer(-8, 8)), -1074, 1023), *gen::unit_fraction(),
                  *rc::gen::arbitrary<bool>());
  }
  return x;
}

// ||next - g_alpha(x)|| <= allowed, with the gradient map exact at 100
// digits (its own rounding bound added to `allowed`); the ratio is logged.
Verdict step_against_the_exact_map(ObjectiveLadder& ladder, const Vector<double>& x, const Vector<double>& next,
                                   double step, double allowed) {
  Decimal100 reference_error = 0;
  const Vector<Decimal100> exact =
      gradient_map(ladder.at<Decimal100>(), convert<Decimal100>(x), Decimal100(step), &reference_error);
  const Decimal100 distance = bound_norm(Vector<Decimal100>(convert<Decimal100>(next) - exact));
  const Verdict v = judge(distance, Decimal100(allowed) + reference_error,
                          rounding_bound<Decimal100>(x.size() + 3.0, distance));
  property_log().ratio(v.ratio());
  return v;
}

// One GD step fl(x - alpha fl(grad f(x))) in double against the exact
// gradient map at 100 digits: the distance must be within
// step_rounding_error<double> plus the 100-digit map's own bound.
void check_step_bound(ObjectiveLadder& ladder, const std::string& instance) {
  const auto& f = ladder.at<double>();
  const double step = step_by_two_over_l(ladder, *gen::log_uniform(1e-6, 1.0));
  const Vector<double> x = point_at_scale(f.dimension());
  Vector<double> g;
  f.gradient(x, g);
  const Vector<double> next = x - step * g;
  const double allowed = step_rounding_error(f, x, g, step);
  // The step, or its bound, overflowed: out of range, not a rounding question.
  if (!next.allFinite() || !g.allFinite() || !std::isfinite(allowed)) {
    count_out_of_range();
    return;
  }
  const Verdict v = step_against_the_exact_map(ladder, x, next, step, allowed);
  if (!v.passes()) {
    std::ostringstream text;
    text.precision(17);
    text << "GD step off by more than step_rounding_error: " << v.describe() << "; alpha = " << step
         << ", ||x|| = " << static_cast<double>(bound_norm(x)) << ", instance " << instance;
    RC_FAIL(text.str());
  }
}

TEST(RoundingModel_Holds, GradientStepBoundAtEveryScale) {
  out_of_range = 0;
  check_property({"rounding-model/gd-step-every-scale", kTheorem, PropertyKind::holds}, [] {
    if (*rc::gen::arbitrary<bool>()) {
      on_ladder<Quadratic>(*gen::quadratic(), check_step_bound);
    } else {
      on_ladder<SeparableWells>(*gen::separable_wells({.tilted = true}), check_step_bound);
    }
  });
}

// The float step of a user's float GD (check_your_optimizer.hpp), at every
// scale float has: x with entries 2^e (1 + f) rounded to float, e over
// float's whole range (half the cases among its subnormals, e < -126), the
// step the largest float <= a generated one, the double gradient rounded to
// float, then fl32(x - fl32(alpha g)) as the float code computes it; against
// the exact gradient map at 100 digits. `allowed_in`: the precision whose
// bound judges it -- float's must hold; double's (the negative control) must
// break, as it does for a float run that does not declare float.
void check_float_step_bound(ObjectiveLadder& ladder, const std::string& instance, Precision allowed_in) {
  const auto& f = ladder.at<double>();
  float step = static_cast<float>(step_by_two_over_l(ladder, *gen::log_uniform(1e-6, 1.0)));
  const int binade = *rc::gen::arbitrary<bool>() ? static_cast<int>(*gen::integer(-149, -127))
                                                 : static_cast<int>(*gen::integer(-126, 127));
  Vector<double> x(f.dimension());
  for (int i = 0; i < x.size(); ++i) {
    x(i) = static_cast<float>(scaled(std::clamp(binade + static_cast<int>(*gen::integer(-8, 8)), -149, 127),
                                     *gen::unit_fraction(), *rc::gen::arbitrary<bool>()));
  }
  Vector<double> g;
  f.gradient(x, g);
  Vector<double> next(x.size());
  for (int i = 0; i < x.size(); ++i) {
    next(i) = static_cast<float>(x(i)) - step * static_cast<float>(g(i));
  }
  const double allowed = step_rounding_error(f, x, g, step, allowed_in);
  // Out of float's range (the step, the gradient or the bound): not a rounding question.
  if (!next.allFinite() || !(g.cwiseAbs().maxCoeff() <= std::numeric_limits<float>::max()) || !(step > 0) ||
      !std::isfinite(allowed)) {
    count_out_of_range();
    return;
  }
  const Verdict v = step_against_the_exact_map(ladder, x, next, step, allowed);
  if (!v.passes()) {
    std::ostringstream text;
    text.precision(9);
    text << "float GD step off by more than " << precision_name(allowed_in) << "'s step_rounding_error: "
         << v.describe() << "; alpha = " << step << ", binade " << binade << ", instance " << instance;
    RC_FAIL(text.str());
  }
}

void check_float_step_on_a_family(Precision allowed_in) {
  const auto check = [allowed_in](ObjectiveLadder& ladder, const std::string& instance) {
    check_float_step_bound(ladder, instance, allowed_in);
  };
  if (*rc::gen::arbitrary<bool>()) {
    on_ladder<Quadratic>(*gen::quadratic(), check);
  } else {
    on_ladder<SeparableWells>(*gen::separable_wells({.tilted = true}), check);
  }
}

TEST(RoundingModel_Holds, FloatGradientStepBoundAtEveryScale) {
  out_of_range = 0;
  check_property({"rounding-model/float-gd-step-every-scale", kTheorem, PropertyKind::holds},
                 [] { check_float_step_on_a_family(Precision::float32); });
}

// Negative control: the float step judged by double's bound, the mistake of a
// float GD that does not declare float. float rounds at 2^-24, double's bound
// allows 2^-53: a case with any inexact float operation breaks it.
TEST(RoundingModel_NeedsHypothesis, FloatStepUnderDoublesBound) {
  out_of_range = 0;
  check_property({"rounding-model/float-step-under-double-bound", kTheorem, PropertyKind::needs_hypothesis},
                 [] { check_float_step_on_a_family(Precision::float64); });
}

// Whether every entry is 0 or a normal double: then multiplying it by a
// power of two that keeps it in range is exact.
bool zero_or_normal(const Vector<double>& v) {
  return (v.array() == 0 || v.array().abs() >= std::numeric_limits<double>::min()).all();
}

// Issue 22, item 3 (metamorphic): GD on the wells in other units, f ->
// 2^a f(2^-b x) with alpha' = 2^(2b - a) alpha from 2^b x0 (alpha L
// unchanged). The descent-lemma run checks must hold in both units; and
// where every iterate, gradient and step of the scaled run is 0 or normal,
// the scaled run is exactly 2^b times the original one, bit for bit.
TEST(RoundingModel_Holds, GradientDescentVerdictsAreScaleInvariant) {
  bitwise_cases = 0;
  check_property({"rounding-model/gd-verdicts-scale-invariant", kTheorem, PropertyKind::holds, 40}, [] {
    const auto spec = *gen::scaled_separable_wells();
    const int b = spec.argument_exponent;
    InstanceLadder<SeparableWells, SeparableWellsSpec> original(spec.base);
    InstanceLadder<gen::ScaledWells::Of, PowerOfTwoScalingSpec<SeparableWellsSpec>> scaled(spec);
    const double step = step_by_two_over_l(original, *gen::log_uniform(1e-6, 1.0));
    const double scaled_step = std::ldexp(step, 2 * b - spec.value_exponent);
    const int d = original.template at<double>().dimension();
    const Vector<double> x0 = (*gen::start_point()).realize(d);
    constexpr long kSteps = 100;
    std::ostringstream where;
    where << "alpha = " << describe_value(step) << ", instance ";
    showValue(spec, where);
    for (const bool in_other_units : {false, true}) {
      const auto check = in_other_units ? descent_lemma::check_run(scaled, std::ldexp(1.0, b) * x0, scaled_step, kSteps)
                                        : descent_lemma::check_run(original, x0, step, kSteps);
      property_log().escalations(check.escalated_checks);
      if (check.violation) {
        RC_FAIL(std::string(in_other_units ? "in other units: " : "") + check.violated_claim + " violated at step " +
                std::to_string(check.violation_step) + ": " + check.violation->describe() + "; " + where.str());
      }
    }
    // Bit-for-bit where nothing left the normal range.
    std::vector<Vector<double>> xs, scaled_xs;
    GradientDescentOptions<double> options;
    options.max_iterations = kSteps;
    options.step = step;
    gradient_descent(original.template at<double>(), x0, options, [&](const Iterate<double>& it) { xs.push_back(it.x); });
    options.step = scaled_step;
    bool normal = true;
    gradient_descent(scaled.template at<double>(), Vector<double>(std::ldexp(1.0, b) * x0), options,
                     [&](const Iterate<double>& it) {
                       scaled_xs.push_back(it.x);
                       normal = normal && zero_or_normal(it.x) && zero_or_normal(it.gradient) &&
                                zero_or_normal(Vector<double>(scaled_step * it.gradient));
                     });
    if (!normal) return;
    property_log().field("bitwise_cases", ++bitwise_cases);
    RC_ASSERT(xs.size() == scaled_xs.size());
    for (std::size_t t = 0; t < xs.size(); ++t) {
      if (scaled_xs[t] != std::ldexp(1.0, b) * xs[t]) {
        RC_FAIL("the run in other units is not 2^b times the original at step " + std::to_string(t) +
                " although every number stayed normal; " + where.str());
      }
    }
  });
}

}  // namespace
}  // namespace gdcheck

#include "theorems/descent_lemma.hpp"

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"

namespace gdcheck {
namespace {

using QuadraticLadder = InstanceLadder<Quadratic, QuadraticSpec>;

QuadraticSpec one_dimensional(double curvature) { return {{curvature}, RotationSpec{1, 0, 0}}; }

TEST(DescentLemmaHypotheses, NameWhatFails) {
  const Quadratic<double> f(one_dimensional(4));
  EXPECT_EQ(descent_lemma::hypotheses_violated(f, 0.25), "");
  EXPECT_EQ(descent_lemma::hypotheses_violated(f, 0.5), "step >= 2/L");
  EXPECT_EQ(descent_lemma::hypotheses_violated(f, 0.0), "step <= 0");
}

TEST(DescentLemmaCheck, HoldsClearlyWhereTheLemmaHasSlack) {
  // Two curvatures, L = 4: the gradient has weight on the flat direction, so
  // the actual decrease beats alpha (1 - L alpha/2) ||g||^2 by a wide margin.
  const Quadratic<double> f(QuadraticSpec{{4, 1}, RotationSpec{2, 0, 0}});
  const Vector<double> x = Vector<double>::Ones(2);
  const Verdict verdict = descent_lemma::check_step(f, x, 0.25);
  EXPECT_EQ(verdict.clarity, Clarity::holds) << verdict.describe();
  EXPECT_LT(verdict.ratio(), 1);
}

TEST(DescentLemmaCheck, IsTightAlongTheTopEigenvector) {
  // f = 2 x^2, alpha = 1/4: f(x+) = 0 exactly and the lemma demands
  // alpha (1 - 1/2) ||4x||^2 = 2 x^2: equality, so double cannot decide...
  const Quadratic<double> f(one_dimensional(4));
  const Verdict in_double = descent_lemma::check_step(f, Vector<double>::Ones(1), 0.25);
  EXPECT_EQ(in_double.clarity, Clarity::borderline) << in_double.describe();
  // ...and neither can 100 digits: the ladder ends borderline (equality), which passes.
  QuadraticLadder ladder(one_dimensional(4));
  const auto check = descent_lemma::check_run(ladder, Vector<double>::Ones(1), 0.25, 1);
  EXPECT_FALSE(check.violation);
  EXPECT_EQ(check.escalated_checks, 1);
}

TEST(DescentLemmaCheck, AViolationIsConfirmedAtTheTopOfTheLadder) {
  // alpha L = 2.5 > 2: |x| grows by 1.5 per step, f by 2.25.
  QuadraticLadder ladder(one_dimensional(4));
  const auto check = descent_lemma::check_run(ladder, Vector<double>::Ones(1), 0.625, 10);
  ASSERT_TRUE(check.violation);
  EXPECT_EQ(check.violation_step, 0);
  EXPECT_EQ(check.violation->precision, "decimal100");
  EXPECT_EQ(check.violation->escalations, 3);
  EXPECT_DOUBLE_EQ(check.violation->rhs, 2 - 2 * 2.25);  // f(x0) - f(x1)
}

TEST(Judge, NonFiniteMarginIsAViolationNotAPass) {
  EXPECT_EQ(judge(0.0, std::nan(""), 1.0).clarity, Clarity::violated);
  EXPECT_EQ(judge(0.0, 1.0, std::numeric_limits<double>::infinity()).clarity, Clarity::violated);
  EXPECT_EQ(judge(0.0, 1.0, 0.5).clarity, Clarity::holds);
  EXPECT_EQ(judge(0.0, 0.25, 0.5).clarity, Clarity::borderline);
  EXPECT_EQ(judge(1.0, 0.25, 0.5).clarity, Clarity::violated);
}

TEST(Judge, AViolationTellsMoreThanABorderlineVerdictWhichTellsMoreThanAClearOne) {
  const Verdict clear_tight = judge(0.99, 1.0, 0.001);   // holds, ratio 0.99
  const Verdict clear_loose = judge(0.5, 1.0, 0.001);    // holds, ratio 0.5
  const Verdict borderline = judge(0.1, 1.0, 1.0);       // borderline, ratio 0.1
  const Verdict violated = judge(2.0, 1.0, 0.001);
  EXPECT_TRUE(tells_more(clear_tight, clear_loose));
  EXPECT_FALSE(tells_more(clear_loose, clear_tight));
  EXPECT_TRUE(tells_more(borderline, clear_tight));  // so the ladder re-decides it
  EXPECT_TRUE(tells_more(violated, borderline));
  EXPECT_FALSE(tells_more(clear_tight, violated));
}

TEST(PrecisionLadder, StopsAtTheFirstClearVerdict) {
  int calls = 0;
  const Verdict verdict = decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    ++calls;
    // Clear from 50 digits on: margin 1e-40 against a rounding of 100 ulps.
    return judge(S(0), S(1e-40), S(100) * unit_roundoff<S>());
  });
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(verdict.precision, "decimal50");
  EXPECT_EQ(verdict.escalations, 2);
  EXPECT_EQ(verdict.clarity, Clarity::holds);
}

}  // namespace
}  // namespace gdcheck

#include "theorems/gradient_map.hpp"

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "theorems/precision_ladder.hpp"

namespace gdcheck {
namespace {

const QuadraticSpec kSpec{{3, -1, 0.25, 2}, RotationSpec{4, 4, 99}};

Verdict judge_iterate(const Vector<double>& x, const Vector<double>& x_next, double step) {
  InstanceLadder<Quadratic, QuadraticSpec> ladder(kSpec);
  Vector<double> g;
  ladder.at<double>().gradient(x, g);
  const double allowed = step_rounding_error(ladder.at<double>(), x, g, step);
  return decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    return check_gd_iterate(ladder.at<S>(), convert<S>(x), convert<S>(x_next), S(step), S(allowed));
  });
}

TEST(GdIterateCheck, AcceptsTheStepComputedInDouble) {
  const Quadratic<double> f(kSpec);
  const Vector<double> x = Vector<double>::LinSpaced(4, -1, 2);
  Vector<double> g;
  f.gradient(x, g);
  EXPECT_TRUE(judge_iterate(x, x - 0.1 * g, 0.1).passes());
  // Another correct rounding order (step * g computed as g * step, then added
  // as -(...)) differs in the last bits and is still within the bound.
  const Vector<double> reordered = -((g * 0.1) - x);
  EXPECT_TRUE(judge_iterate(x, reordered, 0.1).passes());
}

TEST(GdIterateCheck, RejectsAWrongStepOrSign) {
  const Quadratic<double> f(kSpec);
  const Vector<double> x = Vector<double>::LinSpaced(4, -1, 2);
  Vector<double> g;
  f.gradient(x, g);
  const Verdict too_long = judge_iterate(x, x - 0.1 * (1 + 1e-3) * g, 0.1);
  EXPECT_EQ(too_long.clarity, Clarity::violated) << too_long.describe();
  Vector<double> flipped = g;
  flipped(2) = -flipped(2);
  EXPECT_EQ(judge_iterate(x, x - 0.1 * flipped, 0.1).clarity, Clarity::violated);
}

}  // namespace
}  // namespace gdcheck

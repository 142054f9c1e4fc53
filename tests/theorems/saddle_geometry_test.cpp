// Unit tests of the saddle-geometry checks on cases with known answers.
#include <cmath>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "theorems/gradient_map_diffeomorphism.hpp"
#include "theorems/saddle_escape.hpp"
#include "theorems/stable_manifold.hpp"

namespace gdcheck {
namespace {

// f = (2 x^2 - y^2)/2: L = 2, a strict saddle at 0 with one negative eigenvalue.
Quadratic<double> saddle() { return Quadratic<double>(QuadraticSpec{{2.0, -1.0}, RotationSpec{2, 0, 0}}); }

TEST(GradientMapDiffeomorphism, InverseOfALinearMapIsExact) {
  const auto f = saddle();
  const double step = 0.25;  // alpha L = 0.5
  Vector<double> z(2);
  z << 1.0, -3.0;
  const auto preimage = gradient_map_diffeomorphism::inverse_gradient_map(f, z, step, 1e-14, 200);
  ASSERT_TRUE(preimage.converged);
  // g(x) = ((1 - 2 alpha) x, (1 + alpha) y): g^-1(z) = (z_1 / 0.5, z_2 / 1.25).
  EXPECT_NEAR(preimage.x(0), 2.0, 1e-13);
  EXPECT_NEAR(preimage.x(1), -2.4, 1e-13);
  EXPECT_TRUE(gradient_map_diffeomorphism::check_preimage(f, preimage.x, z, step, 1e-12).passes());
}

TEST(GradientMapDiffeomorphism, SpectrumCheckCatchesAnUnderstatedL) {
  const auto f = saddle();
  Vector<double> x = Vector<double>::Zero(2);
  EXPECT_EQ(gradient_map_diffeomorphism::check_jacobian_spectrum(f, x, 0.25).clarity, Clarity::borderline);  // attained
  // An injectivity pair along the top eigenvector attains 1 - alpha L exactly.
  Vector<double> y(2);
  y << 1.0, 0.0;
  EXPECT_TRUE(gradient_map_diffeomorphism::check_injectivity(f, x, y, 0.25).passes());
  EXPECT_NEAR(gradient_map_diffeomorphism::check_injectivity(f, x, y, 0.25).ratio(), 1.0, 1e-15);
}

TEST(StableManifold, CountsAtTheSaddle) {
  const auto f = saddle();
  const auto point = f.critical_points().at(0);
  const auto count = stable_manifold::count_stable_dimension(f, point, 0.25);
  EXPECT_EQ(count.stable, 1);
  EXPECT_EQ(count.non_negative, 1);
  EXPECT_EQ(count.negative, 1);
  EXPECT_EQ(count.verdict.clarity, Clarity::holds);
  // For alpha > 2/lambda_max the stable direction becomes unstable: the count breaks.
  EXPECT_EQ(stable_manifold::count_stable_dimension(f, point, 1.5).verdict.clarity, Clarity::violated);
}

// On the quadratic itself the growth factor is exactly 1 + alpha |lambda|, and
// without rounding the window is the law, one step wide.
TEST(SaddleEscape, WindowIsTheLawWithoutRounding) {
  const double growth = 1.5;
  const auto window = saddle_escape::escape_window(1e-10, 1.0, growth, growth, 0.0, 0.0);
  const double law = std::log(1e10) / std::log(growth);
  EXPECT_NEAR(window.earliest, law, 1e-8);
  EXPECT_EQ(window.latest, std::ceil(law));
  // Rounding larger than the distance: no upper end.
  EXPECT_TRUE(std::isinf(saddle_escape::escape_window(1e-20, 1.0, growth, growth, 1e-16, 0.0).latest));
}

TEST(SaddleEscape, RunOnTheQuadraticEscapesWhenTheLawSays) {
  const auto f = saddle();
  const double step = 0.25;
  Vector<double> x0(2), direction(2);
  x0 << 0.5, 1e-10;
  direction << 0.0, 1.0;
  const auto run = saddle_escape::run_until_escape(f, x0, Vector<double>::Zero(2), direction, step, 1.0, 1000);
  // y_t = 1e-10 * 1.25^t > 1 first at t = ceil(10 ln 10 / ln 1.25) = 104.
  EXPECT_EQ(run.escape_step, 104);
}

}  // namespace
}  // namespace gdcheck

#include "lib/objectives/quadratic.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "lib/random.hpp"

namespace gdcheck {
namespace {

QuadraticSpec random_spec(int dimension, std::uint64_t seed, bool indefinite) {
  Rng rng(seed);
  std::vector<double> eigenvalues;
  for (int i = 0; i < dimension; ++i) {
    const double lambda = std::pow(10.0, 6 * rng.uniform01() - 3);
    eigenvalues.push_back(indefinite && rng.uniform01() < 0.5 ? -lambda : lambda);
  }
  return QuadraticSpec{eigenvalues, RotationSpec{dimension, dimension, rng.bits()}};
}

TEST(QuadraticSpec, RejectsBadFieldsByName) {
  EXPECT_THROW(Quadratic<double>(QuadraticSpec{{}, RotationSpec{1, 0, 0}}), std::invalid_argument);
  try {
    Quadratic<double>(QuadraticSpec{{1, std::nan("")}, RotationSpec{2, 0, 0}});
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("QuadraticSpec.eigenvalues[1] = nan"), std::string::npos);
  }
  try {
    Quadratic<double>(QuadraticSpec{{1, 2}, RotationSpec{3, 0, 0}});
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "QuadraticSpec.rotation has dimension 3, expected 2");
  }
}

TEST(Quadratic, StatesItsConstantsExactly) {
  const Quadratic<double> indefinite(QuadraticSpec{{3, -7, 0.5}, RotationSpec{3, 3, 1}});
  ASSERT_TRUE(indefinite.gradient_lipschitz());
  EXPECT_EQ(indefinite.gradient_lipschitz()->value, 7);
  EXPECT_EQ(indefinite.gradient_lipschitz()->certainty, Certainty::exact);
  EXPECT_EQ(indefinite.hessian_lipschitz()->value, 0);
  EXPECT_FALSE(indefinite.lower_bound());  // unbounded below

  const Quadratic<double> convex(QuadraticSpec{{3, 0, 0.5}, RotationSpec{3, 3, 1}});
  ASSERT_TRUE(convex.lower_bound());
  EXPECT_EQ(convex.lower_bound()->value, 0);
}

TEST(Quadratic, RotationIsOrthogonalToItsPrecision) {
  const auto spec = random_spec(30, 7, true);
  const Quadratic<double> in_double(spec);
  const Quadratic<Decimal50> in_50_digits(spec);
  const auto defect = [](const auto& q) {
    using S = typename std::decay_t<decltype(q)>::Scalar;
    return static_cast<double>((q.transpose() * q - Matrix<S>::Identity(q.rows(), q.cols())).norm());
  };
  EXPECT_LT(defect(in_double.eigenvectors()), 1e-13);
  EXPECT_LT(defect(in_50_digits.eigenvectors()), 1e-46);
}

TEST(Quadratic, GradientAndValueAgreeWithTheMatrix) {
  const Quadratic<double> f(random_spec(8, 3, true));
  Rng rng(11);
  Vector<double> x(8);
  for (double& v : x) v = rng.normal();
  Vector<double> g;
  const double value = f.value_and_gradient(x, g);
  EXPECT_DOUBLE_EQ(value, f.value(x));
  EXPECT_LT((g - f.matrix() * x).norm(), 1e-15 * g.norm());
  EXPECT_EQ(f.hessian(x), f.matrix());
}

// The derived rounding bounds must cover the actual error: the double
// evaluation is compared with the 100-digit one of the same instance.
TEST(Quadratic, RoundingBoundsCoverTheActualErrorOfDouble) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto spec = random_spec(1 + static_cast<int>(seed % 50), seed, seed % 2 == 0);
    const Quadratic<double> fast(spec);
    const Quadratic<Decimal100> exact(spec);
    Rng rng(seed + 1000);
    Vector<double> x(spec.dimension());
    for (double& v : x) v = rng.normal() * std::pow(10.0, 4 * rng.uniform01() - 2);
    const Vector<Decimal100> wide_x = convert<Decimal100>(x);

    const double value_error = static_cast<double>(abs(Decimal100(fast.value(x)) - exact.value(wide_x)));
    EXPECT_LE(value_error, fast.value_rounding_error(x)) << "seed " << seed;

    Vector<double> g;
    Vector<Decimal100> wide_g;
    fast.gradient(x, g);
    exact.gradient(wide_x, wide_g);
    const double gradient_error = static_cast<double>((convert<Decimal100>(g) - wide_g).norm());
    EXPECT_LE(gradient_error, fast.gradient_rounding_error(x)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace gdcheck

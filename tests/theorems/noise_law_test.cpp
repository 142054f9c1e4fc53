// The noise-law checks' contracts (theorems/noise_law.hpp): what they refuse,
// and that the rounding allowance of the Gaussian-increment test stays far
// below the KS threshold it is added to (so it cannot hide a wrong scale).
#include "theorems/noise_law.hpp"

#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "lib/objectives/quadratic.hpp"

namespace gdcheck {
namespace {

const Quadratic<double>& bowl() {
  static const Quadratic<double> f(QuadraticSpec{{2.0, 0.5}, RotationSpec{2, 0, 0}});
  return f;
}

TEST(NoiseLaw, GaussianChecksRefuseRunsWhoseMovesAreNotGaussian) {
  LangevinOptions<double> mala;
  mala.step = 0.1;
  mala.metropolis_adjusted = true;
  EXPECT_THROW(noise_law::check_ula(bowl(), Vector<double>::Zero(2), mala, 1e-6), std::invalid_argument);
  StochasticGradientLangevinOptions with_oracle_noise;
  with_oracle_noise.step = 1;
  with_oracle_noise.noise = 1;
  with_oracle_noise.gradient_noise_second_moment = 0.5;
  EXPECT_THROW(noise_law::check_sgld(bowl(), Vector<double>::Zero(2), with_oracle_noise, 1e-6), std::invalid_argument);
  const Vector<double> unit = Vector<double>::Unit(2, 0);
  EXPECT_THROW(noise_law::check_sgld_oracle(bowl(), Vector<double>::Zero(2), with_oracle_noise, unit, 1e-6),
               std::invalid_argument);  // B > 0: the Brownian term is mixed in
  StochasticGradientLangevinOptions no_noise = with_oracle_noise;
  no_noise.gradient_noise_second_moment = 0;
  no_noise.noise = 0;
  EXPECT_THROW(noise_law::check_sgld(bowl(), Vector<double>::Zero(2), no_noise, 1e-6), std::invalid_argument);
  EXPECT_THROW(noise_law::check_sgld_oracle(bowl(), Vector<double>::Zero(2), no_noise, unit, 1e-6),
               std::invalid_argument);  // Q = 0: no oracle noise to judge
}

TEST(NoiseLaw, RoundingAllowanceIsFarBelowTheThreshold) {
  LangevinOptions<double> ula;
  ula.step = 0.1;
  ula.temperature = 1e-2;
  ula.metropolis_adjusted = false;
  ula.max_iterations = 1000;
  const auto reading = noise_law::check_ula(bowl(), Vector<double>::Constant(2, 1e3), ula, 1e-6);
  EXPECT_EQ(reading.samples, 2000);
  EXPECT_LT(reading.largest_rounding, 1e-6);  // x ~ 1e3, scale ~ 3e-3: gamma_4 * 1e3 / 3e-3 ~ 1.5e-10
  EXPECT_TRUE(reading.holds());
}

// The thresholds pinned against values computed independently (Python's
// math.sqrt and math.log on the closed form sqrt(log(2 / level) / (2 n)),
// with log(2 / 1e-300) = log 2 + 300 log 10): DKW itself, down to levels
// where 2 / level overflows, and the Bonferroni split of the direction test
// over the unit and the d axes, level / (d + 1) each.
TEST(NoiseLaw, ThresholdsMatchIndependentlyComputedValues) {
  EXPECT_NEAR(dkw_threshold(1000, 1e-6), 0.08517234803187071, 1e-15);
  EXPECT_NEAR(dkw_threshold(50, 1e-300), 2.6295791965232262, 1e-14);
  std::vector<Vector<double>> noises;
  for (int k = 0; k < 100; ++k) noises.push_back(Vector<double>::Unit(3, k % 3) + 0.25 * Vector<double>::Ones(3));
  const double threshold = noise_law::direction_test(noises, Vector<double>::Unit(3, 0), 1e-6).second;
  EXPECT_NEAR(threshold, 0.2819126824004563, 1e-15);  // n = 100 at 1e-6 / 4
}

}  // namespace
}  // namespace gdcheck

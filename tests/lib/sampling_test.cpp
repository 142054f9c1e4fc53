// The noise samplers are uniform: checked against their exact distributions
// with the Dvoretzky-Kiefer-Wolfowitz bound P(sup |F_n - F| > e) <= 2 exp(-2 n e^2)
// (Massart 1990), at level 1e-6: e = sqrt(ln(2 / 1e-6) / (2 n)). Seeds are
// fixed, so the tests are deterministic; the level says how unlikely a
// correct sampler is to fail for a seed.
#include "lib/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <vector>

#include <boost/math/special_functions/beta.hpp>
#include <gtest/gtest.h>

namespace gdcheck {
namespace {

constexpr int kSamples = 20000;
constexpr double kLevel = 1e-6;

double dkw_bound(int n) { return std::sqrt(std::log(2 / kLevel) / (2.0 * n)); }

double sup_distance(std::vector<double> samples, const std::function<double(double)>& cdf) {
  std::sort(samples.begin(), samples.end());
  const double n = static_cast<double>(samples.size());
  double worst = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const double f = cdf(samples[i]);
    worst = std::max({worst, std::abs(f - i / n), std::abs(f - (i + 1) / n)});
  }
  return worst;
}

// For xi uniform on S^{d-1}, (1 + <xi, e>)/2 ~ Beta((d-1)/2, (d-1)/2).
TEST(UniformOnSphere, NormIsTheRadiusAndProjectionsFollowTheirBetaLaw) {
  for (int d : {2, 3, 10, 50}) {
    Rng rng(100 + d);
    std::vector<double> projection;
    for (int k = 0; k < kSamples; ++k) {
      const Vector<double> xi = uniform_on_sphere(rng, d, 2.5);
      ASSERT_NEAR(xi.norm(), 2.5, 4 * 2.5 * 1e-16 * d);
      projection.push_back((1 + xi(k % d) / 2.5) / 2);
    }
    const double a = (d - 1) / 2.0;
    const double distance = sup_distance(projection, [a](double u) { return boost::math::ibeta(a, a, std::clamp(u, 0.0, 1.0)); });
    EXPECT_LT(distance, dkw_bound(kSamples)) << "d = " << d;
  }
}

// For xi uniform in the ball of radius r in R^d, P(||xi|| <= s) = (s/r)^d.
TEST(UniformInBall, NormsFollowTheirLaw) {
  for (int d : {1, 2, 5, 20}) {
    Rng rng(200 + d);
    std::vector<double> norms;
    for (int k = 0; k < kSamples; ++k) norms.push_back(uniform_in_ball(rng, d, 0.3).norm());
    EXPECT_LE(*std::max_element(norms.begin(), norms.end()), 0.3);
    const double distance = sup_distance(norms, [d](double s) { return std::pow(std::clamp(s / 0.3, 0.0, 1.0), d); });
    EXPECT_LT(distance, dkw_bound(kSamples)) << "d = " << d;
  }
}

// A wrong sampler must fail the same test: Gaussian coordinates clipped to
// the box and normalised are not uniform on the sphere.
TEST(UniformOnSphere, TheTestRejectsANonUniformSampler) {
  const int d = 3;
  Rng rng(7);
  std::vector<double> projection;
  for (int k = 0; k < kSamples; ++k) {
    Vector<double> v(d);
    for (double& entry : v) entry = 2 * rng.uniform01() - 1;  // uniform in the cube, then normalised
    projection.push_back((1 + v(0) / v.norm()) / 2);
  }
  const double distance = sup_distance(projection, [](double u) { return boost::math::ibeta(1.0, 1.0, std::clamp(u, 0.0, 1.0)); });
  EXPECT_GT(distance, dkw_bound(kSamples));
}

TEST(Sampling, BadInputIsNamed) {
  Rng rng(1);
  EXPECT_THROW(uniform_on_sphere(rng, 0), std::invalid_argument);
  EXPECT_THROW(uniform_on_sphere(rng, 3, -1.0), std::invalid_argument);
  EXPECT_THROW(uniform_in_ball(rng, 3, std::nan("")), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck

#include "lib/objectives/finite_sums.hpp"

#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

void LeastSquaresSpec::validate() const {
  require_positive("LeastSquaresSpec.samples", samples);
  require_positive("LeastSquaresSpec.dimension", dimension);
  require_finite("LeastSquaresSpec.noise", noise);
  require_non_negative("LeastSquaresSpec.noise", noise);
}

LeastSquaresData least_squares_data(const LeastSquaresSpec& spec) {
  spec.validate();
  Rng rng(spec.seed);
  LeastSquaresData data{Matrix<double>(spec.samples, spec.dimension), Vector<double>(spec.samples)};
  Vector<double> truth(spec.dimension);
  for (double& v : truth) v = rng.normal();
  for (int i = 0; i < spec.samples; ++i) {
    for (int j = 0; j < spec.dimension; ++j) data.design(i, j) = rng.normal();
  }
  data.targets = data.design * truth;
  for (double& b : data.targets) b += spec.noise * rng.normal();
  return data;
}

void SaddleFiniteSumSpec::validate() const {
  rest.validate();
  require_positive_finite("SaddleFiniteSumSpec.saddle.curvature", saddle.curvature);
  require_finite("SaddleFiniteSumSpec.saddle.tilt", saddle.tilt);
  if (!(saddle.depth > saddle.curvature) || !std::isfinite(saddle.depth)) {
    throw_invalid("SaddleFiniteSumSpec.saddle.depth", saddle.depth,
                  "must be finite and > curvature (" + describe_value(saddle.curvature) + ") for a strict saddle");
  }
  if (saddle.tilt != 0) throw_invalid("SaddleFiniteSumSpec.saddle.tilt", saddle.tilt, "must be 0 (the saddle sits at x_0 = 0)");
}

}  // namespace gdcheck

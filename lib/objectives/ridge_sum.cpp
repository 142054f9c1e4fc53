#include "lib/objectives/ridge_sum.hpp"

#include <cmath>
#include <numbers>

#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

void RidgeSumSpec::validate() const {
  require_positive("RidgeSumSpec.dimension", dimension);
  require_positive("RidgeSumSpec.ridges", ridges);
  require_finite("RidgeSumSpec.mu", mu);
  require_non_negative("RidgeSumSpec.mu", mu);
  require_positive_finite("RidgeSumSpec.amplitude", amplitude);
  require_positive_finite("RidgeSumSpec.frequency", frequency);
}

RidgeData ridge_data(const RidgeSumSpec& spec) {
  spec.validate();
  Rng rng(spec.seed);
  RidgeData data{Matrix<double>(spec.dimension, spec.ridges), Vector<double>(spec.ridges),
                 Vector<double>(spec.ridges)};
  const double scale = spec.frequency / std::sqrt(static_cast<double>(spec.dimension));
  for (int k = 0; k < spec.ridges; ++k) {
    for (int i = 0; i < spec.dimension; ++i) data.directions(i, k) = scale * rng.normal();
    data.amplitudes(k) = spec.amplitude * rng.normal();
    data.offsets(k) = 2 * std::numbers::pi * rng.uniform01();
  }
  return data;
}

}  // namespace gdcheck

#include "lib/objectives/random_rotation.hpp"

#include <stdexcept>

#include "lib/validate.hpp"

namespace gdcheck {

Matrix<double> rotation_reflection_vectors(const RotationSpec& spec) {
  require_positive("RotationSpec.dimension", spec.dimension);
  require_non_negative("RotationSpec.reflections", spec.reflections);
  Rng rng(spec.seed);
  Matrix<double> vectors(spec.dimension, spec.reflections);
  for (int k = 0; k < spec.reflections; ++k) {
    // A zero vector has probability zero, but a reflection needs v != 0.
    do {
      for (int i = 0; i < spec.dimension; ++i) vectors(i, k) = rng.normal();
    } while (vectors.col(k).squaredNorm() == 0.0);
  }
  return vectors;
}

}  // namespace gdcheck

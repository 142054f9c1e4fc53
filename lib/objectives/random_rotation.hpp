// A random orthogonal matrix that is the same matrix in every scalar type.
//
// The rotation is the product of `count` Householder reflections
// H_k = I - 2 v_k v_k^T / (v_k^T v_k) whose vectors v_k are standard normal
// doubles drawn from the seed. Those doubles are exact in every wider type, so
// Rotation<Decimal100> and Rotation<double> are roundings of one exact
// orthogonal matrix. This is what lets a borderline case be re-checked at
// higher precision on the *same* instance. With count = d the distribution
// is close to Haar measure; count = 0 gives the identity (axis-aligned).
#pragma once

#include <cstdint>
#include <vector>

#include "lib/linear_algebra.hpp"
#include "lib/random.hpp"

namespace gdcheck {

struct RotationSpec {
  int dimension = 1;
  int reflections = 0;  // 0 = identity
  std::uint64_t seed = 0;
};

// The reflection vectors, as exact doubles (one column per reflection).
Matrix<double> rotation_reflection_vectors(const RotationSpec& spec);

// The orthogonal matrix Q = H_1 H_2 ... H_k, computed in S.
template <Scalar S>
Matrix<S> rotation_matrix(const RotationSpec& spec) {
  const Matrix<S> vectors = convert<S>(rotation_reflection_vectors(spec));
  Matrix<S> q = Matrix<S>::Identity(spec.dimension, spec.dimension);
  // Apply the reflections from the left, last first: Q = H_1 (H_2 (... I)).
  for (int k = spec.reflections - 1; k >= 0; --k) {
    const Vector<S> v = vectors.col(k);
    const S scale = S(2) / v.squaredNorm();
    const Eigen::Matrix<S, 1, Eigen::Dynamic> vt_q = v.transpose() * q;
    q.noalias() -= (scale * v) * vt_q;
  }
  return q;
}

// Bound on ||fl(Q) - Q||_2 for rotation_matrix<S>: k reflections, each
// applied with one dot product and one update per column, give
// k sqrt(d) gamma_{4d+8} (Higham, Accuracy and Stability, Lemmas 19.3, 19.9).
// An underflow in Q's entries is no term of its own: the bound is relative to
// ||Q||_2 = 1, and k sqrt(d) (4d + 8) underflow units are far below it.
template <Scalar S>
S rotation_rounding_error(const RotationSpec& spec) {
  using std::sqrt;
  return S(spec.reflections) * sqrt(S(spec.dimension)) * rounding_gamma<S>(4.0 * spec.dimension + 8);
}

}  // namespace gdcheck

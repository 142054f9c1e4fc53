// Eigenvalues of a symmetric matrix with a bound on their rounding error,
// compiled once per scalar type (the eigensolver is the costliest code to
// instantiate in multiprecision: ~50 s per unit that does it).
#pragma once

#include "lib/linear_algebra.hpp"
#include "lib/scalar/scalar_types.hpp"

namespace gdcheck {

template <Scalar S>
struct Spectrum {
  Vector<S> eigenvalues;  // ascending
  S rounding;             // bound on each eigenvalue's rounding error
};

template <Scalar S>
struct SymmetricEigenvalues {
  // The eigenvalues of `matrix` (symmetric), with rounding bound
  // gamma_{4d + extra_roundings} ||matrix||_F: the symmetric eigensolver is
  // backward stable with error O(d u ||A||_F) (Golub & Van Loan, Matrix
  // Computations, section 8.4), and the entries carry `extra_roundings`
  // roundings of their own. With underflow (rounding_model.hpp) each of the
  // d^2 entries of the backward error carries as many absolute terms, whence
  // rounding_bound(4d + extra, ||A||_F, d^2). Throws std::invalid_argument
  // for a non-square matrix.
  static Spectrum<S> of(const Matrix<S>& matrix, int extra_roundings);

  // That bound, gamma_{4d + extra_roundings} ||A||_F, for eigenvalues known
  // otherwise (e.g. a family's listed spectrum) judged with the same slack.
  static S rounding_bound(long dimension, int extra_roundings, const S& frobenius_norm) {
    return ::gdcheck::rounding_bound<S>(4.0 * dimension + extra_roundings, frobenius_norm,
                                        double(dimension) * double(dimension));
  }
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(SymmetricEigenvalues);

}  // namespace gdcheck

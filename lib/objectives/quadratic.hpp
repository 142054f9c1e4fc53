// f(x) = x^T A x / 2 with A = Q diag(lambda) Q^T: prescribed eigenvalues of any
// sign, rotated by a seeded random orthogonal Q.
//
// The lecture's model problem for the step-size bound: on a quadratic the
// descent lemma is tight along the top eigenvector, and alpha = 2/L is exactly
// where GD stops descending (theory.md section 1).
#pragma once

#include <optional>
#include <vector>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/objectives/random_rotation.hpp"

namespace gdcheck {

struct QuadraticSpec {
  std::vector<double> eigenvalues;  // finite, any sign; the dimension is their count
  RotationSpec rotation;            // rotation.dimension must equal eigenvalues.size()

  int dimension() const { return static_cast<int>(eigenvalues.size()); }
  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

template <Scalar S>
class Quadratic {
 public:
  using Scalar = S;

  explicit Quadratic(const QuadraticSpec& spec);

  int dimension() const { return static_cast<int>(matrix_.rows()); }

  // Out of line (quadratic_impl.hpp): the matrix-vector product is compiled
  // once per scalar type in lib, not in every unit that evaluates f.
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const;
  Matrix<S> hessian(const Vector<S>&) const { return matrix_; }

  // L = max |lambda_i|, exact; rho = 0, exact; f* = 0 if A >= 0, else none.
  std::optional<Certified<S>> gradient_lipschitz() const {
    return Certified<S>{gradient_lipschitz_, Certainty::exact};
  }
  std::optional<Certified<S>> hessian_lipschitz() const {
    return Certified<S>{S(0), Certainty::exact};
  }
  std::optional<Certified<S>> lower_bound() const {
    if (has_negative_eigenvalue_) return std::nullopt;
    return Certified<S>{S(0), Certainty::exact};
  }

  // Rounding, with eta = matrix_error_ >= ||fl(A) - A||_2 (see quadratic.cpp):
  // |fl(x.Ax)/2 - x.Ax/2| <= ||x||^2 (eta + 2 gamma_{d+1} sqrt(d) L) / 2 and
  // ||fl(Ax) - Ax|| <= ||x|| (eta + gamma_d sqrt(d) L), from Higham's dot
  // product bound |fl(x.y) - x.y| <= gamma_n |x|.|y| and ||(|A|)||_2 <= sqrt(d) ||A||_2.
  S value_rounding_error(const Vector<S>& x) const {
    // fl(A x) has d products per entry and x . (A x) d more (rounding_model.hpp).
    return x.squaredNorm() * (matrix_error_ + 2 * product_error_) / 2 + underflow_bound<S>(2.0 * dimension() + 2);
  }
  S gradient_rounding_error(const Vector<S>& x) const {
    return bound_norm(x) * (matrix_error_ + product_error_) + underflow_bound<S>(dimension() + 1.0, dimension());
  }

  // The origin, with the spectrum sorted ascending.
  std::vector<CriticalPoint<S>> critical_points() const;

  // The eigen-decomposition the instance was built from: A = Q diag(lambda) Q^T.
  const Vector<S>& eigenvalues() const { return eigenvalues_; }
  const Matrix<S>& eigenvectors() const { return eigenvectors_; }
  const Matrix<S>& matrix() const { return matrix_; }

 private:
  Vector<S> eigenvalues_;
  Matrix<S> eigenvectors_;
  Matrix<S> matrix_;
  S gradient_lipschitz_;
  bool has_negative_eigenvalue_;
  S matrix_error_;   // >= ||fl(A) - A||_2
  S product_error_;  // gamma_{d+1} sqrt(d) L: rounding of one product A x
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(Quadratic);

}  // namespace gdcheck

// Every dense matrix product in gdcheck is evaluated coefficient by
// coefficient (Eigen's lazyProduct), never by its GEMM or GEMV kernels.
//
// Why: those kernels (cache blocking, packing, register tiles) pay off for
// matrices of a few hundred rows in double; gdcheck's are a few dozen at most,
// and Eigen itself switches to the coefficient-based product below
// rhs.rows() + dst.rows() + dst.cols() < 20. For software numbers the kernels
// buy nothing at any size. Yet instantiating them costs seconds of compile
// time per scalar type in every unit that multiplies matrices: removing them
// took a clean build from 266 s to 210 s on 2 cores (issue 14;
// docs/build-profile.md).
// Only the order of the sums can differ from Eigen's default, and every
// rounding bound in gdcheck holds for any summation order (Higham 3.1).
//
// This header must be seen before any product is used, so that all units
// agree on it: lib/scalar/scalar_types.hpp includes it, and every gdcheck
// header includes that.
#pragma once

#include <Eigen/Core>

namespace Eigen::internal {

template <class Lhs, class Rhs>
struct CoefficientwiseProduct : generic_product_impl<Lhs, Rhs, DenseShape, DenseShape, CoeffBasedProductMode> {
  using Scalar = typename Product<Lhs, Rhs>::Scalar;
  // GEMM's entry point, which other kernels (triangular and Householder
  // updates) call directly.
  template <class Dst>
  static void scaleAndAddTo(Dst& dst, const Lhs& lhs, const Rhs& rhs, const Scalar& alpha) {
    dst.noalias() += alpha * lhs.lazyProduct(rhs);
  }
};

// More specialized than Eigen's own (same arguments, plus a constraint), so
// these win for every dense product Eigen would send to GEMM or GEMV.
template <class Lhs, class Rhs>
  requires true
struct generic_product_impl<Lhs, Rhs, DenseShape, DenseShape, GemmProduct> : CoefficientwiseProduct<Lhs, Rhs> {};

template <class Lhs, class Rhs>
  requires true
struct generic_product_impl<Lhs, Rhs, DenseShape, DenseShape, GemvProduct> : CoefficientwiseProduct<Lhs, Rhs> {};

}  // namespace Eigen::internal

// Eigen support for Boost.Multiprecision numbers without expression templates.
//
// Why our own: Boost 1.74's <boost/multiprecision/eigen.hpp> was written for
// Eigen 3.3. With Eigen 3.4 its NumTraits lacks infinity(), quiet_NaN() and
// digits(), so SelfAdjointEigenSolver, the SVDs and stableNorm do not compile,
// and its lowest() returns the smallest positive number instead of -max.
// Do not include Boost's eigen.hpp anywhere in gdcheck: the two would clash.
#pragma once

#include <limits>

#include <Eigen/Core>
#include <boost/multiprecision/number.hpp>

namespace Eigen {

template <class Backend>
struct NumTraits<boost::multiprecision::number<Backend, boost::multiprecision::et_off>>
    : GenericNumTraits<boost::multiprecision::number<Backend, boost::multiprecision::et_off>> {
  using Self = boost::multiprecision::number<Backend, boost::multiprecision::et_off>;
  using Real = Self;
  using NonInteger = Self;
  using Literal = Self;
  using Nested = Self;
  using limits = std::numeric_limits<Self>;

  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    // Software arithmetic: make Eigen's cost model prefer fewer operations.
    ReadCost = 1,
    AddCost = 16,
    MulCost = 32,
  };

  static Self epsilon() { return limits::epsilon(); }
  // Eigen's default for double is 1e-12 ~ 2^12 epsilon; keep the same ratio.
  static Self dummy_precision() { return Self(4096) * limits::epsilon(); }
  static Self highest() { return (limits::max)(); }
  static Self lowest() { return -(limits::max)(); }
  static Self infinity() { return limits::infinity(); }
  static Self quiet_NaN() { return limits::quiet_NaN(); }
  static int digits() { return limits::digits; }
  static int digits10() { return limits::digits10; }
  static int min_exponent() { return limits::min_exponent; }
  static int max_exponent() { return limits::max_exponent; }
};

}  // namespace Eigen


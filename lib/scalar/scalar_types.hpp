// The scalar types gdcheck computes in, from fast to exact enough.
//
// The precision ladder double -> Float128 -> Decimal50 -> Decimal100 is the
// order in which a borderline case is re-checked (theorems/escalation.hpp).
// All three multiprecision types have expression templates off, so `auto` of
// an arithmetic expression is a value, as with double.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include <boost/multiprecision/float128.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include "lib/scalar/eigen_multiprecision.hpp"
#include "lib/scalar/eigen_products.hpp"
#include "lib/scalar/rounding_model.hpp"

namespace gdcheck {

// IEEE binary128 (113-bit significand, ~34 digits), via libquadmath.
using Float128 = boost::multiprecision::float128;
// 50 and 100 significant decimal digits: binary floating point of 168 and
// 334 bits, every operation and function correctly rounded (MPFR), no
// subnormals (a result below min() rounds to 0 or to min()). MPFR rather
// than Boost's header-only cpp_bin_float (issue 23): cpp_bin_float's
// arithmetic is templates that every unit computing in these types compiled
// again (a unit of 100-digit Eigen GD: 5.3 s against 1.3 s with MPFR's
// calls), and MPFR runs faster. Same bits, same rounding: +, -, *, /, sqrt,
// hypot and the conversion to double give the same numbers in both; exp,
// log, pow, sin, tanh differ in the last bit (cpp_bin_float's are not
// correctly rounded). The numbers live on the stack (allocate_stack): no
// heap traffic per temporary.
using Decimal50 = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<50, boost::multiprecision::allocate_stack>, boost::multiprecision::et_off>;
using Decimal100 = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<100, boost::multiprecision::allocate_stack>,
    boost::multiprecision::et_off>;

template <class S>
struct ScalarTraits;  // defined for the four scalar types only

template <>
struct ScalarTraits<double> {
  static constexpr std::string_view name = "double";
  using Higher = Float128;
};
template <>
struct ScalarTraits<Float128> {
  static constexpr std::string_view name = "float128";
  using Higher = Decimal50;
};
template <>
struct ScalarTraits<Decimal50> {
  static constexpr std::string_view name = "decimal50";
  using Higher = Decimal100;
};
template <>
struct ScalarTraits<Decimal100> {
  static constexpr std::string_view name = "decimal100";
  using Higher = void;  // the top of the ladder
};

template <class S>
concept Scalar = requires { ScalarTraits<S>::name; };

template <Scalar S>
constexpr bool is_top_precision = std::is_void_v<typename ScalarTraits<S>::Higher>;

// Conversions between scalar types. Widening a double is exact; narrowing
// rounds to nearest.
template <Scalar To, class From>
To scalar_cast(const From& x) {
  if constexpr (std::is_same_v<To, double>) {
    return static_cast<double>(x);
  } else {
    return To(x);
  }
}

}  // namespace gdcheck

// Declares that Template<S> is explicitly instantiated, for every scalar type,
// in the generated units of gdcheck_instantiate() (cmake/gdcheck_helpers.cmake):
// other units then use those instead of compiling their own.
#define GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(Template)   \
  extern template class Template<double>;                   \
  extern template class Template<::gdcheck::Float128>;      \
  extern template class Template<::gdcheck::Decimal50>;     \
  extern template class Template<::gdcheck::Decimal100>

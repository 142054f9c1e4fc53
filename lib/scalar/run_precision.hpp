// The floating-point type a run under test computes its steps in. gdcheck's
// own optimizers compute in double; a user's (properties/check_your_optimizer.hpp)
// may compute in float, and then every rounding bound that judges its
// iterates uses float's unit roundoff and underflow unit instead of double's.
#pragma once

#include <string_view>

namespace gdcheck {

enum class Precision {
  float32,  // IEEE binary32 (float): u = 2^-24, smallest subnormal 2^-149
  float64,  // IEEE binary64 (double): u = 2^-53, smallest subnormal 2^-1074
};

// The C++ type's name, for messages: "float" or "double".
constexpr std::string_view precision_name(Precision precision) {
  return precision == Precision::float32 ? "float" : "double";
}

}  // namespace gdcheck

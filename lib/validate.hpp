// Argument checks that throw std::invalid_argument naming the field and the
// offending value, so a bad option is reported, never crashed on.
#pragma once

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gdcheck {

template <class T>
std::string describe_value(const T& value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

template <class T>
[[noreturn]] void throw_invalid(std::string_view field, const T& value, std::string_view expected) {
  throw std::invalid_argument(std::string(field) + " = " + describe_value(value) + ": " +
                              std::string(expected));
}

template <class T>
void require_finite(std::string_view field, const T& value) {
  using std::isfinite;
  if (!isfinite(value)) throw_invalid(field, value, "must be finite");
}

template <class T>
void require_positive(std::string_view field, const T& value) {
  using std::isnan;
  if (isnan(value) || !(value > 0)) throw_invalid(field, value, "must be > 0");
}

template <class T>
void require_positive_finite(std::string_view field, const T& value) {
  require_finite(field, value);
  require_positive(field, value);
}

template <class T>
void require_non_negative(std::string_view field, const T& value) {
  using std::isnan;
  if (isnan(value) || value < 0) throw_invalid(field, value, "must be >= 0");
}

inline void require_same_dimension(std::string_view field, long actual, long expected) {
  if (actual != expected) {
    throw std::invalid_argument(std::string(field) + " has dimension " + std::to_string(actual) +
                                ", expected " + std::to_string(expected));
  }
}

}  // namespace gdcheck

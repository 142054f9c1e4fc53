#include "theorems/verdict.hpp"

#include <cstdio>

namespace gdcheck {

std::string Verdict::describe() const {
  char text[320];
  std::snprintf(text, sizeof text,
                "%s in %s (escalations %d): lhs %.17g, rhs %.17g, margin %.17g, rounding bound %.3g",
                std::string(to_string(clarity)).c_str(), std::string(precision).c_str(), escalations,
                lhs, rhs, margin, rounding);
  return text;
}

}  // namespace gdcheck

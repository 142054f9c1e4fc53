// The outcome of checking one claim "lhs <= rhs" at one point.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "lib/scalar/scalar_types.hpp"

namespace gdcheck {

enum class Clarity {
  holds,       // rhs - lhs > rounding: true whatever the rounding did
  borderline,  // |rhs - lhs| <= rounding: the working precision cannot tell
  violated,    // rhs - lhs < -rounding: false whatever the rounding did
};

constexpr std::string_view to_string(Clarity clarity) {
  switch (clarity) {
    case Clarity::holds: return "holds";
    case Clarity::borderline: return "borderline";
    case Clarity::violated: return "violated";
  }
  return "unknown";
}

// Numbers are rounded to double for the report only; every comparison that
// decided `clarity` was made in the precision named by `precision`.
struct Verdict {
  Clarity clarity = Clarity::holds;
  double lhs = 0;       // what the theorem demands (e.g. the guaranteed decrease)
  double rhs = 0;       // what was observed (e.g. the actual decrease)
  double margin = 0;    // rhs - lhs
  double rounding = 0;  // bound on the rounding error of margin
  std::string_view precision = "double";
  int escalations = 0;  // rungs climbed on the precision ladder to decide

  // A borderline verdict at the top of the ladder means equality to within
  // 100-digit rounding; the theorems' inequalities are non-strict, so it passes.
  bool passes() const { return clarity != Clarity::violated; }

  // observed/bound in the sense "fraction of the guarantee used": lhs/rhs,
  // <= 1 when the claim holds, near 1 when it is tight; NaN when undefined.
  double ratio() const {
    if (lhs > 0 && rhs > 0) return lhs / rhs;
    return std::numeric_limits<double>::quiet_NaN();
  }

  std::string describe() const;
};

// Whether `candidate` tells more than `current` about a set of checks: a
// violation beats a borderline verdict, which beats a clear one (so the
// precision ladder re-decides it); among equals, the larger ratio.
inline bool tells_more(const Verdict& candidate, const Verdict& current) {
  if (candidate.clarity != current.clarity) {
    return static_cast<int>(candidate.clarity) > static_cast<int>(current.clarity);
  }
  return candidate.ratio() > current.ratio() || (std::isnan(current.ratio()) && !std::isnan(candidate.ratio()));
}

// Judges lhs <= rhs in S given a bound on the rounding error of rhs - lhs.
template <Scalar S>
Verdict judge(const S& lhs, const S& rhs, const S& rounding) {
  using std::isfinite;
  const S margin = rhs - lhs;
  Verdict v;
  // A NaN or infinite margin decides nothing in any precision: it is reported
  // as a violation (the run left the numbers), never waved through.
  v.clarity = !(isfinite(margin) && isfinite(rounding)) ? Clarity::violated
              : margin > rounding ? Clarity::holds
              : margin < -rounding ? Clarity::violated
                                   : Clarity::borderline;
  v.lhs = static_cast<double>(lhs);
  v.rhs = static_cast<double>(rhs);
  v.margin = static_cast<double>(margin);
  v.rounding = static_cast<double>(rounding);
  v.precision = ScalarTraits<S>::name;
  return v;
}

}  // namespace gdcheck

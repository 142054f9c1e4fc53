// Deciding a claim that the working precision cannot decide.
//
// design.md: "Where the margin is within the rounding error of the scalar
// type, the case is re-run at higher precision (double -> 128-bit -> 50
// digits -> 100 digits) until the verdict is clear". A violation is climbed
// to the top too, so every reported counterexample is confirmed at 100 digits.
#pragma once

#include <optional>
#include <tuple>
#include <type_traits>

#include "lib/scalar/scalar_types.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck {

// check_at(std::type_identity<T>{}) evaluates the claim in T and returns its
// Verdict. Starting at S, climbs while the verdict is not `holds`.
template <Scalar S = double, class CheckAt>
Verdict decide_on_ladder(CheckAt&& check_at, int escalations = 0) {
  Verdict verdict = check_at(std::type_identity<S>{});
  verdict.escalations = escalations;
  if constexpr (is_top_precision<S>) {
    return verdict;
  } else {
    if (verdict.clarity == Clarity::holds) return verdict;
    return decide_on_ladder<typename ScalarTraits<S>::Higher>(check_at, escalations + 1);
  }
}

// One instance of an objective family in every precision, each built from the
// same spec on first use (the spec's numbers are exact doubles, so all four
// are roundings of one function).
template <template <class> class Family, class Spec>
class InstanceLadder {
 public:
  explicit InstanceLadder(Spec spec) : spec_(std::move(spec)) {}

  const Spec& spec() const { return spec_; }

  template <Scalar S>
  const Family<S>& at() {
    auto& slot = std::get<std::optional<Family<S>>>(instances_);
    if (!slot) slot.emplace(spec_);
    return *slot;
  }

 private:
  Spec spec_;
  std::tuple<std::optional<Family<double>>, std::optional<Family<Float128>>,
             std::optional<Family<Decimal50>>, std::optional<Family<Decimal100>>>
      instances_;
};

}  // namespace gdcheck

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

#include "lib/objectives/any_objective.hpp"
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

// One objective in every precision, each seen as AnyObjective<S>: what the
// checks compiled once take (issue 23), so that they are compiled per scalar
// type, not per family. at<S>() builds the instance on first use.
class ObjectiveLadder {
 public:
  template <Scalar S>
  const AnyObjective<S>& at() {
    return erased(std::type_identity<S>{});
  }

 protected:
  ObjectiveLadder() = default;
  ObjectiveLadder(const ObjectiveLadder&) = default;
  ObjectiveLadder& operator=(const ObjectiveLadder&) = default;
  ~ObjectiveLadder() = default;

  virtual const AnyObjective<double>& erased(std::type_identity<double>) = 0;
  virtual const AnyObjective<Float128>& erased(std::type_identity<Float128>) = 0;
  virtual const AnyObjective<Decimal50>& erased(std::type_identity<Decimal50>) = 0;
  virtual const AnyObjective<Decimal100>& erased(std::type_identity<Decimal100>) = 0;
};

// One instance of an objective family in every precision, each built from the
// same spec on first use (the spec's numbers are exact doubles, so all four
// are roundings of one function). at<S>() is the typed Family<S>; as an
// ObjectiveLadder, the same instances behind AnyObjective<S>.
template <template <class> class Family, class Spec>
class InstanceLadder final : public ObjectiveLadder {
 public:
  explicit InstanceLadder(Spec spec) : spec_(std::move(spec)) {}
  InstanceLadder(const InstanceLadder&) = default;
  // Out of line: compiled once with the ladder (compiled_checks.hpp).
  ~InstanceLadder();
  const Spec& spec() const { return spec_; }
  template <Scalar S>
  const Family<S>& at() {
    auto& slot = std::get<std::optional<ErasedObjective<Family<S>>>>(instances_);
    if (!slot) slot.emplace(std::in_place, spec_);
    return slot->objective();
  }

 private:
  const AnyObjective<double>& erased(std::type_identity<double>) override { return erased_at<double>(); }
  const AnyObjective<Float128>& erased(std::type_identity<Float128>) override { return erased_at<Float128>(); }
  const AnyObjective<Decimal50>& erased(std::type_identity<Decimal50>) override { return erased_at<Decimal50>(); }
  const AnyObjective<Decimal100>& erased(std::type_identity<Decimal100>) override { return erased_at<Decimal100>(); }
  template <Scalar S>
  const AnyObjective<S>& erased_at() {
    at<S>();
    return *std::get<std::optional<ErasedObjective<Family<S>>>>(instances_);
  }

  Spec spec_;
  std::tuple<std::optional<ErasedObjective<Family<double>>>, std::optional<ErasedObjective<Family<Float128>>>,
             std::optional<ErasedObjective<Family<Decimal50>>>, std::optional<ErasedObjective<Family<Decimal100>>>>
      instances_;
};

template <template <class> class Family, class Spec>
InstanceLadder<Family, Spec>::~InstanceLadder() = default;

}  // namespace gdcheck

// The checks every objective family must pass (ctest label `objective`),
// written once as a type-parameterised gtest suite. A family joins with a
// traits struct (family_traits.hpp) and one INSTANTIATE_TYPED_TEST_SUITE_P:
//
//   struct Traits {
//     template <class S> using Family = ...;            // the family template
//     using Spec = ...;
//     static rc::Gen<Spec> specs();                     // from properties/objective_generators.hpp
//     static Vector<double> point(const Family<double>&, Rng&);   // a test point (in its domain)
//     // for exact constants: where they are attained
//     static Vector<double> lipschitz_witness(const Family<double>&);
//     static std::pair<Vector<double>, Vector<double>> hessian_lipschitz_witness(const Family<double>&);
//     // optional: compare only nearby pairs (a non-convex domain)
//     static constexpr bool local_pairs_only = true;
//   };
//
// The checks themselves (objective_family_checks.cpp) see the family through
// ErasedObjective, so their multiprecision code is compiled once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "lib/random.hpp"
#include "properties/generators.hpp"
#include "tests/lib/objectives/erased_objective.hpp"

namespace gdcheck::testing {

// Each check fails the current RapidCheck case (RC_ASSERT) with what is wrong.
void check_derivatives_at_50_digits(const ErasedObjective<Decimal50>& f, const Vector<Decimal50>& x);
void check_constants_on_pair(const ErasedObjective<double>& f, const Vector<double>& x, const Vector<double>& y);
void check_exact_constants(const ErasedObjective<double>& f, const std::optional<Vector<double>>& lipschitz_witness,
                           const std::optional<std::pair<Vector<double>, Vector<double>>>& hessian_witness);
void check_critical_points_at_50_digits(const ErasedObjective<Decimal50>& f);
void check_rounding_bounds(const ErasedObjective<double>& fast, const ErasedObjective<Decimal100>& exact,
                           const Vector<double>& x);
// The same at x moved to binade `binade` (every entry times a power of two,
// spread over 17 binades, so entries land anywhere from the subnormals to
// near overflow). A point whose value or gradient overflows in double is out
// of range, not judged; returns whether it was judged.
bool check_rounding_bounds_at_scale(const ErasedObjective<double>& fast, const ErasedObjective<Decimal100>& exact,
                                    const Vector<double>& x, int binade);

// rc::check of one case body. The typed suite's bodies go through this
// non-template function, so RapidCheck's runner is compiled once for all
// families instead of once per (test, family) pair (50 lambdas: about a third
// of the suite's code and compile time).
bool check_case(const std::function<void()>& body);

// A test point: normal entries times a scale.
Vector<double> normal_point(int dimension, Rng& rng, double scale = 1);

template <class Traits, class S>
auto build(const typename Traits::Spec& spec) {
  return std::make_shared<const typename Traits::template Family<S>>(spec);
}

template <class Traits>
class ObjectiveFamily : public ::testing::Test {};
TYPED_TEST_SUITE_P(ObjectiveFamily);

TYPED_TEST_P(ObjectiveFamily, DerivativesMatchFiniteDifferencesAt50Digits) {
  ASSERT_TRUE(check_case([] {
    using T = TypeParam;
    const auto spec = *T::specs();
    Rng rng(*gen::seed());
    const auto fast = build<T, double>(spec);
    check_derivatives_at_50_digits(erase(build<T, Decimal50>(spec)), convert<Decimal50>(T::point(*fast, rng)));
  }));
}

TYPED_TEST_P(ObjectiveFamily, StatedConstantsAreNeverExceeded) {
  ASSERT_TRUE(check_case([] {
    using T = TypeParam;
    const auto fast = build<T, double>(*T::specs());
    const auto erased = erase(fast);
    Rng rng(*gen::seed());
    for (int sample = 0; sample < 20; ++sample) {
      const Vector<double> x = T::point(*fast, rng);
      Vector<double> y = T::point(*fast, rng);
      if constexpr (requires { T::local_pairs_only; }) y = x + 1e-3 * (y - x);
      check_constants_on_pair(erased, x, y);
    }
  }));
}

TYPED_TEST_P(ObjectiveFamily, ExactConstantsAreAttained) {
  ASSERT_TRUE(check_case([] {
    using T = TypeParam;
    const auto fast = build<T, double>(*T::specs());
    std::optional<Vector<double>> lipschitz_witness;
    std::optional<std::pair<Vector<double>, Vector<double>>> hessian_witness;
    if constexpr (requires { T::lipschitz_witness(*fast); }) lipschitz_witness = T::lipschitz_witness(*fast);
    if constexpr (requires { T::hessian_lipschitz_witness(*fast); }) {
      hessian_witness = T::hessian_lipschitz_witness(*fast);
    }
    check_exact_constants(erase(fast), lipschitz_witness, hessian_witness);
  }));
}

TYPED_TEST_P(ObjectiveFamily, CriticalPointsAreWhatTheyClaim) {
  using T = TypeParam;
  if constexpr (!requires(const typename T::template Family<double>& f) { f.critical_points(); }) {
    GTEST_SKIP() << "the family lists no critical points";
  } else {
    ASSERT_TRUE(check_case([] { check_critical_points_at_50_digits(erase(build<T, Decimal50>(*T::specs()))); }));
  }
}

// One generated instance in double and at 100 digits, and five of its
// points, each given to check(fast, exact, point).
template <class T, class Check>
void check_rounding_at_five_points(Check check) {
  const auto spec = *T::specs();
  Rng rng(*gen::seed());
  const auto fast = build<T, double>(spec);
  const auto fast_erased = erase(fast);
  const auto exact = erase(build<T, Decimal100>(spec));
  for (int sample = 0; sample < 5; ++sample) check(fast_erased, exact, T::point(*fast, rng));
}

TYPED_TEST_P(ObjectiveFamily, RoundingBoundsCoverDoubleAgainst100Digits) {
  ASSERT_TRUE(check_case([] { check_rounding_at_five_points<TypeParam>(check_rounding_bounds); }));
}

// Issue 22: the bounds hold at every scale double has, subnormals included
// (lib/scalar/rounding_model.hpp), not only near 1.
TYPED_TEST_P(ObjectiveFamily, RoundingBoundsCoverEveryScale) {
  ASSERT_TRUE(check_case([] {
    check_rounding_at_five_points<TypeParam>([](const auto& fast, const auto& exact, const Vector<double>& x) {
      check_rounding_bounds_at_scale(fast, exact, x, *gen::binade_at_every_scale());
    });
  }));
}

REGISTER_TYPED_TEST_SUITE_P(ObjectiveFamily, DerivativesMatchFiniteDifferencesAt50Digits,
                            StatedConstantsAreNeverExceeded, ExactConstantsAreAttained,
                            CriticalPointsAreWhatTheyClaim, RoundingBoundsCoverDoubleAgainst100Digits,
                            RoundingBoundsCoverEveryScale);

}  // namespace gdcheck::testing

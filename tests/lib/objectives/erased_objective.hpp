// A type-erased view of an objective in one of the scalar types, so that the
// family checks (objective_family_checks.cpp) compile once for all families
// instead of once per family: the multiprecision Eigen code is what is slow
// to compile.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"

namespace gdcheck::testing {

template <class S>
struct ErasedObjective {
  int dimension = 0;
  std::function<S(const Vector<S>&)> value;
  std::function<Vector<S>(const Vector<S>&)> gradient;
  std::function<Matrix<S>(const Vector<S>&)> hessian;
  std::function<S(const Vector<S>&)> value_rounding_error;
  std::function<S(const Vector<S>&)> gradient_rounding_error;
  std::optional<Certified<S>> gradient_lipschitz, hessian_lipschitz, lower_bound;
  // The family's critical_points(), computed on demand (listing them can be
  // costly at 100 digits); empty when the family lists none.
  std::function<std::vector<CriticalPoint<S>>()> critical_points;
};

template <Objective F>
ErasedObjective<typename F::Scalar> erase(std::shared_ptr<const F> f) {
  using S = typename F::Scalar;
  ErasedObjective<S> e;
  e.dimension = f->dimension();
  e.value = [f](const Vector<S>& x) { return f->value(x); };
  e.gradient = [f](const Vector<S>& x) {
    Vector<S> g;
    f->gradient(x, g);
    return g;
  };
  e.hessian = [f](const Vector<S>& x) { return Matrix<S>(f->hessian(x)); };
  e.value_rounding_error = [f](const Vector<S>& x) { return f->value_rounding_error(x); };
  e.gradient_rounding_error = [f](const Vector<S>& x) { return f->gradient_rounding_error(x); };
  e.gradient_lipschitz = f->gradient_lipschitz();
  e.hessian_lipschitz = f->hessian_lipschitz();
  e.lower_bound = f->lower_bound();
  if constexpr (requires { f->critical_points(); }) e.critical_points = [f] { return f->critical_points(); };
  return e;
}

}  // namespace gdcheck::testing

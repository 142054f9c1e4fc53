// The objective concept: what every function the theorems run on provides.
//
// Any class satisfies it (ensmallen's idea: no base class), by providing
//   using Scalar = S;                       one of the scalar types
//   int dimension() const;
//   S value(const Vector<S>& x) const;
//   void gradient(const Vector<S>& x, Vector<S>& g) const;        g = grad f(x)
//   S value_and_gradient(const Vector<S>& x, Vector<S>& g) const; both at once
//   Matrix<S> hessian(const Vector<S>& x) const;
// its certified constants, each std::nullopt when none holds globally,
//   std::optional<Certified<S>> gradient_lipschitz() const;  L:   ||grad f(x) - grad f(y)|| <= L ||x - y||
//   std::optional<Certified<S>> hessian_lipschitz() const;   rho: ||hess f(x) - hess f(y)||_2 <= rho ||x - y||
//   std::optional<Certified<S>> lower_bound() const;         f(x) >= lower_bound for all x
// and bounds on its own rounding error, which is what lets a theorem check
// tell a real violation from rounding noise:
//   S value_rounding_error(const Vector<S>& x) const;     >= |fl(value(x)) - f(x)|
//   S gradient_rounding_error(const Vector<S>& x) const;  >= ||fl(gradient(x)) - grad f(x)||
// where f is the exact function the instance stands for (the same function in
// every scalar type, see random_rotation.hpp).
#pragma once

#include <concepts>
#include <optional>

#include "lib/linear_algebra.hpp"

namespace gdcheck {

enum class Certainty {
  exact,  // the constant is attained (or approached) by the function
  bound,  // a valid bound in the safe direction: upper for L and rho, lower for f*
};

template <class S>
struct Certified {
  S value;
  Certainty certainty;
};

// A critical point a family knows in closed form (or solved to full precision).
enum class CriticalKind {
  global_minimum,
  local_minimum,      // not global
  strict_saddle,      // lambda_min(hess) < 0 and some lambda > 0
  non_strict_saddle,  // lambda_min(hess) = 0, not a minimum
  local_maximum,      // every lambda < 0
};

template <class S>
struct CriticalPoint {
  Vector<S> x;
  Vector<S> hessian_eigenvalues;  // ascending
  CriticalKind kind;
};

template <class F>
concept Objective = Scalar<typename F::Scalar> &&
    requires(const F& f, const Vector<typename F::Scalar>& x, Vector<typename F::Scalar>& g) {
  { f.dimension() } -> std::convertible_to<int>;
  { f.value(x) } -> std::same_as<typename F::Scalar>;
  { f.gradient(x, g) };
  { f.value_and_gradient(x, g) } -> std::same_as<typename F::Scalar>;
  { f.hessian(x) } -> std::convertible_to<Matrix<typename F::Scalar>>;
  { f.gradient_lipschitz() } -> std::same_as<std::optional<Certified<typename F::Scalar>>>;
  { f.hessian_lipschitz() } -> std::same_as<std::optional<Certified<typename F::Scalar>>>;
  { f.lower_bound() } -> std::same_as<std::optional<Certified<typename F::Scalar>>>;
  { f.value_rounding_error(x) } -> std::same_as<typename F::Scalar>;
  { f.gradient_rounding_error(x) } -> std::same_as<typename F::Scalar>;
};

}  // namespace gdcheck

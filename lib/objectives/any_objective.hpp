// Any objective of scalar type S behind one interface (issue 23).
//
// The Objective concept (objective.hpp) lets any class be an objective with no
// base class, which keeps the families fast and simple, but a check written
// over it is compiled once per family. A check written over AnyObjective<S>
// instead is compiled once per scalar type, in one place, and runs on every
// family through ErasedObjective: the same arithmetic in the same order
// behind a virtual call, so its verdicts are those of the typed check.
#pragma once

#include <optional>
#include <utility>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

// The Objective concept's members, virtual. AnyObjective<S> satisfies Objective.
template <Scalar S>
class AnyObjective {
 public:
  using Scalar = S;
  virtual ~AnyObjective() = default;

  virtual int dimension() const = 0;
  virtual S value(const Vector<S>& x) const = 0;
  virtual void gradient(const Vector<S>& x, Vector<S>& g) const = 0;
  virtual S value_and_gradient(const Vector<S>& x, Vector<S>& g) const = 0;
  virtual Matrix<S> hessian(const Vector<S>& x) const = 0;
  virtual std::optional<Certified<S>> gradient_lipschitz() const = 0;
  virtual std::optional<Certified<S>> hessian_lipschitz() const = 0;
  virtual std::optional<Certified<S>> lower_bound() const = 0;
  virtual S value_rounding_error(const Vector<S>& x) const = 0;
  virtual S gradient_rounding_error(const Vector<S>& x) const = 0;

 protected:
  AnyObjective() = default;
  AnyObjective(const AnyObjective&) = default;
  AnyObjective& operator=(const AnyObjective&) = default;
};

// Owns an F and presents it as AnyObjective<F::Scalar>.
template <Objective F>
class ErasedObjective final : public AnyObjective<typename F::Scalar> {
 public:
  using S = typename F::Scalar;
  // Builds the F in place from its constructor's arguments (a family's spec).
  template <class... Args>
  explicit ErasedObjective(std::in_place_t, Args&&... args) : f_(std::forward<Args>(args)...) {}
  ErasedObjective(const ErasedObjective&) = default;
  // Out of line, so that an explicit instantiation (theorems/precision_ladder.cpp)
  // compiles F's destructor once, not in every unit that holds an instance.
  ~ErasedObjective() override;

  const F& objective() const { return f_; }

  int dimension() const override { return f_.dimension(); }
  S value(const Vector<S>& x) const override { return f_.value(x); }
  void gradient(const Vector<S>& x, Vector<S>& g) const override { f_.gradient(x, g); }
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const override { return f_.value_and_gradient(x, g); }
  Matrix<S> hessian(const Vector<S>& x) const override { return f_.hessian(x); }
  std::optional<Certified<S>> gradient_lipschitz() const override { return f_.gradient_lipschitz(); }
  std::optional<Certified<S>> hessian_lipschitz() const override { return f_.hessian_lipschitz(); }
  std::optional<Certified<S>> lower_bound() const override { return f_.lower_bound(); }
  S value_rounding_error(const Vector<S>& x) const override { return f_.value_rounding_error(x); }
  S gradient_rounding_error(const Vector<S>& x) const override { return f_.gradient_rounding_error(x); }

 private:
  F f_;
};

template <Objective F>
ErasedObjective<F>::~ErasedObjective() = default;

}  // namespace gdcheck

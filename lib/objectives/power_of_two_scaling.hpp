// Any family seen in other units: f_scaled(x) = 2^a f(2^-b x).
//
// A power of two scales exactly in binary floating point while the numbers
// stay normal, so GD on f_scaled with alpha' = 2^(2b - a) alpha from 2^b x0
// runs through exactly 2^b x_t (alpha L is unchanged: L' = 2^(a - 2b) L), and
// every verdict of the suite must be the same at every (a, b) for which
// nothing overflows (issue 22, item 3). Where numbers fall among the
// subnormals the runs differ by roundings, which the bounds of
// lib/scalar/rounding_model.hpp must cover: that is what the metamorphic
// property checks.
#pragma once

#include <cmath>
#include <limits>
#include <optional>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

template <class BaseSpec>
struct PowerOfTwoScalingSpec {
  BaseSpec base;
  int value_exponent = 0;     // a: values times 2^a
  int argument_exponent = 0;  // b: the argument is 2^b times the base's
};

template <template <class> class Family, class BaseSpec>
struct PowerOfTwoScaled {
  template <Scalar S>
  class Of {
   public:
    using Scalar = S;
    explicit Of(const PowerOfTwoScalingSpec<BaseSpec>& spec)
        : base_(spec.base),
          value_scale_(power_of_two(spec.value_exponent)),
          argument_scale_(power_of_two(-spec.argument_exponent)),
          gradient_scale_(power_of_two(spec.value_exponent - spec.argument_exponent)),
          hessian_scale_(power_of_two(spec.value_exponent - 2 * spec.argument_exponent)) {}

    int dimension() const { return base_.dimension(); }
    S value(const Vector<S>& x) const { return value_scale_ * base_.value(inner(x)); }
    void gradient(const Vector<S>& x, Vector<S>& g) const {
      base_.gradient(inner(x), g);
      g *= gradient_scale_;
    }
    S value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
      const S v = base_.value_and_gradient(inner(x), g);
      g *= gradient_scale_;
      return value_scale_ * v;
    }
    Matrix<S> hessian(const Vector<S>& x) const { return hessian_scale_ * base_.hessian(inner(x)); }

    std::optional<Certified<S>> gradient_lipschitz() const { return scaled(base_.gradient_lipschitz(), hessian_scale_, 1); }
    std::optional<Certified<S>> hessian_lipschitz() const {
      return scaled(base_.hessian_lipschitz(), hessian_scale_ * argument_scale_, 1);
    }
    std::optional<Certified<S>> lower_bound() const { return scaled(base_.lower_bound(), value_scale_, -1); }

    // The base's bounds at y = fl(2^-b x), scaled; plus what the scalings
    // themselves round when they leave the normal range: y is off by at most
    // one underflow per entry, e_y = underflow_bound(1, d), which moves f by
    // ||grad f(y)|| e_y + L e_y^2 / 2 and grad f by L e_y; each result's
    // scaling may underflow once more (rounding_model.hpp).
    S value_rounding_error(const Vector<S>& x) const {
      const Vector<S> y = inner(x);
      Vector<S> g;
      base_.gradient(y, g);
      const S moved = argument_underflow();
      const S lipschitz = base_.gradient_lipschitz() ? base_.gradient_lipschitz()->value : S(0);
      return value_scale_ * (base_.value_rounding_error(y) +
                             (bound_norm(g) + base_.gradient_rounding_error(y)) * moved +
                             lipschitz * moved * moved / 2) +
             underflow_bound<S>(1);
    }
    S gradient_rounding_error(const Vector<S>& x) const {
      const Vector<S> y = inner(x);
      const S lipschitz = base_.gradient_lipschitz() ? base_.gradient_lipschitz()->value : S(0);
      return gradient_scale_ * (base_.gradient_rounding_error(y) + lipschitz * argument_underflow()) +
             underflow_bound<S>(1, dimension());
    }

    const Family<S>& base() const { return base_; }

   private:
    static S power_of_two(int exponent) {
      using std::ldexp;
      return ldexp(S(1), exponent);
    }
    // A constant times a power of two is exact unless it lands below the
    // normal range; then it is rounded outward (`direction` +1 for upper
    // bounds, -1 for lower ones) and is a bound, no longer exact.
    static std::optional<Certified<S>> scaled(const std::optional<Certified<S>>& c, const S& factor, int direction) {
      using std::abs;
      if (!c) return std::nullopt;
      const S value = c->value * factor;
      if (c->value == 0 || abs(value) >= (std::numeric_limits<S>::min)()) return Certified<S>{value, c->certainty};
      return Certified<S>{value + S(direction) * underflow_unit<S>(), Certainty::bound};
    }
    Vector<S> inner(const Vector<S>& x) const { return argument_scale_ * x; }
    S argument_underflow() const { return underflow_bound<S>(1, dimension()); }

    Family<S> base_;
    S value_scale_, argument_scale_, gradient_scale_, hessian_scale_;
  };
};

}  // namespace gdcheck

// gdcheck's own noisy GD and PGD as callables: the default optimizer under
// test in the run checks (theorems/perturbed_gd_budget.hpp,
// theorems/noise_law.hpp). A test plugs in a variant with the same call
// signature (tests/theorems/broken_optimizers_test.cpp). GD's is in
// theorems/gradient_map.hpp (LibraryGradientDescent).
#pragma once

#include <utility>

#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"

namespace gdcheck {

struct LibraryNoisyGradientDescent {
  template <Objective F, class Observer>
  RunResult<typename F::Scalar> operator()(const F& f, const Vector<typename F::Scalar>& x0,
                                           const NoisyGradientDescentOptions<typename F::Scalar>& options,
                                           Observer&& observer) const {
    return noisy_gradient_descent(f, x0, options, std::forward<Observer>(observer));
  }
};

struct LibraryPerturbedGradientDescent {
  template <Objective F, class Observer>
  PerturbedRunResult<typename F::Scalar> operator()(const F& f, const Vector<typename F::Scalar>& x0,
                                                    const PerturbedGradientDescentOptions<typename F::Scalar>& options,
                                                    Observer&& observer) const {
    return perturbed_gradient_descent(f, x0, options, std::forward<Observer>(observer));
  }
};

}  // namespace gdcheck

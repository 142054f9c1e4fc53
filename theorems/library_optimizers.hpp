// gdcheck's own optimizers as callables: the default optimizer under test in
// every run check (theorems/descent_lemma.hpp, perturbed_gd_budget.hpp,
// noise_law.hpp, sgd_batch_law.hpp, langevin_sampling.hpp). A check takes
// the optimizer as a template argument so that a test can plug in a variant
// with the same call signature (tests/theorems/broken_optimizers_test.cpp):
// the check that keeps the library green must turn the variant red.
#pragma once

#include <utility>

#include "lib/optimizers/gradient_descent.hpp"
#include "lib/optimizers/langevin.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"

namespace gdcheck {

struct LibraryGradientDescent {
  template <Objective F, class Observer>
  RunResult<typename F::Scalar> operator()(const F& f, const Vector<typename F::Scalar>& x0,
                                           const GradientDescentOptions<typename F::Scalar>& options,
                                           Observer&& observer) const {
    return gradient_descent(f, x0, options, std::forward<Observer>(observer));
  }
};

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

struct LibraryStochasticGradientDescent {
  template <FiniteSum F, class Observer>
  RunResult<double> operator()(const F& f, const Vector<double>& x0,
                               const StochasticGradientDescentOptions<double>& options, Observer&& observer) const {
    return stochastic_gradient_descent(f, x0, options, std::forward<Observer>(observer));
  }
};

struct LibraryLangevin {
  template <Objective F, class Observer>
  LangevinRun<double> operator()(const F& f, const Vector<double>& x0, const LangevinOptions<double>& options,
                                 Observer&& observer) const {
    return langevin(f, x0, options, std::forward<Observer>(observer));
  }
};

struct LibraryStochasticGradientLangevin {
  template <Objective F, class Observer>
  RunResult<double> operator()(const F& f, const Vector<double>& x0, const StochasticGradientLangevinOptions& options,
                               Observer&& observer) const {
    return stochastic_gradient_langevin(f, x0, options, std::forward<Observer>(observer));
  }
};

}  // namespace gdcheck

// The case of SGD's batch-law property, over any implementation of SGD: the
// suite's own (properties/sgd_noise.cpp) and a user's through its adapter
// (check_your_optimizer.hpp). One piece of code, so that a user's SGD is
// held to exactly the claims, generators, case counts and false-alarm rate
// of the library's.
#pragma once

#include <functional>

#include "lib/objectives/finite_sums.hpp"
#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "theorems/sgd_batch_law.hpp"

namespace gdcheck {

// An SGD: options.max_iterations steps of x <- x - alpha (1/b) sum_{i in B_t}
// grad f_i(x), batches drawn from options.seed with options.sampling,
// showing the observer every iterate x_0..x_N. Called from one thread per case.
using StochasticGradientDescentImplementation = std::function<RunResult<double>(
    const LeastSquares<double>& f, const Vector<double>& x0, const StochasticGradientDescentOptions<double>& options,
    const std::function<void(const Iterate<double>&)>& observer)>;

// The library's stochastic_gradient_descent.
StochasticGradientDescentImplementation library_stochastic_gradient_descent();

// Per case, the index or subset law fails a correct SGD with probability at
// most kBatchLawLevel (exact Clopper-Pearson, Bonferroni over the cells); the
// step rule never does.
inline constexpr double kBatchLawLevel = 1e-6;

struct BatchLawCase {
  LeastSquaresSpec spec;
  StochasticGradientDescentOptions<double> options;
  Vector<double> x0;
};

// m in 2..6 components, d in 1..4, b in 1..min(3, m - 1) (b < m, so that
// dividing by m instead of b cannot pass), alpha = 0.5/L, 3000 steps from a
// random start; sampled with or without replacement, or
// (only_with_replacement) with.
BatchLawCase batch_law_case(bool only_with_replacement);

// One case of "sgd-batch-law/steps-and-index-law": every step of the run is
// alpha times the mean of some batch's component gradients within one step's
// rounding, and the batches' law is uniform (theorems/sgd_batch_law.hpp).
// Together they make the step an unbiased estimate of the gradient step.
void sgd_batch_law_case(const StochasticGradientDescentImplementation& sgd);

// sgd_batch_law::check_run of `sgd` on f (c's instance) from c.x0 with
// c.options at kBatchLawLevel: sgd_batch_law_case's reading, compiled once
// here, also for the control that plants a biased sampler (sgd_noise.cpp).
sgd_batch_law::LawReading read_batch_law(const LeastSquares<double>& f, const BatchLawCase& c,
                                         const StochasticGradientDescentImplementation& sgd);

}  // namespace gdcheck

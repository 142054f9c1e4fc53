// Stochastic gradient descent on a finite sum f = (1/m) sum_i f_i:
//     x_{t+1} = x_t - alpha (1/b) sum_{i in B_t} grad f_i(x_t),
// B_t a batch of b component indices drawn uniformly, with or without
// replacement (theory.md section 6; lecture slide "SGD"). With b = 1 it is
// the lecture's SGD: one uniformly drawn component per step. Either way the
// batch gradient is an unbiased estimate of grad f(x_t): its noise
// xi_t = batch gradient - grad f(x_t) has mean 0, but its covariance is the
// components' spread, which can vanish in whole directions (the point of
// theorems/sgd_noise.hpp).
#pragma once

#include <cstdint>
#include <limits>
#include <numeric>
#include <string_view>
#include <vector>

#include "lib/objectives/finite_sums.hpp"
#include "lib/optimizers/run_result.hpp"
#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

enum class BatchSampling {
  with_replacement,     // b independent uniform indices
  without_replacement,  // a uniform b-subset of the m indices
};

constexpr std::string_view to_string(BatchSampling sampling) {
  return sampling == BatchSampling::with_replacement ? "with replacement" : "without replacement";
}

template <Scalar S>
struct StochasticGradientDescentOptions {
  S step = S(0);               // alpha: > 0 and finite
  long max_iterations = 1000;  // budget of steps, >= 0
  int batch_size = 1;          // b: 1 <= b <= m (the number of components)
  BatchSampling sampling = BatchSampling::with_replacement;
  std::uint64_t seed = 0;      // the batches' seed: the run is a function of it
  S divergence_threshold = std::numeric_limits<S>::infinity();  // > 0

  // `components` is m, the finite sum's number of components.
  void validate(int components) const {
    require_positive_finite("StochasticGradientDescentOptions.step", step);
    require_non_negative("StochasticGradientDescentOptions.max_iterations", max_iterations);
    require_positive("StochasticGradientDescentOptions.batch_size", batch_size);
    if (batch_size > components) {
      throw_invalid("StochasticGradientDescentOptions.batch_size", batch_size,
                    "must be <= the number of components m = " + std::to_string(components));
    }
    if (sampling != BatchSampling::with_replacement && sampling != BatchSampling::without_replacement) {
      throw_invalid("StochasticGradientDescentOptions.sampling", static_cast<int>(sampling), "unknown sampling");
    }
    require_positive("StochasticGradientDescentOptions.divergence_threshold", divergence_threshold);
  }
};

// Draws the batch of step t into `batch` (size b). Without replacement it is
// the first b entries of a partial Fisher-Yates shuffle of 0..m-1, so every
// b-subset is equally likely. Indices come from rng.bits() by rejection, so
// each is exactly uniform (no modulo bias).
inline void draw_batch(Rng& rng, int components, int batch_size, BatchSampling sampling,
                       std::vector<int>& batch, std::vector<int>& scratch) {
  const auto uniform_below = [&rng](std::uint64_t n) {
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t r;
    do r = rng.bits(); while (r >= limit);
    return static_cast<int>(r % n);
  };
  batch.resize(batch_size);
  if (sampling == BatchSampling::with_replacement) {
    for (int& index : batch) index = uniform_below(components);
    return;
  }
  scratch.resize(components);
  std::iota(scratch.begin(), scratch.end(), 0);
  for (int k = 0; k < batch_size; ++k) {
    std::swap(scratch[k], scratch[k + uniform_below(components - k)]);
    batch[k] = scratch[k];
  }
}

// Runs SGD from x0 for max_iterations steps (it has no stopping rule: its
// steps do not vanish where grad f does). The observer sees each iterate
// with f and the full gradient grad f(x_t), not the batch's, so a check can
// recover the noise as (x_t - x_{t+1})/alpha - grad f(x_t); it may end the
// run by returning true. Throws std::invalid_argument for invalid options or
// a bad start point.
template <FiniteSum F, class Observer = NoObserver>
RunResult<typename F::Scalar> stochastic_gradient_descent(
    const F& f, const Vector<typename F::Scalar>& x0,
    const StochasticGradientDescentOptions<typename F::Scalar>& options, Observer&& observer = {}) {
  using S = typename F::Scalar;
  options.validate(f.components());
  require_start_point(x0, f.dimension());

  Rng rng(options.seed);
  RunResult<S> result{RunStatus::budget_spent, x0, S(0), S(0), 0};
  Vector<S>& x = result.x;
  Vector<S> g(x.size()), component(x.size()), batch_gradient(x.size());
  std::vector<int> batch, scratch;
  for (long t = 0;; ++t) {
    if (evaluate_and_observe(f, t, observer, result, g)) return result;
    if (t == options.max_iterations) return result;
    draw_batch(rng, f.components(), options.batch_size, options.sampling, batch, scratch);
    batch_gradient.setZero();
    for (const int i : batch) {
      f.component_value_and_gradient(i, x, component);
      batch_gradient += component;
    }
    x.noalias() -= (options.step / S(options.batch_size)) * batch_gradient;
    if (ends_diverged(f, t + 1, options.divergence_threshold, result, g)) return result;
  }
}

}  // namespace gdcheck

// Runs per second of SGD and noisy GD as the stochastic properties use them:
// one run of 500 steps on a saddle finite sum (d = 1 + 5, m = 24) from its
// saddle, SGD with b = 1 and b = 12 (with and without replacement), noisy GD
// with the same step. The statistical properties do 200 such runs per case.
#include <benchmark/benchmark.h>

#include "lib/objectives/finite_sums.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_descent.hpp"

namespace gdcheck::bench {
namespace {

constexpr long kSteps = 500;

const SaddleFiniteSum<double>& instance() {
  static const SaddleFiniteSum<double> f(SaddleFiniteSumSpec{WellPieceSpec{1, 2.5, 0}, LeastSquaresSpec{24, 5, 0.5, 3}});
  return f;
}

void sgd(benchmark::State& state, int batch, BatchSampling sampling) {
  StochasticGradientDescentOptions<double> options;
  options.step = 1 / (2 * instance().component_gradient_lipschitz().value);
  options.max_iterations = kSteps;
  options.batch_size = batch;
  options.sampling = sampling;
  const Vector<double> start = Vector<double>::Zero(instance().dimension());
  for (auto _ : state) {
    ++options.seed;
    benchmark::DoNotOptimize(stochastic_gradient_descent(instance(), start, options).x.data());
  }
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void sgd_one_component(benchmark::State& state) { sgd(state, 1, BatchSampling::with_replacement); }
void sgd_batch_with_replacement(benchmark::State& state) { sgd(state, 12, BatchSampling::with_replacement); }
void sgd_batch_without_replacement(benchmark::State& state) { sgd(state, 12, BatchSampling::without_replacement); }

void noisy_gd(benchmark::State& state) {
  NoisyGradientDescentOptions<double> options;
  options.step = 1 / (2 * instance().component_gradient_lipschitz().value);
  options.max_iterations = kSteps;
  const Vector<double> start = Vector<double>::Zero(instance().dimension());
  for (auto _ : state) {
    ++options.seed;
    benchmark::DoNotOptimize(noisy_gradient_descent(instance(), start, options).x.data());
  }
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(sgd_one_component);
BENCHMARK(sgd_batch_with_replacement);
BENCHMARK(sgd_batch_without_replacement);
BENCHMARK(noisy_gd);

}  // namespace
}  // namespace gdcheck::bench

// Runs per second of the stochastic optimizers as the statistical properties
// use them: one run of 500 steps on a saddle finite sum (d = 1 + 5, m = 24)
// from its saddle, SGD with b = 1 and b = 12 (with and without replacement),
// noisy GD with the same step; and one SGLD run of 10^4 steps (Gelfand-Mitter
// schedule, Q = 1) on a 1-D tilted double well, as the annealing property
// does 400 times per case.
#include <benchmark/benchmark.h>

#include "lib/objectives/finite_sums.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"

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

void sgld_annealing(benchmark::State& state) {
  const WellPieceSpec well{1, 2, 0.1};
  const SeparableWells<double> f(SeparableWellsSpec{{well}, {PieceShape::double_well}, RotationSpec{1, 0, 0}});
  StochasticGradientLangevinOptions options;
  options.step = 8.0 / WellPiece<double>(well).curvature_bound();
  options.noise = 2.0;
  options.gradient_noise_second_moment = 1;
  options.max_iterations = 10000;
  const Vector<double> start = Vector<double>::Zero(1);
  for (auto _ : state) {
    ++options.seed;
    benchmark::DoNotOptimize(stochastic_gradient_langevin(f, start, options).x.data());
  }
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(sgd_one_component);
BENCHMARK(sgd_batch_with_replacement);
BENCHMARK(sgd_batch_without_replacement);
BENCHMARK(noisy_gd);
BENCHMARK(sgld_annealing);

}  // namespace
}  // namespace gdcheck::bench

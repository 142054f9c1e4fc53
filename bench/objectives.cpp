// value_and_gradient of each objective family in double, at (about) d = 10
// and d = 100: ns per call. The 1-D class is sized by its number of pieces,
// the deep linear chain by depth 2 and width 2 / 7 (8 / 98 parameters), the
// ReLU net by 5 inputs and width 2 / 20.
#include <benchmark/benchmark.h>

#include "lib/objectives/deep_linear_chain.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "lib/objectives/nesterov_saddle.hpp"
#include "lib/objectives/octopus.hpp"
#include "lib/objectives/piecewise_curvature.hpp"
#include "lib/objectives/quadratic.hpp"
#include "lib/objectives/ridge_sum.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/two_layer_relu.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "lib/random.hpp"

namespace gdcheck::bench {
namespace {

template <class F>
void value_and_gradient(benchmark::State& state, const F& f) {
  Rng rng(7);
  Vector<double> x(f.dimension()), g(f.dimension());
  for (double& v : x) v = rng.normal();
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.value_and_gradient(x, g));
    benchmark::DoNotOptimize(g.data());
  }
  state.counters["d"] = f.dimension();
}

int d(const benchmark::State& state) { return static_cast<int>(state.range(0)); }

void quadratic(benchmark::State& state) {
  std::vector<double> lambda(d(state), 1.0);
  value_and_gradient(state, Quadratic<double>(QuadraticSpec{lambda, RotationSpec{d(state), d(state), 1}}));
}
void separable_wells(benchmark::State& state) {
  SeparableWellsSpec spec;
  for (int i = 0; i < d(state); ++i) {
    spec.pieces.push_back(WellPieceSpec{1, i % 2 ? 3.0 : 0.5, 0});
    spec.shapes.push_back(i % 2 ? PieceShape::double_well : PieceShape::convex);
  }
  spec.rotation = RotationSpec{d(state), d(state), 1};
  value_and_gradient(state, SeparableWells<double>(spec));
}
void ridge_sum(benchmark::State& state) {
  value_and_gradient(state, RidgeSum<double>(RidgeSumSpec{d(state), d(state), 1, 1, 1, 1}));
}
void piecewise_curvature(benchmark::State& state) {
  PiecewiseCurvatureSpec spec;
  for (int k = 0; k < d(state); ++k) spec.breakpoints.push_back(k - d(state) / 2.0);
  spec.curvatures.assign(d(state) + 1, 1.0);
  value_and_gradient(state, PiecewiseCurvature<double>(spec));
}
void nesterov(benchmark::State& state) { value_and_gradient(state, NesterovSaddle<double>()); }
void octopus(benchmark::State& state) { value_and_gradient(state, Octopus<double>(OctopusSpec{d(state), 2.718281828459045, 1, 1})); }
void least_squares(benchmark::State& state) {
  value_and_gradient(state, LeastSquares<double>(LeastSquaresSpec{2 * d(state), d(state), 0.1, 1}));
}
void saddle_finite_sum(benchmark::State& state) {
  value_and_gradient(state, SaddleFiniteSum<double>(SaddleFiniteSumSpec{{1, 2, 0}, {2 * d(state), d(state) - 1, 0.1, 1}}));
}
void deep_linear_chain(benchmark::State& state) {
  value_and_gradient(state, DeepLinearChain<double>(DeepLinearChainSpec{2, d(state) == 10 ? 2 : 7, 1, 1}));
}
void two_layer_relu(benchmark::State& state) {
  value_and_gradient(state, TwoLayerRelu<double>(TwoLayerReluSpec{8, 5, d(state) / 5, 1}));
}

BENCHMARK(quadratic)->Arg(10)->Arg(100);
BENCHMARK(separable_wells)->Arg(10)->Arg(100);
BENCHMARK(ridge_sum)->Arg(10)->Arg(100);
BENCHMARK(piecewise_curvature)->Arg(10)->Arg(100);
BENCHMARK(nesterov)->Arg(2);
BENCHMARK(octopus)->Arg(10)->Arg(100);
BENCHMARK(least_squares)->Arg(10)->Arg(100);
BENCHMARK(saddle_finite_sum)->Arg(10)->Arg(100);
BENCHMARK(deep_linear_chain)->Arg(10)->Arg(100);
BENCHMARK(two_layer_relu)->Arg(10)->Arg(100);

}  // namespace
}  // namespace gdcheck::bench

namespace gdcheck::bench {
namespace {
// The worst-case search's unit of work: a 10-step GD run on a member of the
// 1-D class (8 pieces) in double, from construction to the last iterate.
void gd_run_one_dimensional_n10(benchmark::State& state) {
  PiecewiseCurvatureSpec spec;
  for (int k = 0; k < 7; ++k) spec.breakpoints.push_back(k - 3.0);
  spec.curvatures = {0.5, -0.3, 1, 0.2, -1, 0.7, 0.1, 0.9};
  spec.anchor_slope = 2;
  GradientDescentOptions<double> options;
  options.step = 0.5;
  options.max_iterations = 10;
  for (auto _ : state) {
    const PiecewiseCurvature<double> f(spec);
    auto result = gradient_descent(f, Vector<double>::Zero(1), options);
    benchmark::DoNotOptimize(result.x.data());
  }
}
BENCHMARK(gd_run_one_dimensional_n10);
}  // namespace
}  // namespace gdcheck::bench

namespace gdcheck::bench {
namespace {
// The octopus experiment's unit of work: 1000 GD steps at d = 10 in double
// (eta = 1/4, from the box start region), and the same in Decimal50, where
// the experiment runs d >= 7. Reported per run; steps/s = 1000 / time.
template <class S>
void octopus_gd_1000_steps(benchmark::State& state) {
  const Octopus<S> f(OctopusSpec{10, 2.718281828459045, 1, 1});
  GradientDescentOptions<S> options;
  options.step = S(0.25);
  options.max_iterations = 1000;
  const Vector<S> x0 = Vector<S>::Constant(10, S(0.5));
  for (auto _ : state) {
    auto result = gradient_descent(f, x0, options);
    benchmark::DoNotOptimize(result.x.data());
  }
}
BENCHMARK(octopus_gd_1000_steps<double>);
BENCHMARK(octopus_gd_1000_steps<Decimal50>);
}  // namespace
}  // namespace gdcheck::bench

// One GD step on a dense quadratic: the library's gradient_descent against a
// hand-written Eigen loop doing the same arithmetic (g = A x, f = x.g / 2,
// ||g||, x -= alpha g). Each benchmark runs kSteps steps per iteration and
// reports the time per step. One scalar type per compile unit (gd_step_<type>.cpp).
#pragma once

#include <benchmark/benchmark.h>

#include "lib/objectives/quadratic.hpp"
#include "lib/optimizers/gradient_descent.hpp"

namespace gdcheck::bench {

inline constexpr long kSteps = 100;

inline QuadraticSpec dense_spec(int d) {
  std::vector<double> eigenvalues(d);
  for (int i = 0; i < d; ++i) eigenvalues[i] = 1.0 + i % 7;  // L = 7 (or less for d < 7)
  return QuadraticSpec{eigenvalues, RotationSpec{d, d, 2026}};
}

template <Scalar S>
void library_step(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const Quadratic<S> f(dense_spec(d));
  GradientDescentOptions<S> options;
  options.step = S(1) / S(8);  // < 2/L
  options.max_iterations = kSteps;
  const Vector<S> x0 = Vector<S>::Ones(d);
  for (auto _ : state) {
    auto result = gradient_descent(f, x0, options);
    benchmark::DoNotOptimize(result.x.data());
  }
  state.SetItemsProcessed(state.iterations() * kSteps);
  state.counters["ns_per_step"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kSteps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

inline void hand_loop_step(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const Quadratic<double> f(dense_spec(d));
  const Matrix<double>& a = f.matrix();
  const double step = 1.0 / 8;
  for (auto _ : state) {
    Vector<double> x = Vector<double>::Ones(d);
    Vector<double> g(d);
    for (long t = 0; t <= kSteps; ++t) {
      g.noalias() = a * x;
      const double value = x.dot(g) / 2;
      const double gradient_norm = g.norm();
      benchmark::DoNotOptimize(value);
      benchmark::DoNotOptimize(gradient_norm);
      if (t == kSteps) break;
      x.noalias() -= step * g;
    }
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * kSteps);
  state.counters["ns_per_step"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kSteps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace gdcheck::bench

// Time per performance-estimation SDP (SDPA) and per 100-digit certificate,
// for GD on L-smooth f >= f* with T gradients: the solver's certificate at
// alpha L = 1 (all interpolation pairs at T = 5, 20, what the table uses up
// to kAllPairsUpTo; consecutive pairs at T = 50), the closed-form
// certificates at alpha L = 1.5 (dense at T = 50; structured at T = 50,
// 1000, 10^6), SDPA's near-rows dual polished onto the exact value at
// alpha L = 1.99, T = 50 (the solve not counted), the any-horizon
// certificate beyond sqrt 3 at alpha L = 1.9 (its head solved and polished
// at T0 = 9 each time), and the rotating worst case run by GD at 100 digits
// at alpha L = 1.9.
#include <benchmark/benchmark.h>

#include "theorems/attained_worst_case.hpp"
#include "theorems/exact_gd_rate.hpp"
#include "theorems/performance_certificate.hpp"
#include "theorems/polished_certificate.hpp"

namespace gdcheck::bench {
namespace {

using namespace performance_estimation;

void solve_only(benchmark::State& state) {
  const SemidefiniteProgram program = solve_gd_on_smooth_nonconvex(static_cast<int>(state.range(0)), 1.0).program;
  for (auto _ : state) benchmark::DoNotOptimize(solve(program));
}

void solve_and_certify(benchmark::State& state) {
  const int gradients = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(certify_gd_on_smooth_nonconvex(gradients, 1.0));
}

void closed_form_dense(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(certify_nonconvex_in_closed_form(static_cast<int>(state.range(0)), 1.5));
}

void closed_form_structured(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(certify_nonconvex_in_closed_form_structured(state.range(0), 1.5));
}

void polished(benchmark::State& state) {
  const int gradients = static_cast<int>(state.range(0));
  const SolvedProgram solved = solve_gd_on_smooth_nonconvex(gradients, 1.99, 2);
  const double exact = closed_form_rate(gradients, 1.99)->value;
  for (auto _ : state) benchmark::DoNotOptimize(certify_polished(solved, exact));
}

void repeated_tail(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(certify_nonconvex_at_any_horizon(state.range(0), 1.9));
}

void rotating_worst_case(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(rotating_worst_case_instance(static_cast<int>(state.range(0)), 1.9));
}

BENCHMARK(solve_only)->Arg(5)->Arg(20)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK(solve_and_certify)->Arg(5)->Arg(20)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK(closed_form_dense)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK(closed_form_structured)->Arg(50)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(polished)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK(repeated_tail)->Arg(50)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(rotating_worst_case)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gdcheck::bench

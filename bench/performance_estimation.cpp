// Time per performance-estimation SDP (SDPA) and per 100-digit certificate,
// for GD on L-smooth f >= f* with T gradients, alpha L = 1: all interpolation
// pairs at T = 5, 20 (what the table uses up to kAllPairsUpTo), consecutive
// pairs at T = 50.
#include <benchmark/benchmark.h>

#include "theorems/performance_certificate.hpp"

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

BENCHMARK(solve_only)->Arg(5)->Arg(20)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK(solve_and_certify)->Arg(5)->Arg(20)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gdcheck::bench

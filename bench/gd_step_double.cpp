#include "bench/gd_step.hpp"

BENCHMARK(gdcheck::bench::library_step<double>)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(gdcheck::bench::hand_loop_step)->Arg(10)->Arg(100)->Arg(1000);

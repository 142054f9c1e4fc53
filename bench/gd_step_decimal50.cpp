#include "bench/gd_step.hpp"

BENCHMARK(gdcheck::bench::library_step<gdcheck::Decimal50>)->Arg(10)->Arg(100);

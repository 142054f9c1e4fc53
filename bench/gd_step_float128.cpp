#include "bench/gd_step.hpp"

BENCHMARK(gdcheck::bench::library_step<gdcheck::Float128>)->Arg(10)->Arg(100);

#include "lib/parallel_map.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "lib/random.hpp"

namespace gdcheck {
namespace {

// What the Monte Carlo properties rely on: per-index seeds make the results
// independent of the thread count.
TEST(ParallelMap, ResultsDoNotDependOnTheThreadCount) {
  const auto run = [](std::size_t i) {
    Rng rng(1000 + i);
    double sum = 0;
    for (int k = 0; k < 100; ++k) sum += rng.normal();
    return sum;
  };
  const auto one = parallel_map(500, run, 1);
  EXPECT_EQ(one, parallel_map(500, run, 2));
  EXPECT_EQ(one, parallel_map(500, run, 7));
}

// Boolean results too: a std::vector<bool> written by several workers at
// once loses bits (neighbouring elements share a word), which made a
// statistical property's success count vary between runs of one seed.
TEST(ParallelMap, BooleanResultsDoNotDependOnTheThreadCount) {
  const auto odd_parity = [](std::size_t i) {
    Rng rng(7 + i);
    return (rng.bits() & 1) == 1;
  };
  const std::vector<bool> one = parallel_map(200000, odd_parity, 1);
  for (int repeat = 0; repeat < 5; ++repeat) EXPECT_EQ(one, parallel_map(200000, odd_parity, 4));
}

TEST(ParallelMap, RethrowsTheFirstFailure) {
  EXPECT_THROW(parallel_map(100, [](std::size_t i) {
                 if (i == 37) throw std::runtime_error("run 37 failed");
                 return static_cast<int>(i);
               }, 2),
               std::runtime_error);
}

TEST(ParallelMap, EmptyAndSingleRuns) {
  EXPECT_TRUE(parallel_map(0, [](std::size_t) { return 1; }, 2).empty());
  EXPECT_EQ(parallel_map(1, [](std::size_t i) { return static_cast<int>(i) + 5; }, 4), std::vector<int>{5});
}

}  // namespace
}  // namespace gdcheck

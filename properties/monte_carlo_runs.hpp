// The loop every Monte Carlo property shares: which of its runs this process
// does (all, or its GDCHECK_SHARD slice), on every core, and the digest of
// what they did (lib/run_digest.hpp). Light on purpose (no precision ladder,
// no instance families), so a property that only loops over runs includes
// this and not second_order_runs.hpp.
#pragma once

#include <cstdint>
#include <cstddef>
#include <utility>
#include <vector>

#include "lib/parallel_map.hpp"
#include "lib/run_digest.hpp"
#include "lib/linear_algebra.hpp"
#include "properties/shard.hpp"

namespace gdcheck {

// Level of the Monte Carlo properties' binomial tests: a correct optimizer
// fails one with probability at most 1e-6 per case (the test rejects only
// when the data make the claimed rate implausible at that level). 1e-6 keeps
// the whole default run's false-alarm probability below 1e-4
// (docs/reliability.md); the rates measured are far from their claims, so
// the tests keep their power.
inline constexpr double kBinomialTestLevel = 1e-6;

// Whether a Monte Carlo loop splits across GDCHECK_SHARD. The success-rate
// properties do; their near-threshold negative controls (a planted bug that
// loses a run's noise with probability noise_loss > 0) run whole in every
// shard: a control passes on its first rejected case, which one shard's
// slice of the runs cannot reject, so split it would turn red in every
// sharded run. The merge keeps one copy of a whole line.
enum class Sharding { split, whole };
inline Sharding sharding_for(double noise_loss) { return noise_loss > 0 ? Sharding::whole : Sharding::split; }

// run(i) for the Monte Carlo runs i this process does (all of 0..runs-1, or
// its GDCHECK_SHARD slice when split), in parallel, results in index order.
// The runs this process does: [first, last) of 0..runs-1, all of them or its
// GDCHECK_SHARD slice when split. For a loop compiled in the theorems library
// that takes the range (wide_relu::concentration_runs).
inline std::pair<long, long> runs_range(long runs, Sharding sharding = Sharding::split) {
  return sharding == Sharding::split ? shard_range(runs) : std::pair<long, long>{0, runs};
}

template <class Run>
auto runs_of_this_shard(long runs, Run run, Sharding sharding = Sharding::split) {
  const auto [begin, end] = runs_range(runs, sharding);
  return parallel_map(static_cast<std::size_t>(end - begin),
                      [&, begin = begin](std::size_t j) { return run(begin + static_cast<long>(j)); });
}

// What each run's result adds to its hash: an end point's entries (doubles,
// as bits), a flag, a number, or each part of a pair.
inline void add_result(RunHash& hash, const Vector<double>& point) {
  for (const double entry : point) hash.add(entry);
}
inline void add_result(RunHash& hash, bool flag) { hash.add(std::uint64_t{flag}); }
inline void add_result(RunHash& hash, double value) { hash.add(value); }
template <class A, class B>
void add_result(RunHash& hash, const std::pair<A, B>& pair) {
  add_result(hash, pair.first);
  add_result(hash, pair.second);
}

// The digest of the runs runs_of_this_shard(runs, ..., sharding) returned:
// run i's hash over i and its result, summed; the shards' digests add up to
// the unsharded run's. A case logs it with property_log().digest() after its
// monte_carlo entry.
template <class Result>
std::uint64_t runs_digest(long runs, const std::vector<Result>& results, Sharding sharding = Sharding::split) {
  const long begin = runs_range(runs, sharding).first;
  std::uint64_t digest = 0;
  for (std::size_t j = 0; j < results.size(); ++j) {
    RunHash hash(static_cast<std::uint64_t>(begin) + j);
    add_result(hash, results[j]);
    digest += hash.term();
  }
  return digest;
}

}  // namespace gdcheck

// Deep runs beyond one machine: GDCHECK_SHARD=k/n makes this process run the
// k-th of n disjoint, contiguous slices of each statistical property's Monte
// Carlo runs (run i keeps its seed, so the slices partition the unsharded
// run exactly). A sharded property writes its counts with verdict "pending";
// apps/merge_shards adds the counts of the n shards and decides, giving the
// line one unsharded run writes. Shards must share RC_PARAMS's seed= (the
// same generated instances); without it they would each draw their own.
#pragma once

#include <string>
#include <utility>

namespace gdcheck {

struct Shard {
  int index = 1;  // k, 1-based
  int count = 1;  // n
  bool active() const { return count > 1; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// Parses "k/n" (integers, 1 <= k <= n). Throws std::invalid_argument naming
// the variable and what is wrong.
Shard parse_shard(const std::string& text);

// GDCHECK_SHARD (unset: 1/1), parsed once. Throws std::invalid_argument when
// it is malformed, or when n > 1 and RC_PARAMS has no seed=.
const Shard& current_shard();

// The runs [begin, end) of `runs` that shard k of n does: floor((k-1) runs /
// n) to floor(k runs / n), so every slice has floor(runs/n) or ceil(runs/n) runs.
std::pair<long, long> slice_of(long runs, const Shard& shard);
// This process's slice (current_shard()).
std::pair<long, long> shard_range(long runs);

}  // namespace gdcheck

// How an experiment shards (issue 26): its work is a list of cells (a sweep's
// points, a table's entries), each the sum of independent Monte Carlo runs,
// and everything the experiment draws or decides is a function of the cells'
// tallies: integer counts and the runs' digest, which add exactly across
// shards (a fraction of runs, a fixed-point sum; never a double sum, whose
// value would depend on how the runs were split).
//
//   const auto cells = experiment_cells(6, [&](long cell) {
//     ... runs_of_this_shard(runs, ...) ...   // this process's slice of the cell's runs
//     return CellTally{{started, ended, runs}, runs_digest(runs, ends)};
//   }, CellSplit::runs_of(runs));
//   if (!cells) return;  // a shard: its tallies are in the line, merge_shards assembles
//   ... the figure, the table and the checks, from (*cells)[k].counts ...
//
// A sweep whose cells draw nothing at random (or few runs each) splits its
// cells instead (CellSplit::whole_cells()): shard k of n computes cells k-1, k-1+n,
// k-1+2n, ... whole and leaves the others empty, which add as zero, so a
// cell's values may be any integers, a double's bits included (value_bits),
// and words (CellTally::texts).
//
// One process, three roles:
// - unsharded: every cell's runs, then the figure and the verdict;
// - GDCHECK_SHARD=k/n: its slice of every cell's runs; the tallies go to the
//   line's "cell_tallies" field, the line is pending and the experiment stops;
// - GDCHECK_CELLS=FILE (set by apps/merge_shards for the assembly): the
//   merged tallies are read from FILE and nothing is run, so the figure and
//   the verdict come from the experiment's own code, and the merged line is
//   the one an unsharded run writes, byte for byte.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "properties/cell_tallies.hpp"

namespace gdcheck {

// How a sharded run splits the cells' work: every shard does its slice of
// each cell's `runs_per_cell` runs (runs_of), or every n-th cell whole
// (whole_cells). Written to the shard's line, for apps/shard_plan's table of
// how evenly n shards share the work.
struct CellSplit {
  long runs_per_cell = 0;  // 0: whole cells
  static CellSplit runs_of(long runs_per_cell) { return {runs_per_cell}; }
  static CellSplit whole_cells() { return {0}; }
  bool splits_runs() const { return runs_per_cell > 0; }
};

// The tallies of the experiment's `cells` cells, compute(cell) giving this
// process's part of cell `cell` (see above); nullopt in a shard. Throws
// std::invalid_argument when GDCHECK_CELLS is unreadable or does not match
// the experiment (another cell count or depth), naming what differs.
// `key` names the call: 0 for an experiment's one call, a statistical
// case's seed for each case's (the assembly finds a case's cells by it).
std::optional<std::vector<CellTally>> experiment_cells(long cells, const std::function<CellTally(long)>& compute,
                                                       CellSplit split, std::uint64_t key = 0);

}  // namespace gdcheck

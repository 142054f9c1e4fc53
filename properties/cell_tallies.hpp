// An experiment's cells as a results line carries them (properties/
// experiment_cells.hpp), shared with apps/merge_shards, which adds the
// shards' tallies:
//   "cell_tallies": {"deep": false,
//                    "calls": [[{"counts": [k, ...], "digest": 16 hex digits, "texts": [...]}, ...], ...],
//                    "keys": [16 hex digits, ...]}
// (one entry of "calls" per call of experiment_cells, named by its key: an
// experiment calls it once, a statistical property once per case)
// ("texts" only where a cell has any), how the shards split the cells
// ("runs_per_cell": each shard did its slice of that many runs of every
// cell; 0: each did every n-th cell whole), and what the cells' checks logged:
// "worst_ratio" (their largest observed/bound, when any) and "escalations".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "properties/results_file.hpp"

namespace gdcheck {

struct CellTally {
  std::vector<std::int64_t> counts;  // additive over disjoint sets of runs; empty: not computed here
  std::uint64_t digest = 0;          // of the runs (lib/run_digest.hpp), additive mod 2^64
  // Words a cell computed whole in one shard reports (which construction
  // attained a value, say): kept from that shard; shards that both computed
  // a part of the cell must give the same.
  std::vector<std::string> texts = {};
  // A cell of samples, one value per run (a distribution test's): when
  // slots > 0, counts are values first_slot, first_slot + 1, ... of the
  // cell's `slots`; the other shards hold the rest. The merge places them.
  std::int64_t first_slot = 0, slots = 0;
};

// This process's slice of a cell of `runs` samples (shard_range), its values
// as doubles' bits, and their digest.
CellTally sample_cell(std::int64_t runs, std::int64_t first_run, const std::vector<double>& values, std::uint64_t digest);
// A merged sample cell's values. Throws std::invalid_argument when a slot
// is missing (a shard's results were not merged).
std::vector<double> sample_values(const CellTally& cell);

// A value's fixed-point form for an additive tally: round(value * 2^36)
// (error at most 2^-37 = 7.3e-12 per value, so a mean of them is within
// 7.3e-12 of the mean of the doubles). Throws std::overflow_error when
// |value| >= 2^26, where a sum of 2^26 of them could overflow 64 bits.
std::int64_t fixed_point(double value);
double from_fixed_point(std::int64_t sum);
// A double's IEEE-754 bits as a count, and back: exact, for a cell that one
// shard computes whole (CellSplit::cells), the others adding nothing to it.
std::int64_t value_bits(double value);
double from_value_bits(std::int64_t bits);
// a + b, throwing std::overflow_error instead of wrapping.
std::int64_t add_counts(std::int64_t a, std::int64_t b);

// One call of experiment_cells (an experiment's cells, or one statistical
// case's) as JSON, and back; and every call of a "cell_tallies" field.
// Throw std::invalid_argument naming what is malformed.
Json call_json(const std::vector<CellTally>& tallies);
std::vector<CellTally> call_from_json(const Json& call);
std::vector<std::vector<CellTally>> calls_from_json(const Json& cells);
// The calls' keys ("keys", one per call, 16 hex digits; none: all 0).
std::vector<std::string> call_keys(const Json& cells);

// The shards' "cell_tallies" fields summed, call by call and cell by cell
// (a cell empty in one is another's), in one pass: the largest worst ratio
// kept, escalations added. Throws std::invalid_argument naming the
// difference when they disagree on the depth, the split, the cases (keys),
// the number of cells or a cell's number of counts.
Json add_cells(const std::vector<Json>& shards);

}  // namespace gdcheck

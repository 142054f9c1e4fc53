// A statistical case whose samples are the steps of one run (the noise laws,
// the SGD batch law) does not split by runs: sharded, each case is computed
// whole by one shard (cases dealt round-robin, properties/experiment_cells.hpp),
// and its reading travels in the shard's line as a cell, exactly (doubles as
// their bits), for the merge's assembly to report as the unsharded run does.
#pragma once

#include <cstdint>
#include <optional>

#include "properties/cell_tallies.hpp"
#include "properties/experiment_cells.hpp"
#include "theorems/noise_law.hpp"
#include "theorems/sgd_batch_law.hpp"

namespace gdcheck {

CellTally reading_cell(const noise_law::LawReading& reading);
CellTally reading_cell(const noise_law::GaussianReading& reading);
CellTally reading_cell(const sgd_batch_law::LawReading& reading);

// Back from a cell. Throw std::invalid_argument when the cell is not one of
// that reading (a shard of another property merged in).
noise_law::LawReading law_reading(const CellTally& cell);
noise_law::GaussianReading gaussian_reading(const CellTally& cell);
sgd_batch_law::LawReading batch_law_reading(const CellTally& cell);

// The case's reading: computed here (unsharded, or this shard's case), read
// from the merged cells (the assembly), or nullopt (in a shard: its case's
// reading is in the line, another shard's case is not its to compute).
// `key` names the case (its seed). The reading goes through its cell in
// every role, so the unsharded run reports what an assembly would.
template <class Compute, class FromCell>
auto case_reading(std::uint64_t key, Compute compute, FromCell from_cell) -> std::optional<decltype(compute())> {
  const auto cells = experiment_cells(1, [&](long) { return reading_cell(compute()); }, CellSplit::whole_cells(), key);
  if (!cells) return std::nullopt;
  return from_cell((*cells)[0]);
}

}  // namespace gdcheck

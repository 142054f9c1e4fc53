#include "properties/experiment_cells.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "properties/property.hpp"
#include "properties/shard.hpp"

namespace gdcheck {

namespace {

// The merged tallies merge_shards wrote for the assembly, checked against
// what this experiment would compute.
std::vector<CellTally> assembled_cells(const std::string& path, long cells) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("GDCHECK_CELLS=" + path + ": cannot read the file");
  Json merged;
  try {
    merged = Json::parse(in);
  } catch (const Json::exception& error) {
    throw std::invalid_argument("GDCHECK_CELLS=" + path + ": not JSON (" + error.what() + ")");
  }
  if (merged.value("deep", false) != deep_mode()) {
    throw std::invalid_argument("GDCHECK_CELLS=" + path + ": the shards ran with GDCHECK_DEEP=" +
                                (merged.value("deep", false) ? "1" : "0") + ", this assembly without it");
  }
  std::vector<CellTally> tallies = cells_from_json(merged);
  if (static_cast<long>(tallies.size()) != cells) {
    throw std::invalid_argument("GDCHECK_CELLS=" + path + ": " + std::to_string(tallies.size()) +
                                " cells merged, this experiment has " + std::to_string(cells));
  }
  for (std::size_t cell = 0; cell < tallies.size(); ++cell) {
    if (tallies[cell].counts.empty()) {
      throw std::invalid_argument("GDCHECK_CELLS=" + path + ": cell " + std::to_string(cell + 1) +
                                  " was computed by no shard (a shard's results are missing)");
    }
  }
  if (merged.contains("worst_ratio")) property_log().ratio(merged["worst_ratio"].get<double>());
  property_log().escalations(merged.value("escalations", 0L));
  return tallies;
}

}  // namespace

std::optional<std::vector<CellTally>> experiment_cells(long cells, const std::function<CellTally(long)>& compute,
                                                       CellSplit split) {
  if (const char* path = std::getenv("GDCHECK_CELLS")) {
    if (current_shard().active()) throw std::invalid_argument("GDCHECK_CELLS and GDCHECK_SHARD: an assembly is not a shard");
    return assembled_cells(path, cells);
  }
  std::vector<CellTally> tallies(static_cast<std::size_t>(cells));  // empty: a cell another shard computes
  // Split cells are dealt round-robin, cell c to shard c mod n + 1: a sweep's
  // cost grows along it (longer horizons last), so contiguous slices would
  // leave the last shard the most work.
  const Shard& shard = current_shard();
  const long first = split.splits_runs() ? 0 : shard.index - 1, stride = split.splits_runs() ? 1 : shard.count;
  for (long cell = first; cell < cells; cell += stride) {
    tallies[static_cast<std::size_t>(cell)] = compute(cell);
    if (tallies[static_cast<std::size_t>(cell)].counts.empty()) {
      throw std::logic_error("experiment_cells: cell " + std::to_string(cell) + " computed no counts");
    }
  }
  if (!current_shard().active()) return tallies;
  // What the cells' checks logged (their worst ratio to a bound, their
  // escalations) travels with the tallies, for the assembly to log again.
  Json cells_field = cells_json(tallies, deep_mode());
  cells_field["runs_per_cell"] = split.runs_per_cell;  // 0: whole cells (apps/shard_plan reads it)
  if (property_log().has_ratio()) cells_field["worst_ratio"] = property_log().worst_ratio();
  cells_field["escalations"] = property_log().escalation_count();
  property_log().field("cell_tallies", std::move(cells_field));
  property_log().pending();
  return std::nullopt;
}

}  // namespace gdcheck

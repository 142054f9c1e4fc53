#include "properties/experiment_cells.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>

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
  const auto [first, last] = split == CellSplit::cells ? shard_range(cells) : std::pair<long, long>{0, cells};
  for (long cell = first; cell < last; ++cell) {
    tallies[static_cast<std::size_t>(cell)] = compute(cell);
    if (tallies[static_cast<std::size_t>(cell)].counts.empty()) {
      throw std::logic_error("experiment_cells: cell " + std::to_string(cell) + " computed no counts");
    }
  }
  if (!current_shard().active()) return tallies;
  property_log().field("cells", cells_json(tallies, deep_mode()));
  property_log().pending();
  return std::nullopt;
}

}  // namespace gdcheck

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
  return tallies;
}

}  // namespace

std::optional<std::vector<CellTally>> experiment_cells(long cells, const std::function<CellTally(long)>& compute) {
  if (const char* path = std::getenv("GDCHECK_CELLS")) {
    if (current_shard().active()) throw std::invalid_argument("GDCHECK_CELLS and GDCHECK_SHARD: an assembly is not a shard");
    return assembled_cells(path, cells);
  }
  std::vector<CellTally> tallies;
  for (long cell = 0; cell < cells; ++cell) tallies.push_back(compute(cell));
  if (!current_shard().active()) return tallies;
  property_log().field("cells", cells_json(tallies, deep_mode()));
  property_log().pending();
  return std::nullopt;
}

}  // namespace gdcheck

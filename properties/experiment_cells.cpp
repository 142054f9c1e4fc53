#include "properties/experiment_cells.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "lib/run_digest.hpp"
#include "properties/property.hpp"
#include "properties/shard.hpp"

namespace gdcheck {

namespace {

// The assembly's input (GDCHECK_CELLS): the merged calls, read once, each
// found by its key (an experiment's one call has key 0; a statistical case's
// is its seed), so a case RapidCheck runs again (to print a counterexample)
// gets its own cells again.
struct Assembly {
  Json merged;
  std::vector<std::vector<CellTally>> calls;
  std::vector<std::string> keys;
  bool logged = false;  // the shards' worst ratio and escalations, logged once
};

Assembly& assembly(const std::string& path) {
  static Assembly loaded = [&] {
    std::ifstream in(path);
    if (!in) throw std::invalid_argument("GDCHECK_CELLS=" + path + ": cannot read the file");
    Assembly a;
    try {
      a.merged = Json::parse(in);
    } catch (const Json::exception& error) {
      throw std::invalid_argument("GDCHECK_CELLS=" + path + ": not JSON (" + error.what() + ")");
    }
    if (a.merged.value("deep", false) != deep_mode()) {
      throw std::invalid_argument("GDCHECK_CELLS=" + path + ": the shards ran with GDCHECK_DEEP=" +
                                  (a.merged.value("deep", false) ? "1" : "0") + ", this assembly without it");
    }
    a.calls = calls_from_json(a.merged);
    a.keys = call_keys(a.merged);
    return a;
  }();
  return loaded;
}

// The merged cells of the call with this key, checked against what the caller would compute.
std::vector<CellTally> assembled_cells(const std::string& path, long cells, std::uint64_t key) {
  Assembly& a = assembly(path);
  const auto found = std::find(a.keys.begin(), a.keys.end(), digest_text(key));
  if (found == a.keys.end()) {
    throw std::invalid_argument("GDCHECK_CELLS=" + path + ": no cells for the case with key " + digest_text(key) +
                                " (its shards ran other cases)");
  }
  if (!a.logged) {
    if (a.merged.contains("worst_ratio")) property_log().ratio(a.merged["worst_ratio"].get<double>());
    property_log().escalations(a.merged.value("escalations", 0L));
    a.logged = true;
  }
  std::vector<CellTally> tallies = a.calls[static_cast<std::size_t>(found - a.keys.begin())];
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
                                                       CellSplit split, std::uint64_t key) {
  if (const char* path = std::getenv("GDCHECK_CELLS")) {
    if (current_shard().active()) throw std::invalid_argument("GDCHECK_CELLS and GDCHECK_SHARD: an assembly is not a shard");
    return assembled_cells(path, cells, key);
  }
  // In a shard, the line's cells so far (a statistical property's earlier
  // cases), and where this call's go: its own entry again for a case run
  // again, else a new one.
  const Shard& shard = current_shard();
  Json field;
  std::size_t index = 0;
  long earlier = 0;  // whole cells of the line's other calls
  const std::string key_text = digest_text(key);
  if (shard.active()) {
    field = property_log().fields().contains("cell_tallies")
                ? property_log().fields()["cell_tallies"]
                : Json{{"deep", deep_mode()}, {"runs_per_cell", split.runs_per_cell}, {"calls", Json::array()},
                       {"keys", Json::array()}};
    while (index < field["keys"].size() && field["keys"][index] != key_text) ++index;
    for (std::size_t j = 0; j < field["calls"].size(); ++j) {
      if (j != index) earlier += static_cast<long>(field["calls"][j].size());
    }
  }
  // Split cells are dealt round-robin, cell c to shard c mod n + 1: a sweep's
  // cost grows along it (longer horizons last), so contiguous slices would
  // leave the last shard the most work. The deal continues across the line's
  // other calls, so a statistical case computed whole (one cell per case)
  // goes to shard (case mod n) + 1.
  std::vector<CellTally> tallies(static_cast<std::size_t>(cells));  // empty: a cell another shard computes
  const long n = shard.count;
  const long first = split.splits_runs() ? 0 : ((shard.index - 1 - earlier) % n + n) % n;
  const long stride = split.splits_runs() ? 1 : n;
  for (long cell = first; cell < cells; cell += stride) {
    tallies[static_cast<std::size_t>(cell)] = compute(cell);
    if (tallies[static_cast<std::size_t>(cell)].counts.empty()) {
      throw std::logic_error("experiment_cells: cell " + std::to_string(cell) + " computed no counts");
    }
  }
  if (!shard.active()) return tallies;
  // What the cells' checks logged (their worst ratio to a bound, their
  // escalations) travels with them, for the assembly to log again.
  if (index == field["keys"].size()) {
    field["keys"].push_back(key_text);
    field["calls"].push_back(call_json(tallies));
  } else {
    field["calls"][index] = call_json(tallies);
  }
  if (property_log().has_ratio()) field["worst_ratio"] = property_log().worst_ratio();
  field["escalations"] = property_log().escalation_count();
  property_log().field("cell_tallies", std::move(field));
  property_log().pending();
  return std::nullopt;
}

}  // namespace gdcheck

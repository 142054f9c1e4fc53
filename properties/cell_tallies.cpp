#include "properties/cell_tallies.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "lib/run_digest.hpp"
#include "properties/monte_carlo_line.hpp"

namespace gdcheck {

namespace {
constexpr double kFixedPointScale = 68719476736.0;  // 2^36
}  // namespace

std::int64_t fixed_point(double value) {
  if (!(std::abs(value) < 67108864.0)) {  // 2^26; NaN fails too
    throw std::overflow_error("fixed_point: " + std::to_string(value) + " is not a finite value below 2^26 in size");
  }
  return std::llround(value * kFixedPointScale);
}

double from_fixed_point(std::int64_t sum) { return static_cast<double>(sum) / kFixedPointScale; }

std::int64_t value_bits(double value) {
  std::int64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

double from_value_bits(std::int64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::int64_t add_counts(std::int64_t a, std::int64_t b) {
  std::int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) throw std::overflow_error("a cell tally overflows 64 bits");
  return sum;
}

Json call_json(const std::vector<CellTally>& tallies) {
  Json call = Json::array();
  for (const CellTally& tally : tallies) {
    call.push_back({{"counts", tally.counts}, {"digest", digest_text(tally.digest)}});
    if (!tally.texts.empty()) call.back()["texts"] = tally.texts;
    if (tally.slots > 0) call.back()["slots"] = {tally.first_slot, tally.slots};
  }
  return call;
}

std::vector<CellTally> call_from_json(const Json& call) {
  if (!call.is_array()) throw std::invalid_argument("cells: a call's cells are not an array: " + call.dump());
  std::vector<CellTally> tallies;
  for (const Json& cell : call) {
    if (!cell.contains("counts") || !cell["counts"].is_array() || !cell.contains("digest") || !cell["digest"].is_string()) {
      throw std::invalid_argument("cells: a cell without counts or digest: " + cell.dump());
    }
    CellTally tally;
    for (const Json& count : cell["counts"]) {
      if (!count.is_number_integer()) throw std::invalid_argument("cells: a count that is not an integer: " + cell.dump());
      tally.counts.push_back(count.get<std::int64_t>());
    }
    tally.digest = parse_digest(cell["digest"].get<std::string>());
    if (cell.contains("texts")) {
      if (!cell["texts"].is_array()) throw std::invalid_argument("cells: \"texts\" is not an array: " + cell.dump());
      for (const Json& text : cell["texts"]) {
        if (!text.is_string()) throw std::invalid_argument("cells: a text that is not a string: " + cell.dump());
        tally.texts.push_back(text.get<std::string>());
      }
    }
    if (cell.contains("slots")) {
      const Json& slots = cell["slots"];
      if (!slots.is_array() || slots.size() != 2 || !slots[0].is_number_integer() || !slots[1].is_number_integer() ||
          slots[0].get<std::int64_t>() < 0 ||
          slots[0].get<std::int64_t>() + static_cast<std::int64_t>(tally.counts.size()) > slots[1].get<std::int64_t>()) {
        throw std::invalid_argument("cells: \"slots\" must be [first, total] covering the counts: " + cell.dump());
      }
      tally.first_slot = slots[0].get<std::int64_t>();
      tally.slots = slots[1].get<std::int64_t>();
    }
    tallies.push_back(std::move(tally));
  }
  return tallies;
}

CellTally sample_cell(std::int64_t runs, std::int64_t first_run, const std::vector<double>& values, std::uint64_t digest) {
  CellTally cell{{}, digest, {}, first_run, runs};
  for (const double value : values) cell.counts.push_back(value_bits(value));
  return cell;
}

std::vector<double> sample_values(const CellTally& cell) {
  if (cell.first_slot != 0 || static_cast<std::int64_t>(cell.counts.size()) != cell.slots) {
    throw std::invalid_argument("cells: a sample cell holds values " + std::to_string(cell.first_slot) + ".." +
                                std::to_string(cell.first_slot + static_cast<std::int64_t>(cell.counts.size())) +
                                " of " + std::to_string(cell.slots) + " (a shard's results are missing)");
  }
  std::vector<double> values;
  for (const std::int64_t bits : cell.counts) values.push_back(from_value_bits(bits));
  return values;
}

std::vector<std::vector<CellTally>> calls_from_json(const Json& cells) {
  if (!cells.is_object() || !cells.contains("calls") || !cells["calls"].is_array()) {
    throw std::invalid_argument("cells: expected {\"deep\": ..., \"calls\": [...]}, got " + cells.dump());
  }
  std::vector<std::vector<CellTally>> calls;
  for (const Json& call : cells["calls"]) calls.push_back(call_from_json(call));
  return calls;
}

namespace {

// One call's cells of two shards, added cell by cell into `sum`.
void add_call(std::vector<CellTally>& sum, const std::vector<CellTally>& other) {
  if (sum.size() != other.size()) {
    throw std::invalid_argument("cells: shards with " + std::to_string(sum.size()) + " and " +
                                std::to_string(other.size()) + " cells");
  }
  for (std::size_t c = 0; c < sum.size(); ++c) {
    if (other[c].counts.empty()) continue;
    if (sum[c].counts.empty()) {
      sum[c] = other[c];
      continue;
    }
    if (sum[c].slots > 0 || other[c].slots > 0) {  // samples: each shard's slots placed
      if (sum[c].slots != other[c].slots) {
        throw std::invalid_argument("cells: cell " + std::to_string(c + 1) + " has " + std::to_string(sum[c].slots) +
                                    " samples in one shard and " + std::to_string(other[c].slots) + " in another");
      }
      const std::int64_t first = std::min(sum[c].first_slot, other[c].first_slot),
                         end = std::max(sum[c].first_slot + static_cast<std::int64_t>(sum[c].counts.size()),
                                        other[c].first_slot + static_cast<std::int64_t>(other[c].counts.size()));
      std::vector<std::int64_t> placed(static_cast<std::size_t>(end - first), 0);
      for (const CellTally* part : {static_cast<const CellTally*>(&sum[c]), &other[c]}) {
        for (std::size_t k = 0; k < part->counts.size(); ++k) {
          std::int64_t& slot = placed[static_cast<std::size_t>(part->first_slot - first) + k];
          if (slot != 0 && part->counts[k] != 0) {
            throw std::invalid_argument("cells: cell " + std::to_string(c + 1) + ": two shards hold sample " +
                                        std::to_string(part->first_slot + static_cast<std::int64_t>(k)));
          }
          slot += part->counts[k];
        }
      }
      sum[c].counts = std::move(placed);
      sum[c].first_slot = first;
      sum[c].digest += other[c].digest;
      continue;
    }
    if (sum[c].texts != other[c].texts) {
      throw std::invalid_argument("cells: cell " + std::to_string(c + 1) + " reports different texts in two shards");
    }
    if (sum[c].counts.size() != other[c].counts.size()) {
      throw std::invalid_argument("cells: cell " + std::to_string(c + 1) + " has " + std::to_string(sum[c].counts.size()) +
                                  " counts in one shard and " + std::to_string(other[c].counts.size()) + " in another");
    }
    for (std::size_t k = 0; k < sum[c].counts.size(); ++k) sum[c].counts[k] = add_counts(sum[c].counts[k], other[c].counts[k]);
    sum[c].digest += other[c].digest;
  }
}

}  // namespace

std::vector<std::string> call_keys(const Json& cells) {
  const std::size_t calls = cells.contains("calls") ? cells["calls"].size() : 0;
  if (!cells.contains("keys")) return std::vector<std::string>(calls, digest_text(0));
  if (!cells["keys"].is_array() || cells["keys"].size() != calls) {
    throw std::invalid_argument("cells: \"keys\" must name each call: " + cells["keys"].dump());
  }
  std::vector<std::string> keys;
  for (const Json& key : cells["keys"]) keys.push_back(digest_text(parse_digest(key.get<std::string>())));
  return keys;
}

Json add_cells(const std::vector<Json>& shards) {
  if (shards.empty()) throw std::invalid_argument("cells: no shard to add");
  const Json& first = shards.front();
  std::vector<std::vector<CellTally>> sums = calls_from_json(first);
  const std::vector<std::string> keys = call_keys(first);
  constexpr double kNoRatio = -std::numeric_limits<double>::infinity();
  double worst_ratio = first.value("worst_ratio", kNoRatio);
  long escalations = first.value("escalations", 0L);
  for (std::size_t k = 1; k < shards.size(); ++k) {
    const Json& shard = shards[k];
    if (shard.value("deep", false) != first.value("deep", false)) {
      throw std::invalid_argument("cells: shards run at different depths (GDCHECK_DEEP)");
    }
    if (shard.value("runs_per_cell", 0L) != first.value("runs_per_cell", 0L)) {
      throw std::invalid_argument("cells: shards that split the cells differently (runs_per_cell)");
    }
    const std::vector<std::vector<CellTally>> others = calls_from_json(shard);
    if (others.size() != sums.size()) {
      throw std::invalid_argument("cells: shards that computed " + std::to_string(sums.size()) + " and " +
                                  std::to_string(others.size()) + " sets of cells (cases)");
    }
    if (call_keys(shard) != keys) throw std::invalid_argument("cells: shards that ran different cases (their keys differ)");
    for (std::size_t j = 0; j < sums.size(); ++j) add_call(sums[j], others[j]);
    // The checks' log: the worst ratio over the shards, their escalations added.
    worst_ratio = std::max(worst_ratio, shard.value("worst_ratio", kNoRatio));
    escalations += shard.value("escalations", 0L);
  }
  Json merged = {{"deep", first.value("deep", false)}, {"calls", Json::array()}, {"keys", keys}};
  for (const auto& call : sums) merged["calls"].push_back(call_json(call));
  if (first.contains("runs_per_cell")) merged["runs_per_cell"] = first["runs_per_cell"];
  if (worst_ratio > kNoRatio) merged["worst_ratio"] = worst_ratio;
  merged["escalations"] = escalations;
  return merged;
}

}  // namespace gdcheck

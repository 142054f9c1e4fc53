#include "properties/cell_tallies.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
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

Json cells_json(const std::vector<CellTally>& tallies, bool deep) {
  Json cells = {{"deep", deep}, {"tallies", Json::array()}};
  for (const CellTally& tally : tallies) {
    cells["tallies"].push_back({{"counts", tally.counts}, {"digest", digest_text(tally.digest)}});
    if (!tally.texts.empty()) cells["tallies"].back()["texts"] = tally.texts;
  }
  return cells;
}

std::vector<CellTally> cells_from_json(const Json& cells) {
  if (!cells.is_object() || !cells.contains("tallies") || !cells["tallies"].is_array()) {
    throw std::invalid_argument("cells: expected {\"deep\": ..., \"tallies\": [...]}, got " + cells.dump());
  }
  std::vector<CellTally> tallies;
  for (const Json& cell : cells["tallies"]) {
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
    tallies.push_back(std::move(tally));
  }
  return tallies;
}

Json add_cells(const Json& a, const Json& b) {
  if (a.value("deep", false) != b.value("deep", false)) {
    throw std::invalid_argument("cells: shards run at different depths (GDCHECK_DEEP)");
  }
  std::vector<CellTally> sum = cells_from_json(a);
  const std::vector<CellTally> other = cells_from_json(b);
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
  if (a.value("runs_per_cell", 0L) != b.value("runs_per_cell", 0L)) {
    throw std::invalid_argument("cells: shards that split the cells differently (runs_per_cell)");
  }
  Json merged = cells_json(sum, a.value("deep", false));
  if (a.contains("runs_per_cell")) merged["runs_per_cell"] = a["runs_per_cell"];
  // The checks' log: the worst ratio over the shards, their escalations added.
  if (a.contains("worst_ratio") || b.contains("worst_ratio")) {
    merged["worst_ratio"] = std::max(a.value("worst_ratio", -INFINITY), b.value("worst_ratio", -INFINITY));
  }
  if (a.contains("escalations") || b.contains("escalations")) {
    merged["escalations"] = a.value("escalations", 0L) + b.value("escalations", 0L);
  }
  return merged;
}

}  // namespace gdcheck

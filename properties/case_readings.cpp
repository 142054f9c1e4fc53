#include "properties/case_readings.hpp"

#include <stdexcept>
#include <string>

namespace gdcheck {

namespace {

// The counts of a cell, read in order, each checked to be there.
class Reader {
 public:
  Reader(const CellTally& cell, const char* what) : cell_(cell), what_(what) {}
  std::int64_t next() {
    if (at_ >= cell_.counts.size()) throw std::invalid_argument(std::string("cells: not a ") + what_ + " (too few counts)");
    return cell_.counts[at_++];
  }
  double next_value() { return from_value_bits(next()); }
  void finish() const {
    if (at_ != cell_.counts.size()) throw std::invalid_argument(std::string("cells: not a ") + what_ + " (too many counts)");
  }

 private:
  const CellTally& cell_;
  const char* what_;
  std::size_t at_ = 0;
};

// A verdict's fields; its precision (a scalar type's name) by its text.
void add_verdict(CellTally& cell, const std::optional<Verdict>& verdict) {
  cell.counts.push_back(verdict.has_value());
  if (!verdict) return;
  cell.counts.insert(cell.counts.end(), {static_cast<std::int64_t>(verdict->clarity), value_bits(verdict->lhs),
                                         value_bits(verdict->rhs), value_bits(verdict->margin),
                                         value_bits(verdict->rounding), verdict->escalations});
  cell.texts.emplace_back(verdict->precision);
}

std::string_view precision_named(const std::string& text) {
  for (const std::string_view name : {ScalarTraits<double>::name, ScalarTraits<Float128>::name,
                                      ScalarTraits<Decimal50>::name, ScalarTraits<Decimal100>::name}) {
    if (name == text) return name;
  }
  throw std::invalid_argument("cells: a verdict of unknown precision `" + text + "`");
}

std::optional<Verdict> read_verdict(Reader& in, const CellTally& cell) {
  if (!in.next()) return std::nullopt;
  Verdict v;
  v.clarity = static_cast<Clarity>(in.next());
  v.lhs = in.next_value();
  v.rhs = in.next_value();
  v.margin = in.next_value();
  v.rounding = in.next_value();
  v.escalations = static_cast<int>(in.next());
  if (cell.texts.empty()) throw std::invalid_argument("cells: a verdict without its precision");
  v.precision = precision_named(cell.texts.front());
  return v;
}

}  // namespace

CellTally reading_cell(const noise_law::LawReading& r) {
  CellTally cell{{r.samples, r.violating_sample, value_bits(r.direction_distance), value_bits(r.direction_threshold),
                  value_bits(r.radial_distance), value_bits(r.radial_threshold)},
                 r.digest};
  add_verdict(cell, r.norm_violation);
  return cell;
}

noise_law::LawReading law_reading(const CellTally& cell) {
  Reader in(cell, "noise-law reading");
  noise_law::LawReading r;
  r.samples = in.next();
  r.violating_sample = in.next();
  r.direction_distance = in.next_value();
  r.direction_threshold = in.next_value();
  r.radial_distance = in.next_value();
  r.radial_threshold = in.next_value();
  r.digest = cell.digest;
  r.norm_violation = read_verdict(in, cell);
  in.finish();
  return r;
}

CellTally reading_cell(const noise_law::GaussianReading& r) {
  return CellTally{{r.samples, value_bits(r.distance), value_bits(r.threshold), value_bits(r.largest_rounding)}, r.digest};
}

noise_law::GaussianReading gaussian_reading(const CellTally& cell) {
  Reader in(cell, "Gaussian-law reading");
  noise_law::GaussianReading r;
  r.samples = in.next();
  r.distance = in.next_value();
  r.threshold = in.next_value();
  r.largest_rounding = in.next_value();
  r.digest = cell.digest;
  in.finish();
  return r;
}

CellTally reading_cell(const sgd_batch_law::LawReading& r) {
  CellTally cell{{r.steps, r.undecided, r.violating_step, value_bits(r.cell_probability), r.skewed_cell,
                  value_bits(r.skewed_lower), value_bits(r.skewed_upper), static_cast<std::int64_t>(r.cells.size())},
                 r.digest};
  for (std::size_t k = 0; k < r.cells.size(); ++k) {
    cell.counts.push_back(static_cast<std::int64_t>(r.cells[k].size()));
    cell.counts.insert(cell.counts.end(), r.cells[k].begin(), r.cells[k].end());
    cell.counts.push_back(r.counts.at(k));
  }
  add_verdict(cell, r.rule_violation);
  return cell;
}

sgd_batch_law::LawReading batch_law_reading(const CellTally& cell) {
  Reader in(cell, "batch-law reading");
  sgd_batch_law::LawReading r;
  r.steps = in.next();
  r.undecided = in.next();
  r.violating_step = in.next();
  r.cell_probability = in.next_value();
  r.skewed_cell = static_cast<int>(in.next());
  r.skewed_lower = in.next_value();
  r.skewed_upper = in.next_value();
  const std::int64_t cells = in.next();
  for (std::int64_t k = 0; k < cells; ++k) {
    std::vector<int>& batch = r.cells.emplace_back();
    for (std::int64_t size = in.next(); size > 0; --size) batch.push_back(static_cast<int>(in.next()));
    r.counts.push_back(in.next());
  }
  r.digest = cell.digest;
  r.rule_violation = read_verdict(in, cell);
  in.finish();
  return r;
}

}  // namespace gdcheck

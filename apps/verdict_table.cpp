// verdict_table RESULTS.jsonl
//
// Prints the main job's verdict table from the results file the properties
// wrote (properties/results_file.hpp): one row per property, grouped by
// theorem. Exits 1 if any property failed, 2 if the file is missing, empty or
// malformed: a verdict table with nothing in it must not look like success.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

// A flat JSON object: each value kept as text (strings unescaped), nested
// values skipped. Enough for the lines results_file.cpp writes.
using Row = std::map<std::string, std::string>;

class LineParser {
 public:
  explicit LineParser(const std::string& text) : text_(text) {}

  std::optional<Row> parse() {
    Row row;
    skip_space();
    if (!consume('{')) return std::nullopt;
    skip_space();
    if (consume('}')) return row;
    while (true) {
      skip_space();
      auto key = string_value();
      skip_space();
      if (!key || !consume(':')) return std::nullopt;
      skip_space();
      auto value = any_value();
      if (!value) return std::nullopt;
      row[*key] = *value;
      skip_space();
      if (consume('}')) return row;
      if (!consume(',')) return std::nullopt;
    }
  }

 private:
  bool consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  std::optional<std::string> string_value() {
    if (!consume('"')) return std::nullopt;
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      const char e = text_[pos_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'u': pos_ += 4; out += '?'; break;  // control characters only
        default: out += e;
      }
    }
    return std::nullopt;
  }
  std::optional<std::string> any_value() {
    if (pos_ >= text_.size()) return std::nullopt;
    if (text_[pos_] == '"') return string_value();
    if (text_[pos_] == '{' || text_[pos_] == '[') return nested_value();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}') ++pos_;
    std::string out = text_.substr(start, pos_ - start);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  std::optional<std::string> nested_value() {
    const std::size_t start = pos_;
    int depth = 0;
    bool in_string = false;
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (in_string) {
        if (c == '\\') ++pos_;
        else if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        ++pos_;
        return text_.substr(start, pos_ - start);
      }
    }
    return std::nullopt;
  }

  const std::string& text_;
  std::size_t pos_ = 0;
};

std::string field(const Row& row, const std::string& name) {
  const auto it = row.find(name);
  return it == row.end() ? "" : it->second;
}

std::string ratio_text(const std::string& raw) {
  if (raw.empty() || raw == "null") return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", std::stod(raw));
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: verdict_table RESULTS.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "verdict_table: cannot read " << argv[1]
              << " (set GDCHECK_RESULTS when running the properties)\n";
    return 2;
  }
  // Sorted by theorem, then property: the same table for the same results,
  // whatever order the parallel ctest processes wrote them in.
  std::multimap<std::pair<std::string, std::string>, Row> by_theorem;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    auto row = LineParser(line).parse();
    if (!row) {
      std::cerr << "verdict_table: " << argv[1] << ":" << line_number << ": not a JSON object\n";
      return 2;
    }
    by_theorem.emplace(std::pair{field(*row, "theorem"), field(*row, "property")}, std::move(*row));
  }
  if (by_theorem.empty()) {
    std::cerr << "verdict_table: " << argv[1] << " has no results: no property ran\n";
    return 2;
  }

  // Columns as wide as their longest entry, so long theorem names stay aligned.
  std::size_t theorem_width = 7, property_width = 8;
  for (const auto& [key, row] : by_theorem) {
    theorem_width = std::max(theorem_width, key.first.size());
    property_width = std::max(property_width, key.second.size());
  }
  const int tw = static_cast<int>(theorem_width), pw = static_cast<int>(property_width);
  int failed = 0;
  std::printf("%-*s %-*s %-17s %7s %-7s %12s %11s  %s\n", tw, "theorem", pw, "property", "kind", "cases",
              "verdict", "worst ratio", "escalations", "rate bound (statistical)");
  for (const auto& [key, row] : by_theorem) {
    const bool pass = field(row, "verdict") == "pass";
    failed += pass ? 0 : 1;
    // The exact binomial bound a statistical property states, if any.
    std::string bound;
    if (const auto upper = field(row, "clopper_pearson_upper"); !upper.empty() && upper != "null") {
      char confidence[32];
      std::snprintf(confidence, sizeof confidence, "%.3g", std::stod(field(row, "confidence")));
      bound = "P(saddle) <= " + ratio_text(upper) + " at " + confidence;
    } else if (const auto lower = field(row, "success_rate_lower_99"); !lower.empty() && lower != "null") {
      bound = "P(success) >= " + ratio_text(lower) + " at 0.99";
    }
    std::printf("%-*s %-*s %-17s %7s %-7s %12s %11s  %s\n", tw, key.first.c_str(), pw,
                field(row, "property").c_str(), field(row, "kind").c_str(),
                field(row, "cases").c_str(), pass ? "pass" : "FAIL",
                ratio_text(field(row, "worst_ratio")).c_str(), field(row, "escalations").c_str(), bound.c_str());
  }
  std::printf("\n%zu properties, %d failed\n", by_theorem.size(), failed);
  return failed == 0 ? 0 : 1;
}

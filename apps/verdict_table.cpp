// verdict_table RESULTS.jsonl
//
// Prints the main job's verdict table from the results file the properties
// wrote (properties/results_file.hpp): one row per property, grouped by
// theorem. Exits 1 if any property failed, 2 if the file is missing, empty or
// malformed (the message names the line): a verdict table with nothing in it
// must not look like success.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "properties/results_file.hpp"

namespace {

using gdcheck::Json;

// A field as table text: strings as they are, numbers as JSON writes them.
std::string field(const Json& row, const std::string& name) {
  if (!row.contains(name) || row[name].is_null()) return "";
  return row[name].is_string() ? row[name].get<std::string>() : row[name].dump();
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
  std::multimap<std::pair<std::string, std::string>, Json> by_theorem;
  try {
    for (Json& row : gdcheck::read_results(in, argv[1])) {
      by_theorem.emplace(std::pair{field(row, "theorem"), field(row, "property")}, std::move(row));
    }
  } catch (const gdcheck::ResultsFileError& e) {
    std::cerr << "verdict_table: " << e.what() << "\n";
    return 2;
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

// verdict_table RESULTS.jsonl
//
// Prints the main job's verdict table from the results file the properties
// wrote (properties/results_file.hpp): one row per property, grouped by
// theorem. Exits 1 if any property failed, 2 if the file is missing, empty or
// malformed (the message names the line): a verdict table with nothing in it
// must not look like success.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "apps/verdict_rows.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: verdict_table RESULTS.jsonl\n";
    return 2;
  }
  std::vector<gdcheck::VerdictRow> rows;
  try {
    rows = gdcheck::read_verdict_rows(argv[1]);
  } catch (const gdcheck::ResultsFileError& e) {
    std::cerr << "verdict_table: " << e.what() << "\n";
    return 2;
  }
  // Columns as wide as their longest entry, so long theorem names stay aligned.
  std::size_t theorem_width = 7, property_width = 8;
  for (const auto& row : rows) {
    theorem_width = std::max(theorem_width, row.theorem.size());
    property_width = std::max(property_width, row.property.size());
  }
  const int tw = static_cast<int>(theorem_width), pw = static_cast<int>(property_width);
  int failed = 0;
  std::printf("%-*s %-*s %-17s %7s %-7s %12s %11s  %s\n", tw, "theorem", pw, "property", "kind", "cases",
              "verdict", "worst ratio", "escalations", "rate bound (statistical)");
  for (const auto& row : rows) {
    failed += row.passed ? 0 : 1;
    std::printf("%-*s %-*s %-17s %7s %-7s %12s %11s  %s\n", tw, row.theorem.c_str(), pw, row.property.c_str(),
                row.kind.c_str(), row.cases.c_str(), row.verdict.c_str(), row.worst_ratio.c_str(),
                row.escalations.c_str(), row.rate_bound.c_str());
  }
  std::printf("\n%zu properties, %d failed\n", rows.size(), failed);
  return failed == 0 ? 0 : 1;
}

// The verdict table's rows, from a results file: what apps/verdict_table
// prints and apps/report renders.
#pragma once

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "properties/results_file.hpp"

namespace gdcheck {

struct VerdictRow {
  std::string theorem, property, kind, cases, verdict, worst_ratio, escalations, rate_bound;
  bool passed = false;
  Json line;  // the whole results line
};

// A field as table text: strings as they are, numbers as JSON writes them.
inline std::string field_text(const Json& line, const std::string& name) {
  if (!line.contains(name) || line[name].is_null()) return "";
  return line[name].is_string() ? line[name].get<std::string>() : line[name].dump();
}

inline std::string fixed6(const Json& value) {
  if (!value.is_number()) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", value.get<double>());
  return text;
}

// The rows of `path`, sorted by theorem then property (the same table for the
// same results, whatever order parallel processes wrote them in). Throws
// ResultsFileError when the file is missing, malformed or empty.
inline std::vector<VerdictRow> read_verdict_rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsFileError("cannot read " + path + " (set GDCHECK_RESULTS when running the properties)");
  std::vector<VerdictRow> rows;
  for (Json& line : read_results(in, path)) {
    VerdictRow row;
    row.theorem = field_text(line, "theorem");
    row.property = field_text(line, "property");
    row.kind = field_text(line, "kind");
    row.cases = field_text(line, "cases");
    row.passed = line["verdict"] == "pass";
    row.verdict = row.passed ? "pass" : line["verdict"] == "pending" ? "pending" : "FAIL";
    row.worst_ratio = fixed6(line.value("worst_ratio", Json()));
    row.escalations = field_text(line, "escalations");
    // The exact binomial bound a statistical property states, if any.
    if (line.contains("clopper_pearson_upper") && line["clopper_pearson_upper"].is_number()) {
      char confidence[32];
      std::snprintf(confidence, sizeof confidence, "%.3g", line.value("confidence", 0.0));
      row.rate_bound = "P(saddle) <= " + fixed6(line["clopper_pearson_upper"]) + " at " + confidence;
    } else if (line.contains("success_rate_lower_99") && line["success_rate_lower_99"].is_number()) {
      row.rate_bound = "P(success) >= " + fixed6(line["success_rate_lower_99"]) + " at 0.99";
    }
    row.line = std::move(line);
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw ResultsFileError(path + " has no results: no property ran");
  std::stable_sort(rows.begin(), rows.end(), [](const VerdictRow& a, const VerdictRow& b) {
    return std::tie(a.theorem, a.property) < std::tie(b.theorem, b.property);
  });
  return rows;
}

}  // namespace gdcheck

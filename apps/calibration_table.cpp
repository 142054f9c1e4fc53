// calibration_table RESULTS.jsonl...
// calibration_table --budget RESULTS.jsonl
//
// Per property, over the results files of N default runs with fresh seeds
// (scripts/calibrate.sh): failures / runs and the seed of each failure, so a
// false alarm can be replayed (RC_PARAMS="seed=<seed>"). A negative control
// "fails" when it finds no counterexample. Exits 1 if any property failed in
// any run, 2 on a missing or malformed file.
//
// --budget: the false-alarm budget of one run as a Markdown table: each
// statistical property's stated probability of failing a correct library
// (its results line's false_alarm_per_case times its cases), and their sum,
// the whole run's (a union bound).
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "apps/verdict_rows.hpp"

int budget(const std::string& path) {
  std::vector<gdcheck::VerdictRow> rows;
  try {
    rows = gdcheck::read_verdict_rows(path);
  } catch (const gdcheck::ResultsFileError& e) {
    std::cerr << "calibration_table: " << e.what() << "\n";
    return 2;
  }
  double total = 0;
  std::printf("| property | kind | cases | P(false alarm) per case | per run |\n|---|---|---|---|---|\n");
  for (const auto& row : rows) {
    if (!row.line.contains("false_alarm_per_case")) {
      if (row.kind == "statistical") {
        std::cerr << "calibration_table: " << row.property << " states no false-alarm probability\n";
        return 1;
      }
      continue;
    }
    const double per_case = row.line["false_alarm_per_case"].get<double>();
    const double per_run = per_case * std::stod(row.cases);
    total += per_run;
    std::printf("| %s | %s | %s | %.3g | %.3g |\n", row.property.c_str(), row.kind.c_str(), row.cases.c_str(), per_case,
                per_run);
  }
  std::printf("\nTotal false-alarm probability of one default run (union bound): %.3g\n", total);
  return total < 1e-4 ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--budget") return budget(argv[2]);
  if (argc < 2) {
    std::cerr << "usage: calibration_table RESULTS.jsonl... | calibration_table --budget RESULTS.jsonl\n";
    return 2;
  }
  struct Count {
    long runs = 0;
    std::vector<std::string> failing_seeds;
  };
  std::map<std::string, Count> counts;
  try {
    for (int i = 1; i < argc; ++i) {
      for (const auto& row : gdcheck::read_verdict_rows(argv[i])) {
        Count& c = counts[row.property];
        ++c.runs;
        if (!row.passed) c.failing_seeds.push_back(gdcheck::field_text(row.line, "seed"));
      }
    }
  } catch (const gdcheck::ResultsFileError& e) {
    std::cerr << "calibration_table: " << e.what() << "\n";
    return 2;
  }
  long failures = 0;
  std::printf("%-60s %8s  %s\n", "property", "failed", "seeds of the failures");
  for (const auto& [property, c] : counts) {
    std::string seeds;
    for (const auto& s : c.failing_seeds) seeds += (seeds.empty() ? "" : " ") + s;
    std::printf("%-60s %3zu/%-4ld  %s\n", property.c_str(), c.failing_seeds.size(), c.runs, seeds.c_str());
    failures += static_cast<long>(c.failing_seeds.size());
  }
  std::printf("\n%zu properties, %d results files, %ld failures\n", counts.size(), argc - 1, failures);
  return failures == 0 ? 0 : 1;
}

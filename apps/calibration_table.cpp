// calibration_table RESULTS.jsonl...
//
// Per property, over the results files of N default runs with fresh seeds
// (scripts/calibrate.sh): failures / runs and the seed of each failure, so a
// false alarm can be replayed (RC_PARAMS="seed=<seed>"). A negative control
// "fails" when it finds no counterexample. Exits 1 if any property failed in
// any run, 2 on a missing or malformed file.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "apps/verdict_rows.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: calibration_table RESULTS.jsonl...\n";
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

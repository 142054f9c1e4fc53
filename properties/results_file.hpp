// The results file: one JSON line per property run, appended to the file named
// by the environment variable GDCHECK_RESULTS (nothing is written when unset).
// apps/verdict_table builds the main job's table from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gdcheck {

struct ResultLine {
  std::string property;
  std::string theorem;
  std::string kind;      // holds | needs-hypothesis | statistical | experiment
  long cases = 0;
  bool passed = false;   // written as "verdict": "pass" | "fail"
  std::optional<double> worst_ratio;  // largest observed/bound seen, where there is a bound
  long escalations = 0;               // checks re-decided at higher precision
  std::uint64_t seed = 0;             // RC_PARAMS="seed=<seed>" replays the run
  std::optional<std::string> counterexample;
  // Further fields a property adds (name, already-encoded JSON value).
  std::vector<std::pair<std::string, std::string>> extra;
};

std::string to_json(const ResultLine& line);
std::string json_string(const std::string& text);
std::string json_number(double value);  // 17 significant digits; null when not finite

// Appends to $GDCHECK_RESULTS with one write(2) in O_APPEND mode, so lines from
// test processes running in parallel do not interleave. Returns false (and
// says why on stderr) if the file cannot be written.
bool append_result(const ResultLine& line);

}  // namespace gdcheck

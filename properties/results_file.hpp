// The results file: one JSON line per property run, appended to the file named
// by the environment variable GDCHECK_RESULTS (nothing is written when unset),
// written and read with nlohmann/json. apps/verdict_table, apps/report and
// apps/merge_shards read it.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gdcheck {

// Fields keep the order they were written in, so a line is deterministic.
using Json = nlohmann::ordered_json;

// Version of the line's layout; readers reject any other.
inline constexpr int kResultsSchema = 1;

struct ResultLine {
  std::string property;
  std::string theorem;
  std::string kind;      // holds | needs-hypothesis | statistical | experiment
  long cases = 0;
  bool passed = false;   // written as "verdict": "pass" | "fail"
  // A shard's line (properties/shard.hpp): its counts are partial, so it has
  // no verdict of its own: written as "verdict": "pending" (with a "shard"
  // field); apps/merge_shards decides.
  bool pending = false;
  std::optional<double> worst_ratio;  // largest observed/bound seen, where there is a bound
  long escalations = 0;               // checks re-decided at higher precision
  std::uint64_t seed = 0;             // RC_PARAMS="seed=<seed>" replays the run
  std::optional<std::string> counterexample;
  Json extra = Json::object();        // further fields a property adds, in order
};

// The line as JSON: "schema" first, then the fields above, then `extra`.
Json to_json(const ResultLine& line);
// A finite number, or null (JSON has no NaN or infinity).
Json json_number(double value);

// A results file that cannot be used: names the file, the line and the reason.
class ResultsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every non-empty line of `in` as a JSON object with the fields every line
// has (schema = kResultsSchema, property, theorem, kind, cases, verdict,
// seed; verdict "pending" only with a "shard" field); throws
// ResultsFileError("NAME:LINE: reason") on the first that is not.
std::vector<Json> read_results(std::istream& in, const std::string& name);

// Appends to $GDCHECK_RESULTS with one write(2) in O_APPEND mode, so lines from
// test processes running in parallel do not interleave. Returns false (and
// says why on stderr) if the file cannot be written completely.
bool append_result(const ResultLine& line);

}  // namespace gdcheck

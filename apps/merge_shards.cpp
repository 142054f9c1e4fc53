// merge_shards [--programs DIR] SHARD.jsonl... > MERGED.jsonl
//
// Merges the results files of n shards of one run (GDCHECK_SHARD=k/n,
// properties/shard.hpp) into the results file of the unsharded run. A
// property's shard lines ("verdict": "pending", "shard": "k/n") must be
// present for every k = 1..n exactly once, with the same seed, cases and
// number of Monte Carlo cases; their counts are added exactly per case
// (events, runs and tallies), escalations added, the verdict decided by the
// rule the property uses (rate_rule, theorems/binomial_bound.hpp) and the
// derived fields recomputed by the property's own function
// (properties/monte_carlo_line.hpp), so the merged line equals the unsharded
// run's line when every case passes. Where a case fails, the merged line says
// which, with the command that replays it unsharded; a shard that failed on
// its own (a per-run check) gives the merged line, naming the shard.
// Lines of unsharded properties (each shard ran them whole) are kept once.
//
// An experiment's shard lines carry its cells' tallies ("cell_tallies",
// properties/cell_tallies.hpp): they are added, and the experiment's own
// program is run on the sums (GDCHECK_CELLS, properties/experiment_cells.hpp)
// to draw its figure and decide, so the merged line is the unsharded run's.
// The programs are looked up in DIR (default: ../properties beside this
// tool, where the build puts them).
//
// Exits 0 on success, 2 on a missing, malformed or inconsistent input (the
// message names the file, line or property).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "apps/run_tool.hpp"
#include "lib/run_digest.hpp"
#include "properties/cell_tallies.hpp"
#include "properties/monte_carlo_line.hpp"
#include "properties/results_file.hpp"
#include "properties/shard.hpp"
#include "theorems/binomial_bound.hpp"

namespace {

using gdcheck::Json;

struct MergeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void require(bool condition, const std::string& property, const std::string& what) {
  if (!condition) throw MergeError(property + ": " + what);
}

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string replay_unsharded(const Json& line) {
  return "RC_PARAMS=\"seed=" + line["seed"].dump() + "\" " + line.value("program", std::string("<program>")) +
         " --gtest_filter='" + line.value("test", std::string("*")) + "'";
}

// A shard whose own runs broke a per-run check (a run at a strict saddle,
// say) has a verdict of its own, "fail": the merged line is that line, its
// counterexample naming the shard and the command that replays it unsharded.
Json failed_shard(const std::string& property, const std::vector<Json>& shards) {
  for (const Json& line : shards) {
    if (line.value("verdict", "") != "fail") continue;
    Json merged = line;
    const std::string shard = merged.value("shard", "?");
    merged["counterexample"] = "in shard " + shard + ": " + merged.value("counterexample", std::string()) +
                               "; replay unsharded: " + replay_unsharded(merged);
    merged.erase("shard");
    return merged;
  }
  throw MergeError(property + ": no failing shard");
}

// An experiment's shards: the cells' tallies added, then the experiment's
// program run on them (GDCHECK_CELLS), writing the line an unsharded run writes.
Json assemble(const std::string& property, const std::vector<const Json*>& shards,
              const std::filesystem::path& programs) {
  std::vector<Json> fields;
  for (std::size_t k = 1; k < shards.size(); ++k) {
    require(shards[k]->contains("cell_tallies"), property, "a shard line without the experiment's cells");
    require((*shards[k])["seed"] == (*shards[1])["seed"], property, "shards with different seeds (RC_PARAMS seed= must be shared)");
    fields.push_back((*shards[k])["cell_tallies"]);
  }
  Json cells;
  try {
    cells = gdcheck::add_cells(fields);
  } catch (const std::invalid_argument& error) {
    throw MergeError(property + ": " + error.what());
  }
  const Json& first = *shards[1];
  const std::filesystem::path program = programs / first.value("program", std::string());
  require(std::filesystem::is_regular_file(program), property,
          "its program " + program.string() + " is not there to assemble the experiment (merge_shards --programs DIR)");
  const std::filesystem::path work = std::filesystem::temp_directory_path() /
                                     ("merge_shards." + std::to_string(::getpid()) + "." + gdcheck::digest_text(
                                          std::hash<std::string>{}(property)));
  std::filesystem::create_directories(work);
  const auto cells_file = work / "cells.json", results_file = work / "assembled.jsonl";
  std::ofstream(cells_file) << cells.dump() << "\n";
  const std::string command = "env -u GDCHECK_SHARD GDCHECK_CELLS=" + shell_quoted(cells_file.string()) +
                              " GDCHECK_RESULTS=" + shell_quoted(results_file.string()) +
                              " GDCHECK_DEEP=" + (cells.value("deep", false) ? "1" : "0") +
                              " RC_PARAMS=" + shell_quoted("seed=" + first["seed"].dump()) + " " +
                              shell_quoted(program.string()) + " " +
                              shell_quoted("--gtest_filter=" + first.value("test", std::string("*"))) + " >" +
                              shell_quoted((work / "assembly.log").string()) + " 2>&1";
  // The verdict is in the line (a failing experiment exits 1): only a shell that did not start is an error here.
  if (std::system(command.c_str()) == -1) throw MergeError(property + ": could not run " + program.string());
  std::ifstream in(results_file);
  std::vector<Json> lines;
  if (in) lines = gdcheck::read_results(in, results_file.string());
  std::string log;
  if (lines.size() != 1) {
    std::ifstream log_in(work / "assembly.log");
    log.assign(std::istreambuf_iterator<char>(log_in), {});
  }
  std::filesystem::remove_all(work);
  require(lines.size() == 1, property, "assembling its cells gave no results line; the program said:\n" + log);
  Json merged = std::move(lines.front());
  if (merged.value("verdict", "") == "fail") {
    merged["counterexample"] = merged.value("counterexample", std::string()) + " (assembled from " +
                               std::to_string(shards.size() - 1) + " shards' cells; replay unsharded: " +
                               replay_unsharded(first) + ")";
  }
  return merged;
}

Json merge(const std::string& property, const std::vector<Json>& shards, const std::filesystem::path& programs) {
  const gdcheck::Shard first = gdcheck::parse_shard(shards.front()["shard"].get<std::string>());
  const int n = first.count;
  std::vector<const Json*> by_index(n + 1, nullptr);
  bool any_failed = false;
  for (const Json& line : shards) {
    require(line.contains("shard"), property, "mixes shard lines with an unsharded line");
    require(line["verdict"] == "pending" || line["verdict"] == "fail", property,
            "a shard line that passed on its own (shard lines are pending or fail)");
    any_failed = any_failed || line["verdict"] == "fail";
    const gdcheck::Shard shard = gdcheck::parse_shard(line["shard"].get<std::string>());
    require(shard.count == n, property, "shards of different runs (" + first.text() + " and " + shard.text() + ")");
    require(by_index[shard.index] == nullptr, property, "shard " + shard.text() + " given twice");
    by_index[shard.index] = &line;
  }
  for (int k = 1; k <= n; ++k) {
    require(by_index[k] != nullptr, property, "shard " + std::to_string(k) + "/" + std::to_string(n) + " missing");
  }
  if (any_failed) return failed_shard(property, shards);
  if (by_index[1]->contains("cell_tallies")) return assemble(property, by_index, programs);
  Json merged = *by_index[1];
  require(merged.contains("monte_carlo") && merged["monte_carlo"].is_array(), property, "no \"monte_carlo\" counts");
  const std::size_t cases = merged["monte_carlo"].size();
  long escalations = merged.value("escalations", 0L);
  for (int k = 2; k <= n; ++k) {
    const Json& line = *by_index[k];
    require(line["seed"] == merged["seed"], property, "shards with different seeds (RC_PARAMS seed= must be shared)");
    require(line["cases"] == merged["cases"], property, "shards with different numbers of cases");
    require(line.contains("monte_carlo") && line["monte_carlo"].size() == cases, property,
            "shards with different numbers of Monte Carlo cases");
    escalations += line.value("escalations", 0L);
    for (std::size_t c = 0; c < cases; ++c) {
      Json& entry = merged["monte_carlo"][c];
      const Json& other = line["monte_carlo"][c];
      require(entry.value("event", "") == other.value("event", "") && entry.value("claim", Json()) == other.value("claim", Json()),
              property, "case " + std::to_string(c + 1) + " counts different events or claims across shards");
      entry["count"] = entry["count"].get<long>() + other.at("count").get<long>();
      entry["runs"] = entry["runs"].get<long>() + other.at("runs").get<long>();
      if (entry.contains("digest")) {
        require(other.contains("digest"), property, "case " + std::to_string(c + 1) + ": a shard without a run digest");
        entry["digest"] = gdcheck::add_digests(entry["digest"], other["digest"]);
      }
      if (entry.contains("tallies")) {
        for (auto& [name, value] : entry["tallies"].items()) value = value.get<long>() + other.at("tallies").at(name).get<long>();
      }
    }
  }
  // The verdict, case by case, by the property's own rule (rate_rule).
  std::string failure;
  for (std::size_t c = 0; c < cases && failure.empty(); ++c) {
    const Json& entry = merged["monte_carlo"][c];
    if (!gdcheck::monte_carlo_claim_holds(entry)) {
      failure = "case " + std::to_string(c + 1) + ": " + entry["count"].dump() + " of " + entry["runs"].dump() +
                " runs " + entry.value("event", "") + ", against the claim " + entry["claim"].dump() +
                " (merged from " + std::to_string(n) + " shards; replay unsharded: " + replay_unsharded(merged) + ")";
    }
  }
  merged["escalations"] = escalations;
  merged["verdict"] = failure.empty() ? "pass" : "fail";
  if (!failure.empty()) merged["counterexample"] = failure;
  gdcheck::derive_monte_carlo_fields(merged);
  merged.erase("shard");
  return merged;
}

// Where the build puts the property programs: ../properties beside this tool.
std::filesystem::path default_programs() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path("properties") : self.parent_path().parent_path() / "properties";
}

}  // namespace

int main(int argc, char** argv) {
  return gdcheck::run_tool("merge_shards", [&] {
    int first_file = 1;
    std::filesystem::path programs = default_programs();
    if (argc > 1 && std::string(argv[1]) == "--programs") {
      if (argc < 3) throw MergeError("--programs needs a directory");
      programs = argv[2];
      first_file = 3;
    } else if (argc > 1 && std::string(argv[1]).rfind("--", 0) == 0) {
      throw MergeError(std::string("unknown option ") + argv[1] + " (usage: merge_shards [--programs DIR] SHARD.jsonl...)");
    }
    if (first_file >= argc) throw MergeError("usage: merge_shards [--programs DIR] SHARD.jsonl... > MERGED.jsonl");
    std::vector<std::string> order;  // properties in order of first appearance
    std::map<std::string, std::vector<Json>> lines;
    for (int i = first_file; i < argc; ++i) {
      std::ifstream in(argv[i]);
      if (!in) throw gdcheck::ResultsFileError(std::string("cannot read ") + argv[i]);
      for (Json& line : gdcheck::read_results(in, argv[i])) {
        const std::string property = line["property"];
        if (!lines.count(property)) order.push_back(property);
        lines[property].push_back(std::move(line));
      }
    }
    if (order.empty()) throw MergeError("no results lines in the shards' files");
    for (const auto& property : order) {
      const auto& group = lines[property];
      const bool sharded = group.front().contains("shard");
      std::cout << (sharded ? merge(property, group, programs) : group.front()).dump() << "\n";
    }
    return 0;
  });
}

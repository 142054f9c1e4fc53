// shard_plan UNSHARDED.jsonl SHARD.jsonl > TABLE.md
//
// How evenly GDCHECK_SHARD=k/n splits each sharded property's work (issue 26,
// item 3): for every property that SHARD.jsonl (the results of any one shard)
// shows sharded ("shard" in its line), its runs per case R from the unsharded
// run's results and, for n = 2..16 shards, the largest
// relative deviation of a shard's runs from R/n, by the slicing the shards
// use (properties/shard.hpp, slice_of). A property's work is its runs (every
// run of a case costs the same in expectation), so this is the work per shard.
// An experiment (its shard line's "cell_tallies", properties/cell_tallies.hpp)
// splits either every cell's runs, the same way, or its cells round-robin
// (shard k of n does cells k, k + n, ... of all its cases' cells together):
// there the work counted is cells, which cost the same only as far as the
// sweep's cells (or the property's cases) do.
// Exits 2 on an unreadable file or one without Monte Carlo lines.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "apps/run_tool.hpp"
#include "properties/results_file.hpp"
#include "properties/shard.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: shard_plan UNSHARDED.jsonl SHARD.jsonl > TABLE.md\n";
    return 2;
  }
  return gdcheck::run_tool("shard_plan", [&] {
    std::ifstream shard_in(argv[2]);
    if (!shard_in) throw gdcheck::ResultsFileError(std::string("cannot read ") + argv[2]);
    std::set<std::string> sharded;
    std::set<std::string> by_cells;           // properties that shard through cells (experiments, cases)
    std::vector<gdcheck::Json> cell_lines;    // their shard lines: the cells and how they split
    for (gdcheck::Json& line : gdcheck::read_results(shard_in, argv[2])) {
      if (!line.contains("shard")) continue;
      sharded.insert(line["property"].get<std::string>());
      if (!line.contains("cell_tallies")) continue;
      by_cells.insert(line["property"].get<std::string>());
      cell_lines.push_back(std::move(line));
    }
    std::ifstream in(argv[1]);
    if (!in) throw gdcheck::ResultsFileError(std::string("cannot read ") + argv[1]);
    const int ns[] = {2, 3, 4, 7, 8, 16};
    std::printf("| property | runs per case, or cells | n = 2 | n = 3 | n = 4 | n = 7 | n = 8 | n = 16 | worst, n = 2..16 |\n"
                "|---|---|---|---|---|---|---|---|---|\n");
    int rows = 0;
    // One row: the largest deviation of shard k's share of the work, share(k, n), from 1/n.
    const auto row = [&](const std::string& label, const std::string& size, const auto& share) {
      const auto deviation = [&](int n) {
        double worst = 0;
        for (int k = 1; k <= n; ++k) worst = std::max(worst, std::abs(share(k, n) * n - 1));
        return worst;
      };
      double worst = 0;
      for (int n = 2; n <= 16; ++n) worst = std::max(worst, deviation(n));
      std::printf("| %s | %s |", label.c_str(), size.c_str());
      for (const int n : ns) std::printf(" %.2f%% |", 100 * deviation(n));
      std::printf(" %.2f%% |\n", 100 * worst);
      ++rows;
    };
    // A slice of `runs` (slice_of, properties/shard.hpp).
    const auto runs_share = [](long runs) {
      return [runs](int k, int n) {
        const auto [first, end] = gdcheck::slice_of(runs, gdcheck::Shard{k, n});
        return double(end - first) / double(runs);
      };
    };
    for (const gdcheck::Json& line : gdcheck::read_results(in, argv[1])) {
      const std::string property = line["property"].get<std::string>();
      if (!sharded.count(property) || !line.contains("monte_carlo") || by_cells.count(property)) continue;  // cells: below
      const long runs = line["monte_carlo"][0]["runs"];
      row(property, std::to_string(runs), runs_share(runs));
    }
    // Split runs: every case's cells, each a slice of its runs. Whole cells:
    // dealt round-robin over every case's cells together.
    for (const gdcheck::Json& line : cell_lines) {
      const long runs = line["cell_tallies"].value("runs_per_cell", 0L);
      long cells = 0;
      for (const auto& call : line["cell_tallies"]["calls"]) {
        cells += static_cast<long>(call.size());
        if (runs > 0) break;  // per case
      }
      const std::string label = line["property"].get<std::string>() + " (" + line.value("kind", std::string("?")) + ")";
      if (runs > 0) {
        row(label, std::to_string(cells) + " cells x " + std::to_string(runs) + " runs", runs_share(runs));
      } else {
        row(label, std::to_string(cells) + " cells, each whole",
            [cells](int k, int n) { return double(k <= cells ? (cells - k) / n + 1 : 0) / double(cells); });
      }
    }
    if (rows == 0) throw gdcheck::ResultsFileError(std::string(argv[1]) + ": no line of a sharded property");
    return 0;
  });
}

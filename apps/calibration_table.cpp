// calibration_table RESULTS.jsonl...
// calibration_table --budget RESULTS.jsonl
// calibration_table --controls RESULTS.jsonl...
//
// Per property, over the results files of N default runs with fresh seeds
// (scripts/calibrate.sh): failures / runs and the seed of each failure, so a
// false alarm can be replayed (RC_PARAMS="seed=<seed>"). A negative control
// "fails" when it finds no counterexample. Exits 1 if any property failed in
// any run, 2 on a missing or malformed file.
//
// --controls: per negative control, how many runs missed their
// counterexample and how many cases the search needed (median, most) against
// its case budget: a control whose search needs most of its budget can miss.
// Two 95% upper bounds on its chance of missing in one run: from the runs
// alone (Clopper-Pearson on missed / runs, no model, weak), and, if the
// cases are independent draws each finding a counterexample with the same
// probability p, (1 - p_low)^budget with p_low the Clopper-Pearson lower
// bound on p from n counterexamples in S cases (exact when every run found
// one: P(S <= s) = P(Binomial(s, p) >= n) for the cases up to the n-th find).
//
// --power: for each Monte Carlo case with a success-rate claim "at least
// p0, tested at level" (the binomial rule, success_rate_consistent_at), the
// power side of its false-alarm rate, exactly: the largest true success rate
// p1 that one case of n runs rejects with probability >= 0.99 (the minimum
// detectable drop p0 - p1), and the exact rejection probability at p0 (its
// false-alarm rate, <= level). Computed from the binomial law term by term
// (rejection_probability), bisected on p to 1e-6.
//
// --budget: the false-alarm budget of one run as a Markdown table: each
// statistical property's stated probability of failing a correct library
// (its results line's false_alarm_per_case times its cases), and their sum,
// the whole run's (a union bound).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apps/verdict_rows.hpp"
#include "theorems/binomial_bound.hpp"

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

// Every row of every file, or nullopt after naming the malformed file and line.
std::optional<std::vector<gdcheck::VerdictRow>> read_all(const std::vector<std::string>& paths) {
  std::vector<gdcheck::VerdictRow> rows;
  try {
    for (const auto& path : paths) {
      for (auto& row : gdcheck::read_verdict_rows(path)) rows.push_back(std::move(row));
    }
  } catch (const gdcheck::ResultsFileError& e) {
    std::cerr << "calibration_table: " << e.what() << "\n";
    return std::nullopt;
  }
  return rows;
}

int power(const std::string& path) {
  const auto rows = read_all({path});
  if (!rows) return 2;
  constexpr double kPower = 0.99;
  std::printf("| property | event | runs per case n | claimed rate p0 | level | P(reject) at p0 (false alarm) "
              "| rejected w.p. >= 0.99 at rates <= p1 | minimum detectable drop p0 - p1 |\n"
              "|---|---|---:|---:|---:|---:|---:|---:|\n");
  std::map<std::string, bool> seen;  // one row per (property, n, claim): its cases share them
  for (const auto& row : *rows) {
    if (!row.line.contains("monte_carlo") || !row.line["monte_carlo"].is_array()) continue;
    for (const auto& c : row.line["monte_carlo"]) {
      if (!c.contains("claim") || !c["claim"].is_object() || !c["claim"].contains("at_least")) continue;
      const long n = c["runs"].get<long>();
      const double claimed = c["claim"]["at_least"].get<double>(), level = c["claim"]["level"].get<double>();
      const std::string key = row.property + "/" + std::to_string(n) + "/" + std::to_string(claimed);
      if (seen[key]) continue;
      seen[key] = true;
      const auto consistent = [&](long k) { return gdcheck::success_rate_consistent_at(k, n, claimed, level); };
      const double false_alarm = gdcheck::rejection_probability(n, claimed, consistent);
      // P(reject | p) falls as p rises: bisect for the largest p with P >= kPower.
      double lo = 0, hi = claimed;
      while (hi - lo > 1e-6) {
        const double mid = (lo + hi) / 2;
        (gdcheck::rejection_probability(n, mid, consistent) >= kPower ? lo : hi) = mid;
      }
      std::string event = c["event"].get<std::string>();
      for (std::size_t at = event.find('|'); at != std::string::npos; at = event.find('|', at + 2)) event.insert(at, "\\");
      std::printf("| %s | %s | %ld | %.3g | %.3g | %.2g | %.4f | %.4f |\n", row.property.c_str(), event.c_str(), n,
                  claimed, level, false_alarm, lo, claimed - lo);
    }
  }
  return 0;
}

int controls(const std::vector<std::string>& paths) {
  struct Searches {
    long runs = 0, missed = 0;
    std::vector<long> cases_to_counterexample;
    long budget = 0;  // 0: not in the results lines
  };
  const auto rows = read_all(paths);
  if (!rows) return 2;
  std::map<std::string, Searches> by_control;
  for (const auto& row : *rows) {
    if (row.kind != "needs-hypothesis") continue;
    Searches& s = by_control[row.property];
    ++s.runs;
    if (row.passed) s.cases_to_counterexample.push_back(std::stol(row.cases));
    else ++s.missed;
    const auto& case_budget = row.line.contains("case_budget") ? row.line["case_budget"] : gdcheck::Json();
    s.budget = case_budget.is_number_integer() && case_budget.get<long>() > 0 ? case_budget.get<long>() : 0;
  }
  constexpr double kConfidence = 0.95;
  long missed = 0;
  double total_model_bound = 0;
  std::printf("| negative control | runs | missed | cases to the counterexample: median | most | case budget "
              "| P(miss) per run <= (runs alone) | (independent cases) |\n"
              "|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (auto& [control, s] : by_control) {
    auto& found = s.cases_to_counterexample;
    std::sort(found.begin(), found.end());
    const std::string median = found.empty() ? "-" : std::to_string(found[found.size() / 2]);
    const std::string most = found.empty() ? "-" : std::to_string(found.back());
    const double runs_alone = gdcheck::clopper_pearson_upper(s.missed, s.runs, kConfidence);
    std::string model = "-";  // exact only when no run missed (see above)
    if (s.missed == 0 && s.budget > 0) {
      long cases = 0;
      for (long k : found) cases += k;
      const double p_low = gdcheck::clopper_pearson_lower(static_cast<long>(found.size()), cases, kConfidence);
      const double bound = std::pow(1 - p_low, static_cast<double>(s.budget));
      total_model_bound += bound;
      char text[32];
      std::snprintf(text, sizeof text, "%.2g", bound);
      model = text;
    }
    std::printf("| %s | %ld | %ld | %s | %s | %s | %.2g | %s |\n", control.c_str(), s.runs, s.missed, median.c_str(),
                most.c_str(), s.budget > 0 ? std::to_string(s.budget).c_str() : "-", runs_alone, model.c_str());
    missed += s.missed;
  }
  std::printf("\n%zu negative controls, %zu results files, %ld missed searches; sum of the independent-case "
              "bounds %.2g\n", by_control.size(), paths.size(), missed, total_model_bound);
  return missed == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--budget") return budget(argv[2]);
  if (argc == 3 && std::string(argv[1]) == "--power") return power(argv[2]);
  if (argc >= 3 && std::string(argv[1]) == "--controls") return controls({argv + 2, argv + argc});
  if (argc < 2 || std::string(argv[1]).starts_with("-")) {
    std::cerr << "usage: calibration_table RESULTS.jsonl... | calibration_table --budget RESULTS.jsonl | "
                 "calibration_table --power RESULTS.jsonl | calibration_table --controls RESULTS.jsonl...\n";
    return 2;
  }
  struct Count {
    long runs = 0;
    std::vector<std::string> failing_seeds;
  };
  const auto rows = read_all({argv + 1, argv + argc});
  if (!rows) return 2;
  std::map<std::string, Count> counts;
  for (const auto& row : *rows) {
    Count& c = counts[row.property];
    ++c.runs;
    if (!row.passed) c.failing_seeds.push_back(gdcheck::field_text(row.line, "seed"));
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

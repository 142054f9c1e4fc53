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
// --power: for each Monte Carlo case with a claim on its rate (at_least,
// at_most, more_than, equals, none: gdcheck::rate_rule), the power side of
// its false-alarm rate, exactly: the rates nearest to the claim, on each side
// where the rule can reject, that one case of n runs rejects with probability
// >= 0.99 (the minimum detectable change), and the exact rejection
// probability at the claim itself (the false-alarm rate of at_least, at_most
// and equals, <= level; for more_than the claim's boundary is rejected).
// Computed from the binomial law term by term (rejection_probability),
// bisected on the rate to 1e-6.
//
// --ks-power: for each statistical property's Kolmogorov-Smirnov tests, the
// smallest bug of each named family that one case rejects with probability
// >= 0.99, as its results line's "power" entries state it (computed by the
// property from the exact distance of the buggy law, detectable_effect.hpp):
// the largest over its cases, so every case detects a bug of that size.
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
#include <tuple>
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

// A table cell's text with its pipes escaped.
std::string markdown_cell(std::string text) {
  for (std::size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) text.insert(at, "\\");
  return text;
}

int power(const std::string& path) {
  const auto rows = read_all({path});
  if (!rows) return 2;
  constexpr double kPower = 0.99;
  std::printf("| property | event | runs per case n | claim on its rate | level | P(reject) at the claim "
              "| rejected w.p. >= 0.99 at rates | minimum detectable change |\n"
              "|---|---|---:|---|---:|---:|---|---:|\n");
  std::map<std::string, bool> seen;  // one row per (property, n, claim): its cases share them
  for (const auto& row : *rows) {
    if (!row.line.contains("monte_carlo") || !row.line["monte_carlo"].is_array()) continue;
    for (const auto& c : row.line["monte_carlo"]) {
      if (!c.contains("claim") || !c["claim"].is_object()) continue;
      const long n = c["runs"].get<long>();
      const std::string key = row.property + "/" + std::to_string(n) + "/" + c["claim"].dump();
      if (seen[key]) continue;
      seen[key] = true;
      std::optional<gdcheck::RateRule> rule;
      try {
        for (const auto& [kind, value] : c["claim"].items()) {
          if (kind == "level") continue;
          rule = gdcheck::rate_rule(kind, value.is_number() ? value.get<double>() : 0, c["claim"].value("level", 0.0), n);
        }
      } catch (const std::exception& e) {
        std::cerr << "calibration_table: " << row.property << ": " << e.what() << "\n";
        return 2;
      }
      if (!rule) {
        std::cerr << "calibration_table: " << row.property << ": a claim without a rule: " << c["claim"].dump() << "\n";
        return 2;
      }
      const std::string event = markdown_cell(c["event"].get<std::string>());
      std::string rates, change;
      char text[64];
      for (const bool below : {true, false}) {
        if (!(below ? rule->rejects_below : rule->rejects_above)) continue;
        const double p = gdcheck::detectable_rate(n, rule->consistent, rule->claimed, below, kPower);
        std::snprintf(text, sizeof text, "%s %.4f", below ? "<=" : ">=", p);
        rates += (rates.empty() ? "" : " or ") + std::string(text);
        std::snprintf(text, sizeof text, "%.4f", std::abs(rule->claimed - p));
        change += (change.empty() ? "" : " / ") + std::string(text);
      }
      const double at_claim = gdcheck::rejection_probability(n, rule->claimed, rule->consistent);
      std::printf("| %s | %s | %ld | %s | %.3g | %.2g | %s | %s |\n", row.property.c_str(), event.c_str(), n,
                  rule->describe.c_str(), rule->level, at_claim, rates.c_str(), change.c_str());
    }
  }
  return 0;
}

int ks_power(const std::string& path) {
  const auto rows = read_all({path});
  if (!rows) return 2;
  struct Family {
    long fewest_samples = 0, most_samples = 0;
    double largest_distance = 0;
    std::vector<double> effects;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Family> families;
  for (const auto& row : *rows) {
    if (row.kind != "statistical" || !row.line.contains("power") || !row.line["power"].is_array()) continue;
    for (const auto& entry : row.line["power"]) {
      Family& f = families[{row.property, entry["test"].get<std::string>(), entry["deviation"].get<std::string>()}];
      const long n = entry["samples"].get<long>();
      f.fewest_samples = f.effects.empty() ? n : std::min(f.fewest_samples, n);
      f.most_samples = std::max(f.most_samples, n);
      f.largest_distance = std::max(f.largest_distance, entry["detectable_distance"].get<double>());
      f.effects.push_back(entry["detectable"].get<double>());
    }
  }
  std::printf("| property | test | bug of size x | samples per case | cases | KS distance rejected w.p. >= 0.99 "
              "| x rejected w.p. >= 0.99: median case | every case |\n|---|---|---|---:|---:|---:|---:|---:|\n");
  for (auto& [key, f] : families) {
    const auto& [property, test, deviation] = key;
    const std::string samples = f.fewest_samples == f.most_samples
                                    ? std::to_string(f.fewest_samples)
                                    : std::to_string(f.fewest_samples) + " .. " + std::to_string(f.most_samples);
    std::sort(f.effects.begin(), f.effects.end());
    const std::size_t cases = f.effects.size();
    const double median = cases % 2 == 1 ? f.effects[cases / 2] : (f.effects[cases / 2 - 1] + f.effects[cases / 2]) / 2;
    std::printf("| %s | %s | %s | %s | %zu | %.3g | %.3g | %.3g |\n", property.c_str(), markdown_cell(test).c_str(),
                markdown_cell(deviation).c_str(), samples.c_str(), cases, f.largest_distance, median, f.effects.back());
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
  if (argc == 3 && std::string(argv[1]) == "--ks-power") return ks_power(argv[2]);
  if (argc >= 3 && std::string(argv[1]) == "--controls") return controls({argv + 2, argv + argc});
  if (argc < 2 || std::string(argv[1]).starts_with("-")) {
    std::cerr << "usage: calibration_table RESULTS.jsonl... | calibration_table --budget RESULTS.jsonl | "
                 "calibration_table --power RESULTS.jsonl | calibration_table --ks-power RESULTS.jsonl | "
                 "calibration_table --controls RESULTS.jsonl...\n";
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

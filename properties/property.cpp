#include "properties/property.hpp"
#include "properties/monte_carlo_line.hpp"
#include "lib/run_digest.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <unistd.h>

#include "properties/results_file.hpp"
#include "lib/parallel_map.hpp"
#include "lib/random.hpp"
#include "properties/shard.hpp"
#include "theorems/detectable_effect.hpp"

namespace gdcheck {

std::string_view to_string(PropertyKind kind) {
  switch (kind) {
    case PropertyKind::holds: return "holds";
    case PropertyKind::needs_hypothesis: return "needs-hypothesis";
    case PropertyKind::statistical: return "statistical";
    case PropertyKind::experiment: return "experiment";
  }
  return "unknown";
}

void PropertyLog::reset() { *this = PropertyLog{}; }

void PropertyLog::ratio(double value) {
  if (std::isnan(value)) return;
  if (!has_ratio_ || value > worst_ratio_) worst_ratio_ = value;
  has_ratio_ = true;
}

void PropertyLog::escalations(long count) { escalations_ += count; }

void PropertyLog::field(const std::string& name, Json value) { fields_[name] = std::move(value); }

void PropertyLog::monte_carlo(const std::string& event, long count, long runs, Json claim, Json tallies) {
  if (!fields_.contains("monte_carlo")) fields_["monte_carlo"] = Json::array();
  Json entry = {{"event", event}, {"count", count}, {"runs", runs}};
  if (!claim.is_null()) entry["claim"] = std::move(claim);
  if (!tallies.is_null()) entry["tallies"] = std::move(tallies);
  fields_["monte_carlo"].push_back(std::move(entry));
}

void PropertyLog::digest(std::uint64_t runs_digest) {
  if (!fields_.contains("monte_carlo") || fields_["monte_carlo"].empty()) {
    throw std::logic_error("PropertyLog::digest before any monte_carlo entry");
  }
  fields_["monte_carlo"].back()["digest"] = digest_text(runs_digest);
  fields_.erase("digest");  // no_runs_yet's placeholder: the runs' digest is the entry's now
}

bool PropertyLog::last_claim_holds() {
  if (!fields_.contains("monte_carlo") || fields_["monte_carlo"].empty()) {
    throw std::logic_error("PropertyLog::last_claim_holds before any monte_carlo entry");
  }
  if (current_shard().active()) {
    pending();
    return true;
  }
  return monte_carlo_claim_holds(fields_["monte_carlo"].back());
}

void PropertyLog::no_runs_yet() { fields_["digest"] = digest_text(0); }

void PropertyLog::power(Json entry) {
  if (!fields_.contains("power")) fields_["power"] = Json::array();
  fields_["power"].push_back(std::move(entry));
}

double log_detectable_effect(const std::string& test, const std::string& deviation, long samples, double threshold,
                             const std::function<double(double)>& distance, double largest) {
  const double target = detectable_distance(threshold, samples, kDetectionPower);
  const double effect = smallest_detectable_effect(distance, target, largest);
  property_log().power({{"test", test},
                        {"deviation", deviation},
                        {"samples", samples},
                        {"threshold", json_number(threshold)},
                        {"power", kDetectionPower},
                        {"detectable_distance", json_number(target)},
                        {"detectable", json_number(effect)}});
  return effect;
}

double rate_near_threshold(const RateRule& rule, long trials, bool below) {
  const double detectable = detectable_rate(trials, rule.consistent, rule.claimed, below, kDetectionPower);
  // A strict claim (more_than) rejects its own boundary: its detectable rate
  // lies beyond the claim on the accepting side, and twice the change would
  // land further from rejection, not nearer.
  if (rejection_probability(trials, rule.claimed, rule.consistent) >= kDetectionPower) {
    return (rule.claimed + detectable) / 2;
  }
  return std::clamp(rule.claimed + 2 * (detectable - rule.claimed), 0.0, 1.0);
}

bool planted_bug_strikes(std::uint64_t run_seed, double probability) {
  return probability > 0 && Rng(run_seed ^ 0x9e3779b97f4a7c15ULL).uniform01() < probability;
}

PropertyLog& property_log() {
  static PropertyLog log;
  return log;
}

bool deep_mode() {
  const char* deep = std::getenv("GDCHECK_DEEP");
  if (deep == nullptr || std::string(deep) == "0" || *deep == '\0') return false;
  if (std::string(deep) == "1") return true;
  throw std::invalid_argument(std::string("GDCHECK_DEEP=") + deep + ": expected 1 (deep) or 0");
}

namespace {

bool whole_number(const std::string& text) {
  return !text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos;
}

// RC_PARAMS as RapidCheck documents it (doc/configuration.md): key=value
// pairs; a misspelt key (sed=42) would otherwise be ignored and the run
// would not be the one asked for. Values with spaces are not needed here.
void check_rc_params() {
  const char* params = std::getenv("RC_PARAMS");
  if (params == nullptr) return;
  std::istringstream words(params);
  std::string word;
  while (words >> word) {
    const auto equals = word.find('=');
    const std::string key = word.substr(0, equals), value = equals == std::string::npos ? "" : word.substr(equals + 1);
    const bool number_key = key == "seed" || key == "max_success" || key == "max_size" || key == "max_discard_ratio";
    const bool flag_key = key == "noshrink" || key == "verbose_progress" || key == "verbose_shrinking";
    if (number_key ? !whole_number(value) : flag_key ? (value != "0" && value != "1") : key != "reproduce" || value.empty()) {
      throw std::invalid_argument(std::string("RC_PARAMS=\"") + params + "\": '" + word +
                                  "' is not one of seed=N, max_success=N, max_size=N, max_discard_ratio=N, "
                                  "noshrink=0|1, verbose_progress=0|1, verbose_shrinking=0|1, reproduce=...");
    }
  }
}

}  // namespace

void check_environment() {
  // Every GDCHECK_* variable is one gdcheck reads; a misspelt one would
  // otherwise be ignored in silence (GDCHECK_DEPP=1 running the default depth).
  static const std::set<std::string> known{"GDCHECK_RESULTS",   "GDCHECK_DEEP",       "GDCHECK_THREADS", "GDCHECK_SHARD",
                                           "GDCHECK_CELLS",     "GDCHECK_BUILD_DIR",  "GDCHECK_BUILD_BENCH"};
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    if (text.rfind("GDCHECK_", 0) != 0) continue;
    const std::string name = text.substr(0, text.find('='));
    if (!known.count(name)) {
      throw std::invalid_argument(name + " is not a gdcheck variable (known: GDCHECK_RESULTS, GDCHECK_DEEP, "
                                  "GDCHECK_THREADS, GDCHECK_SHARD, GDCHECK_CELLS, GDCHECK_BUILD_DIR, GDCHECK_BUILD_BENCH)");
    }
  }
  deep_mode();
  current_shard();
  default_thread_count();
  check_rc_params();
}

namespace detail {

struct PropertyRun {
  rc::detail::TestMetadata metadata;
  rc::detail::TestParams params;
  bool skip = false;          // RC_PARAMS reproduces another property
  bool reproduce = false;     // RC_PARAMS reproduces this one
  std::uint64_t seed = 0;
};

namespace {

// FNV-1a: a fixed hash, so a property's seed depends only on RC_PARAMS's seed
// and the property's name, not on the order properties run in.
std::uint64_t name_hash(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
  return hash;
}

}  // namespace

PropertyRun prepare_run(const PropertyInfo& info) {
  check_environment();  // a malformed GDCHECK_* or RC_PARAMS fails every property, naming it
  const auto& config = rc::detail::configuration();
  PropertyRun run;
  run.metadata.id = info.name;
  run.metadata.description = info.name;
  run.params = config.testParams;
  run.seed = config.testParams.seed;
  run.params.seed = config.testParams.seed ^ name_hash(info.name);
  if (info.cases > 0) run.params.maxSuccess = info.cases;
  // A statistical case is hundreds of runs: shrinking it would re-run them
  // for every shrink step (minutes); the failing case's seed replays it.
  if (!info.shrink || info.kind == PropertyKind::statistical) run.params.disableShrinking = true;
  // Statistical properties and experiments scale their own sample sizes in
  // deep mode instead (a Monte Carlo case is already N runs).
  const bool scales_itself = info.kind == PropertyKind::statistical || info.kind == PropertyKind::experiment;
  if (deep_mode() && !scales_itself) run.params.maxSuccess *= 10;
  if (!config.reproduce.empty()) {
    run.reproduce = config.reproduce.count(info.name) > 0;
    if (!run.reproduce) {
      // A leftover reproduce= would otherwise make every other property pass
      // silently with zero cases.
      run.skip = true;
    }
  }
  return run;
}

void conclude_run(const PropertyInfo& info, const PropertyRun& run,
                  const rc::detail::TestResult& result) {
  ResultLine line;
  line.property = info.name;
  line.theorem = info.theorem;
  line.kind = std::string(to_string(info.kind));
  line.seed = run.seed;
  const PropertyLog& log = property_log();
  if (log.has_ratio()) line.worst_ratio = log.worst_ratio();
  line.escalations = log.escalation_count();
  // Where the run came from, so the report can print the command that replays it.
  line.extra["program"] = program_invocation_short_name;
  if (const auto* test = ::testing::UnitTest::GetInstance()->current_test_info()) {
    line.extra["test"] = std::string(test->test_suite_name()) + "." + test->name();
  }
  for (const auto& [name, value] : log.fields().items()) line.extra[name] = value;
  // The fields derived from the Monte Carlo counts, by the function
  // apps/merge_shards recomputes them with (monte_carlo_line.hpp).
  if (line.extra.contains("monte_carlo")) {
    Json derived = line.extra;
    if (line.worst_ratio) derived["worst_ratio"] = *line.worst_ratio;
    derive_monte_carlo_fields(derived);
    if (derived.contains("worst_ratio")) line.worst_ratio = derived["worst_ratio"].get<double>();
    derived.erase("worst_ratio");
    line.extra = std::move(derived);
  }

  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  const std::string replay = "replay the whole run with RC_PARAMS=\"seed=" + std::to_string(run.seed) + "\"";

  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  const bool found_counterexample = result.match(failure);
  if (result.match(success)) line.cases = success.numSuccess;
  if (found_counterexample) {
    line.cases = failure.numSuccess + 1;
    line.counterexample = failure.description;
  }
  if (result.match(gave_up)) line.cases = gave_up.numSuccess;

  const bool expects_counterexample = info.kind == PropertyKind::needs_hypothesis;
  // A negative control's search budget: with `cases` (how many it needed),
  // calibration measures how close a correct library comes to a missed search.
  if (expects_counterexample) line.extra["case_budget"] = run.params.maxSuccess;
  line.passed = expects_counterexample ? found_counterexample : result.match(success);
  // A shard's line: pending when its own runs passed (merge_shards decides
  // from every shard's counts), failed when one of its runs broke a per-run check.
  if (log.is_pending()) {
    line.pending = line.passed;
    line.extra["shard"] = current_shard().text();
  }
  // A statistical property's chance of failing a correct library in this run:
  // its per-case level over the cases run (a union bound).
  if (line.extra.contains("false_alarm_per_case") && line.extra["false_alarm_per_case"].is_number()) {
    line.extra["false_alarm_probability"] = line.extra["false_alarm_per_case"].get<double>() * static_cast<double>(line.cases);
  }
  // Results that cannot be written fail the run: a verdict table missing
  // this property must not look like success.
  if (!append_result(line)) ADD_FAILURE() << "the results line of " << info.name << " could not be written (GDCHECK_RESULTS)";

  std::cout << "[gdcheck] " << info.name << ": " << line.cases << " cases, "
            << (line.passed ? "pass" : "FAIL") << ", escalations " << line.escalations
            << (log.has_ratio() ? ", worst ratio " + json_number(log.worst_ratio()).dump() : "") << "; "
            << replay << "\n";
  if (expects_counterexample) {
    if (found_counterexample) {
      std::cout << "[gdcheck] counterexample (the hypothesis is needed):\n" << message.str() << "\n";
    } else {
      ADD_FAILURE() << "negative control found no counterexample in " << line.cases
                    << " cases: the dropped hypothesis was not shown necessary.\n"
                    << message.str() << "\n" << replay;
    }
  } else if (!line.passed) {
    ADD_FAILURE() << message.str() << "\n" << replay;
  }
}

}  // namespace detail

std::uint64_t run_seed(const PropertyInfo& info) { return detail::prepare_run(info).seed; }

namespace {

// --deep runs on a terminal: cases done / total, elapsed and estimated time
// left, on one stderr line per property. Nothing when stderr is not a
// terminal (ctest, CI logs) or outside --deep.
class Progress {
 public:
  Progress(const std::string& name, int total)
      : name_(name), total_(total), on_(deep_mode() && ::isatty(STDERR_FILENO) == 1),
        start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (on_ && done_ > 0) std::fprintf(stderr, "\n");
  }
  void case_done() {
    if (!on_) return;
    ++done_;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double left = done_ < total_ ? elapsed / done_ * (total_ - done_) : 0;
    std::fprintf(stderr, "\r[gdcheck] %s: %d/%d cases, %.0f s elapsed, ~%.0f s left   ", name_.c_str(), done_,
                 total_, elapsed, left);
    std::fflush(stderr);
  }

 private:
  std::string name_;
  int total_, done_ = 0;
  bool on_;
  std::chrono::steady_clock::time_point start_;
};

// A library that calls exit() while a property runs (SDPA's rError prints
// and calls exit(false), that is status 0, when a solve aborts) would end the
// program with success, and ctest would count the property passed. From the
// first property on, an exit while a test is running fails the program with
// status 3, naming the test.
void guard_against_exit_mid_test() {
  static const bool installed = [] {
    // Constructed before the handler is registered, so destroyed after it runs.
    ::testing::UnitTest::GetInstance();
    std::atexit([] {
      const ::testing::TestInfo* running = ::testing::UnitTest::GetInstance()->current_test_info();
      if (running == nullptr) return;
      std::fprintf(stderr,
                   "\ngdcheck: %s.%s: the program exited while this test was running (a library called exit(); "
                   "SDPA does when a solve aborts): the test fails\n",
                   running->test_suite_name(), running->name());
      std::fflush(stderr);
      std::_Exit(3);
    });
    return true;
  }();
  (void)installed;
}

}  // namespace

void check_property(const PropertyInfo& info, const std::function<void()>& body) {
  guard_against_exit_mid_test();
  const detail::PropertyRun run = detail::prepare_run(info);
  if (run.skip) GTEST_SKIP() << "RC_PARAMS holds reproduce= for another property; unset it to run this one";
  property_log().reset();
  Progress progress(info.name, run.params.maxSuccess);
  const auto counted = [&] {
    body();
    progress.case_done();
  };
  const auto result = run.reproduce ? rc::detail::checkTestable(counted, run.metadata)
                                    : rc::detail::checkTestable(counted, run.metadata, run.params);
  detail::conclude_run(info, run, result);
}

}  // namespace gdcheck

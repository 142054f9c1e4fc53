// Running a RapidCheck property as a gdcheck property: one gtest, one ctest
// entry, one line in the results file.
//
//   TEST(DescentLemma_Holds, RandomQuadratics) {
//     check_property({"descent-lemma/random-quadratics", descent_lemma::name, PropertyKind::holds},
//                    [] { ...generate a case, RC_ASSERT / RC_FAIL... });
//   }
//
// A `holds` property passes when RapidCheck finds no counterexample; a
// `needs_hypothesis` property (negative control) passes when it does find one,
// which it shrinks and prints. RC_PARAMS is honoured (seed=, max_success=,
// reproduce=); the seed is printed and written so a run can be replayed.
#pragma once

#include "properties/results_file.hpp"
#include "theorems/binomial_bound.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace gdcheck {

enum class PropertyKind { holds, needs_hypothesis, statistical, experiment };

std::string_view to_string(PropertyKind kind);

struct PropertyInfo {
  std::string name;     // "<theorem>/<what is varied>", unique in the suite
  std::string theorem;  // the theorem's name constant
  PropertyKind kind;
  // Cases to try, for properties whose cases are costly (a Monte Carlo
  // experiment, a 50-digit iteration); 0 = RapidCheck's max_success.
  int cases = 0;
  // Shrink a counterexample. Off for negative controls whose every case is
  // thousands of Monte Carlo runs: the first counterexample is reported as
  // found (its seed replays it), instead of re-running tens of shrink steps.
  bool shrink = true;
};

// GDCHECK_DEEP=1 (scripts/check.sh --deep): ten times the cases, and the
// larger sweeps the properties reserve for it.
// Throws std::invalid_argument for a value other than 0 or 1.
bool deep_mode();

// Checks every GDCHECK_* variable (known name, well-formed value); throws
// std::invalid_argument naming the first that is not. Every property calls it.
void check_environment();

// What the cases of the running property report besides pass/fail.
class PropertyLog {
 public:
  void reset();
  // observed/bound of one check (ignored when NaN).
  void ratio(double value);
  // checks that had to be re-decided at higher precision.
  void escalations(long count);
  // A further field of the results line; the last value given for a name is
  // written (numbers through json_number, so NaN becomes null).
  void field(const std::string& name, Json value);
  const Json& fields() const { return fields_; }
  // One Monte Carlo case's count: `count` of `runs` runs did `event`.
  // Appended to the "monte_carlo" field (one entry per case), from which the
  // report draws the rates with their Clopper-Pearson intervals.
  void monte_carlo(const std::string& event, long count, long runs, Json claim = nullptr, Json tallies = nullptr);
  // The last case's digest of its runs (lib/run_digest.hpp), as 16 hex digits
  // in its "monte_carlo" entry: merge_shards adds the shards' digests.
  void digest(std::uint64_t runs_digest);
  // The line's "digest" (of the runs done so far) is that of none: a case
  // sets it before its first run, so a case that fails before any run (an
  // adapter that throws) still has one. A case whose runs' digest goes in
  // its monte_carlo entry (digest(), below) loses this field there.
  void no_runs_yet();
  // One case's power (issue 22, item 6): the smallest bug of a named family
  // that the case's test rejects with probability >= kDetectionPower.
  // Appended to the "power" field (one entry per case and test).
  void power(Json entry);
  // The last monte_carlo entry's claim, decided by its rule
  // (monte_carlo_line.hpp, monte_carlo_claim_holds). Under GDCHECK_SHARD the
  // counts are one shard's: the line is marked pending and this returns
  // true, for apps/merge_shards to decide from every shard's counts by the
  // same rule.
  bool last_claim_holds();
  // This process ran a shard of the property's runs: no verdict here.
  void pending() { pending_ = true; }
  bool is_pending() const { return pending_; }

  double worst_ratio() const { return worst_ratio_; }
  bool has_ratio() const { return has_ratio_; }
  long escalation_count() const { return escalations_; }

 private:
  double worst_ratio_ = 0;
  bool has_ratio_ = false;
  long escalations_ = 0;
  Json fields_ = Json::object();
  bool pending_ = false;
};

// The log of the property running in this process (properties run one at a time).
PropertyLog& property_log();

// The probability with which a statistical property's stated smallest
// detectable bug is rejected by one case.
inline constexpr double kDetectionPower = 0.99;

// The smallest size x of a bug family that one Kolmogorov-Smirnov test
// (`samples` samples, rejecting above `threshold`) rejects with probability
// >= kDetectionPower, where distance(x) is the exact sup distance of the
// buggy law from the claimed one, increasing in x, up to `largest`
// (theorems/detectable_effect.hpp). Logged with property_log().power and returned.
double log_detectable_effect(const std::string& test, const std::string& deviation, long samples, double threshold,
                             const std::function<double(double)>& distance, double largest);

// Where a near-threshold control plants its bug: the rate at twice the
// rule's minimum detectable change from its claim, on the side below the
// claim (`below`) or above it, for a case of `trials` runs (p0 - 2 (p0 - p1)
// for at_least). For a strict claim (more_than g), which rejects g itself and
// detects rates up to some p1 > g: halfway between, g + (p1 - g)/2, half the
// smallest advantage it detects. A case whose true rate is there or beyond
// is rejected with probability well above kDetectionPower.
double rate_near_threshold(const RateRule& rule, long trials, bool below);

// Whether a planted bug strikes the run with this seed, with probability
// `probability`: a draw of its own from the run's seed, so the run replays.
bool planted_bug_strikes(std::uint64_t run_seed, double probability);

// The seed of this run (RC_PARAMS's seed=, or RapidCheck's random one): the
// number printed and written to the results file, for properties that draw
// their own randomness outside RapidCheck's cases.
std::uint64_t run_seed(const PropertyInfo& info);

// Runs the property: `body` generates one case and judges it (RC_ASSERT,
// RC_FAIL). Not a template: RapidCheck's runner is compiled once, in
// property.cpp, instead of once per property in every property unit.
void check_property(const PropertyInfo& info, const std::function<void()>& body);

}  // namespace gdcheck

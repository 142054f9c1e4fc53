// What a statistical property's results line says about its Monte Carlo
// runs, computed in one place for the property that writes the line and for
// apps/merge_shards, which rebuilds it from the counts of n shards: so the
// merged line equals the unsharded one byte for byte (issue 26).
//
// A line's "monte_carlo" array has one entry per case:
//   {"event": what was counted, "count": k, "runs": n,
//    "claim": {<kind>: value, "level": alpha}       (binomial_bound.hpp, rate_rule)
//    "tallies": {name: count, ...},                 (other counts, optional)
//    "digest": 16 hex digits}                        (the runs' digest, lib/run_digest.hpp, optional)
// Everything else a line derives from those counts is a field listed below,
// recomputed from the last case's entry (the case a line's fields describe).
#pragma once

#include <cstdint>
#include <string>

#include "properties/results_file.hpp"

namespace gdcheck {

// The entry's claim decided by its rule: rate_rule(kind, value, level,
// runs).consistent(count). Throws std::invalid_argument naming what is
// missing or unknown.
bool monte_carlo_claim_holds(const Json& entry);

// Recomputes, from the last entry, each of these fields the line has:
//   successes = count, runs = runs, success_rate_lower_99 = CP lower at 0.99;
//   runs_per_instance = runs, clopper_pearson_upper = CP upper at the
//   claim's confidence (1 - level);
//   any tally's own name = its count;
//   global_basin_fraction = count / runs, global_basin_lower_bound = CP
//   lower at 1 - level;
//   failures = "k of n";
// and worst_ratio = the largest CP upper / claimed over the entries whose
// claim is shown_at_most (the ratio those properties log).
void derive_monte_carlo_fields(Json& line);

// A digest's 16-hex-digit form read back. Throws std::invalid_argument
// for a malformed digest.
std::uint64_t parse_digest(const std::string& text);

// The digest of two disjoint sets of runs: their sum mod 2^64, in the same
// 16-hex-digit form. Throws std::invalid_argument for a malformed digest.
std::string add_digests(const std::string& a, const std::string& b);

}  // namespace gdcheck

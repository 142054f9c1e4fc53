#include "properties/monte_carlo_line.hpp"

#include <algorithm>
#include <stdexcept>

#include "lib/run_digest.hpp"
#include "theorems/binomial_bound.hpp"

namespace gdcheck {
namespace {

struct Claim {
  std::string kind;
  double value = 0, level = 0;
};

Claim claim_of(const Json& entry) {
  if (!entry.contains("claim") || !entry["claim"].is_object()) {
    throw std::invalid_argument("Monte Carlo entry `" + entry.value("event", "") + "` states no claim to decide");
  }
  Claim claim;
  for (const auto& [key, value] : entry["claim"].items()) {
    if (key == "level") {
      claim.level = value.get<double>();
    } else if (claim.kind.empty()) {
      claim.kind = key;
      claim.value = value.is_number() ? value.get<double>() : 0.0;
    }
  }
  if (claim.kind.empty()) throw std::invalid_argument("Monte Carlo entry `" + entry.value("event", "") + "`: a claim without a kind");
  return claim;
}

}  // namespace

bool monte_carlo_claim_holds(const Json& entry) {
  const Claim claim = claim_of(entry);
  const long runs = entry.at("runs").get<long>();
  return rate_rule(claim.kind, claim.value, claim.level, runs).consistent(entry.at("count").get<long>());
}

void derive_monte_carlo_fields(Json& line) {
  if (!line.contains("monte_carlo") || line["monte_carlo"].empty()) return;
  const Json& last = line["monte_carlo"].back();
  const long count = last.at("count"), runs = last.at("runs");
  const auto set = [&](const char* name, Json value) {
    if (line.contains(name)) line[name] = std::move(value);
  };
  set("successes", count);
  set("runs", runs);
  set("runs_per_instance", runs);
  set("success_rate_lower_99", clopper_pearson_lower(count, runs, 0.99));
  set("failures", std::to_string(count) + " of " + std::to_string(runs));
  if (last.contains("tallies")) {
    for (const auto& [name, value] : last["tallies"].items()) set(name.c_str(), value);
  }
  if (last.contains("claim")) {
    const Claim claim = claim_of(last);
    set("clopper_pearson_upper", clopper_pearson_upper(count, runs, 1 - claim.level));
    set("global_basin_fraction", double(count) / double(runs));
    set("global_basin_lower_bound", clopper_pearson_lower(count, runs, 1 - claim.level));
  }
  bool has_ratio = false;
  double worst = 0;
  for (const Json& entry : line["monte_carlo"]) {
    if (!entry.contains("claim") || !entry["claim"].contains("shown_at_most")) continue;
    const Claim claim = claim_of(entry);
    worst = std::max(worst, clopper_pearson_upper(entry["count"], entry["runs"], 1 - claim.level) / claim.value);
    has_ratio = true;
  }
  if (has_ratio) line["worst_ratio"] = worst;
}

std::uint64_t parse_digest(const std::string& text) {
  if (text.size() != 16 || text.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw std::invalid_argument("a run digest must be 16 lowercase hex digits, not `" + text + "`");
  }
  return std::stoull(text, nullptr, 16);
}

std::string add_digests(const std::string& a, const std::string& b) { return digest_text(parse_digest(a) + parse_digest(b)); }

}  // namespace gdcheck

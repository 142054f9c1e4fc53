#include "theorems/binomial_bound.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/special_functions/beta.hpp>

namespace gdcheck {
namespace {

void validate(long events, long trials, double confidence) {
  if (trials < 1) throw std::invalid_argument("binomial bound: trials must be >= 1, got " + std::to_string(trials));
  if (events < 0 || events > trials) {
    throw std::invalid_argument("binomial bound: events must be in [0, trials = " + std::to_string(trials) +
                                "], got " + std::to_string(events));
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw std::invalid_argument("binomial bound: confidence must be in (0, 1), got " + std::to_string(confidence));
  }
}

}  // namespace

double clopper_pearson_upper(long events, long trials, double confidence) {
  validate(events, trials, confidence);
  if (events == trials) return 1.0;
  // P(Bin(n, p) <= k) = 1 - I_p(k + 1, n - k); set it to 1 - confidence.
  return boost::math::ibeta_inv(static_cast<double>(events + 1), static_cast<double>(trials - events), confidence);
}

double clopper_pearson_lower(long events, long trials, double confidence) {
  validate(events, trials, confidence);
  if (events == 0) return 0.0;
  // P(Bin(n, p) >= k) = I_p(k, n - k + 1); set it to 1 - confidence.
  return boost::math::ibeta_inv(static_cast<double>(events), static_cast<double>(trials - events + 1),
                                1 - confidence);
}

RateBound rate_bound(long events, long trials, double confidence) {
  return {events, trials, confidence, clopper_pearson_upper(events, trials, confidence)};
}

std::string RateBound::describe() const {
  std::ostringstream text;
  text << events << " of " << trials << " runs; P <= " << upper << " at confidence " << confidence
       << " (exact Clopper-Pearson)";
  return text.str();
}

bool success_rate_consistent_at(long successes, long trials, double claimed, double level) {
  if (!(claimed >= 0 && claimed <= 1)) {
    throw std::invalid_argument("success_rate_consistent_at: the claimed rate must be in [0, 1], got " +
                                std::to_string(claimed));
  }
  if (!(level > 0 && level < 1)) {
    throw std::invalid_argument("success_rate_consistent_at: the level must be in (0, 1), got " + std::to_string(level));
  }
  validate(successes, trials, 0.5);  // the counts
  if (successes == trials) return true;  // the upper bound is 1
  // clopper_pearson_upper at confidence 1 - level, from the level itself
  // (ibetac_inv): 1 - level rounds to 1 for levels below 1.1e-16.
  return boost::math::ibetac_inv(static_cast<double>(successes + 1), static_cast<double>(trials - successes), level) >=
         claimed;
}

double rejection_probability(long trials, double rate, const std::function<bool(long)>& consistent) {
  if (trials < 1 || !(rate >= 0 && rate <= 1)) {
    throw std::invalid_argument("rejection_probability: need trials >= 1 and a rate in [0, 1]");
  }
  const boost::math::binomial_distribution<double> law(static_cast<double>(trials), rate);
  // Counts with probability below 1e-17/(n + 1) are skipped without asking
  // the rule (which may cost two incomplete-beta inversions): together they
  // move the result by less than 1e-17.
  const double negligible = 1e-17 / static_cast<double>(trials + 1);
  double rejected = 0;
  for (long k = 0; k <= trials; ++k) {
    const double p = boost::math::pdf(law, static_cast<double>(k));
    if (p >= negligible && !consistent(k)) rejected += p;
  }
  return rejected;
}

double detectable_rate(long trials, const std::function<bool(long)>& consistent, double claimed, bool below,
                       double power) {
  if (!(power > 0 && power < 1)) throw std::invalid_argument("detectable_rate: need 0 < power < 1");
  if (!(claimed >= 0 && claimed <= 1)) throw std::invalid_argument("detectable_rate: need a claimed rate in [0, 1]");
  // The bracket: rejected with probability >= power at `rejecting`, not at
  // `accepting`. A rule that rejects its own claim's boundary (more_than)
  // accepts only beyond it: then the far end of the range.
  double rejecting = below ? 0 : 1, accepting = claimed;
  if (rejection_probability(trials, accepting, consistent) >= power) accepting = below ? 1 : 0;
  if (rejection_probability(trials, rejecting, consistent) < power ||
      rejection_probability(trials, accepting, consistent) >= power) {
    throw std::invalid_argument("detectable_rate: the rule rejects no rate on that side with probability >= power");
  }
  while (std::abs(accepting - rejecting) > 1e-6) {
    const double mid = (accepting + rejecting) / 2;
    (rejection_probability(trials, mid, consistent) >= power ? rejecting : accepting) = mid;
  }
  return rejecting;
}

RateRule rate_rule(const std::string& kind, double value, double level, long trials) {
  if (trials < 1) throw std::invalid_argument("rate_rule: need trials >= 1");
  if (kind == "none") return {"no event", 0, 0, false, true, [](long k) { return k == 0; }};
  if (!(value >= 0 && value <= 1) || !(level >= 0 && level <= 1)) {
    throw std::invalid_argument("rate_rule: the claimed rate and the level must be in [0, 1]");
  }
  const auto claim = [&](const char* relation) {
    char text[64];
    std::snprintf(text, sizeof text, "P %s %.4g", relation, value);
    return std::string(text);
  };
  if (kind == "at_least") {
    return {claim(">="), value, level, true, false,
            [=](long k) { return success_rate_consistent_at(k, trials, value, level); }};
  }
  if (kind == "at_most") {
    return {claim("<="), value, level, false, true,
            [=](long k) { return success_rate_consistent_at(trials - k, trials, 1 - value, level); }};
  }
  if (kind == "more_than") {
    return {claim(">"), value, level, true, false,
            [=](long k) { return clopper_pearson_lower(k, trials, 1 - level) > value; }};
  }
  if (kind == "shown_at_most") {
    return {claim("<="), value, level, false, true,
            [=](long k) { return clopper_pearson_upper(k, trials, 1 - level) <= value; }};
  }
  if (kind == "equals") {
    return {claim("="), value, level, true, true, [=](long k) {
              return clopper_pearson_lower(k, trials, 1 - level / 2) <= value &&
                     value <= clopper_pearson_upper(k, trials, 1 - level / 2);
            }};
  }
  throw std::invalid_argument("rate_rule: unknown claim `" + kind + "` (at_least, at_most, shown_at_most, more_than, equals, none)");
}

double largest_rejected_rate(long trials, double claimed, double level, double power) {
  return detectable_rate(
      trials, [&](long k) { return success_rate_consistent_at(k, trials, claimed, level); }, claimed, true, power);
}

}  // namespace gdcheck

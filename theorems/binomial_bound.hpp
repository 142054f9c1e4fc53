// Exact (Clopper-Pearson) bounds on a probability from k events in n
// independent trials: what a Monte Carlo property may claim about a rate.
// Clopper & Pearson 1934; the bounds invert the binomial tail through the
// regularized incomplete beta function (Boost.Math's ibeta_inv).
#pragma once

#include <functional>

#include <string>

namespace gdcheck {

// One-sided upper bound p_u: P(Binomial(n, p_u) <= k) = 1 - confidence, so a
// true rate above p_u would give k or fewer events with probability below
// 1 - confidence. k = n gives 1; k = 0 gives 1 - (1 - confidence)^(1/n).
// Throws std::invalid_argument for n < 1, k outside [0, n], or a confidence
// outside (0, 1).
double clopper_pearson_upper(long events, long trials, double confidence);

// One-sided lower bound p_l: P(Binomial(n, p_l) >= k) = 1 - confidence; 0 for k = 0.
double clopper_pearson_lower(long events, long trials, double confidence);

// A rate claim "the probability of the event is at most `claimed`", checked
// by its upper bound: it holds when upper <= claimed.
struct RateBound {
  long events = 0;
  long trials = 0;
  double confidence = 0;
  double upper = 1;  // clopper_pearson_upper(events, trials, confidence)
  std::string describe() const;
};

RateBound rate_bound(long events, long trials, double confidence);

// The claim "P(success) >= claimed" against `successes` in `trials`, tested at
// `level`: rejected only when even the upper Clopper-Pearson bound at
// confidence 1 - level is below the claim, so a correct optimizer is rejected
// with probability at most `level`. What the statistical properties decide
// and what apps/merge_shards recomputes from merged counts: one rule.
bool success_rate_consistent_at(long successes, long trials, double claimed, double level);

// The exact probability that `consistent(k)` is false when k ~ Binomial(trials,
// rate): a rule's false-alarm probability when the true rate is `rate`
// (the binomial pmf summed term by term, Boost.Math, skipping counts whose
// probability is below 1e-17/(n + 1); off by at most ~1e-13).
// What the rule above must keep <= level (tests/theorems/binomial_bound_test.cpp).
double rejection_probability(long trials, double rate, const std::function<bool(long)>& consistent);

// The power of a rule on a count k ~ Binomial(trials, p): the rate nearest
// to `claimed`, below it (`below`) or above it, that the rule rejects with
// probability >= `power`, for a rule whose rejection probability grows as p
// moves away from the claim on that side (for a rule that rejects the claim
// itself, a strict "more than", the boundary of that region beyond the
// claim). Bisected to 1e-6 on the rejecting side, so the rejection
// probability at the returned rate is >= power. Throws std::invalid_argument
// if even p = 0 (below) or p = 1 (above) is rejected with a smaller
// probability, or every rate is.
double detectable_rate(long trials, const std::function<bool(long)>& consistent, double claimed, bool below,
                       double power);

// detectable_rate below the claim for success_rate_consistent_at: the
// largest true success rate p1 that one case rejects with probability at
// least `power`. A bug that lowers the rate from the claimed p0 to p1 or
// below is caught with that probability; p0 - p1 is the rule's minimum
// detectable drop.
double largest_rejected_rate(long trials, double claimed, double level, double power);

// The rules the statistical properties apply to a Monte Carlo count k of n
// runs, by the name their results lines give the claim:
//  - "at_least" p0: success_rate_consistent_at(k, n, p0, level);
//  - "at_most" q0: the same rule on the n - k other runs (a failure rate);
//  - "shown_at_most" q0: the upper Clopper-Pearson bound at confidence
//    1 - level is at most q0 (the rate shown small, not merely not refuted:
//    an event of probability 0, with enough runs to bound its rate);
//  - "more_than" g: the lower Clopper-Pearson bound at confidence 1 - level
//    is above g (a strict superiority: the claim's boundary is rejected);
//  - "equals" p0: p0 within the two-sided Clopper-Pearson interval, level/2
//    on each side;
//  - "none" (value and level ignored): k = 0, an event of probability 0.
struct RateRule {
  std::string describe;  // "P >= 0.9", ...
  double claimed = 0, level = 0;
  bool rejects_below = false, rejects_above = false;  // the sides on which the rule can reject
  std::function<bool(long)> consistent;
};

// Throws std::invalid_argument for an unknown kind, n < 1, or a value or
// level outside [0, 1].
RateRule rate_rule(const std::string& kind, double value, double level, long trials);

}  // namespace gdcheck

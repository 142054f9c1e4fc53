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
// (the binomial pmf summed term by term, Boost.Math; off by at most ~1e-13).
// What the rule above must keep <= level (tests/theorems/binomial_bound_test.cpp).
double rejection_probability(long trials, double rate, const std::function<bool(long)>& consistent);

}  // namespace gdcheck

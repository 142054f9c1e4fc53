// The broken-optimizer gallery's second half: realistic bugs in the suite's
// own machinery (the Monte Carlo harness, the binomial rule, the precision
// ladder, a theorem check), each a small variant of the suite's code, each
// shown red by the check a default-ctest test runs on the real code, which
// stays green. The samplers' variants plug into the optimizers and live in
// broken_optimizers_test.cpp. docs/reliability.md lists them. ctest label:
// negative-control.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>

#include "lib/objectives/quadratic.hpp"
#include "lib/parallel_map.hpp"
#include "lib/random.hpp"
#include "theorems/attained_worst_case.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/certificate_audit.hpp"
#include "theorems/descent_lemma.hpp"
#include "theorems/noise_law.hpp"
#include "theorems/saddle_avoidance.hpp"

namespace gdcheck {
namespace {

// --- The Monte Carlo harness: a seed that depends on the thread. ---------
// Run i must draw from its own seed (seed + i): the results then do not
// depend on how the runs are spread over threads. The bug: each worker seeds
// one Rng from its worker index and draws its runs' numbers from it. Checked
// as Threads.SameResultsAtOneAndTwoThreads checks every Monte Carlo property:
// the same runs at 1 and 2 threads must give the same results.
//
// The variant deals runs round-robin (worker k takes k, k + threads, ...), as
// a harness splitting the runs up front would. It first took indices from a
// shared counter like parallel_map, and then its output depended on the
// scheduler: on a loaded machine worker 0 could finish all 200 cheap runs
// before worker 1 started, so the buggy results equalled the 1-thread ones
// and this test failed in about a quarter of the calibration runs. Dealt
// round-robin, the bug shows in every run (at 2 threads run 1 draws from
// worker 1's Rng, at 1 thread from worker 0's).
std::vector<double> library_runs(std::size_t count, unsigned threads) {
  return parallel_map(count, [](std::size_t i) { return Rng(1000 + i).uniform01(); }, threads);
}

std::vector<double> thread_seeded_runs(std::size_t count, unsigned threads) {
  std::vector<double> results(count);
  auto work = [&](unsigned worker) {
    Rng rng(1000 + worker);
    for (std::size_t i = worker; i < count; i += threads) results[i] = rng.uniform01();
  };
  std::vector<std::thread> workers;
  for (unsigned k = 1; k < threads; ++k) workers.emplace_back(work, k);
  work(0);
  for (auto& worker : workers) worker.join();
  return results;
}

TEST(BrokenMachinery, MonteCarloRunsSeededByThreadDifferAtOneAndTwoThreads) {
  EXPECT_EQ(library_runs(200, 1), library_runs(200, 2));
  EXPECT_NE(thread_seeded_runs(200, 1), thread_seeded_runs(200, 2));
}

namespace avoidance = saddle_avoidance;

// The same slip inside the real saddle-avoidance harness, where the verdict
// ("0 runs at a strict saddle") cannot show it: starts drawn from a
// generator per worker thread instead of the run's own. The counts at 1 and
// 2 threads agree; the runs' digest (lib/run_digest.hpp), which the results
// line carries, does not, while the correct harness's digests are equal.
avoidance::MonteCarloSummary saddle_runs(unsigned threads, bool seeded_per_thread) {
  static const Quadratic<double> f(QuadraticSpec{{1.0, 2.0}, RotationSpec{2, 2, 7}});
  avoidance::ConvergenceCriterion criterion;
  criterion.horizon = 400;
  return avoidance::run_monte_carlo(
      f, f.critical_points(), 0.4, criterion, {0, 64}, 42, 0.99,
      [&](Rng& rng) {
        thread_local Rng per_thread(1000 + std::hash<std::thread::id>()(std::this_thread::get_id()) % 7);
        Rng& source = seeded_per_thread ? per_thread : rng;
        return Vector<double>{{2 * source.uniform01() - 1, 2 * source.uniform01() - 1}};
      },
      threads);
}

TEST(BrokenMachinery, StartsSeededPerThreadAreCaughtByTheRunDigest) {
  const auto one = saddle_runs(1, false), two = saddle_runs(2, false);
  EXPECT_EQ(one.to_minimum, 64);
  EXPECT_EQ(one.digest, two.digest);
  const auto broken_one = saddle_runs(1, true), broken_two = saddle_runs(2, true);
  EXPECT_EQ(broken_one.to_minimum, broken_two.to_minimum);  // the verdict cannot tell
  EXPECT_NE(broken_one.digest, broken_two.digest);
  EXPECT_NE(broken_one.digest, one.digest);
}

// --- The binomial rule: a bound at the wrong confidence, or not exact. ----
// Every statistical property decides "P(success) >= claimed" by
// success_rate_consistent_at, which must reject a correct rate with
// probability at most its level (SuccessRateRule.FalseAlarmIsAtMostItsLevel,
// exact). Two realistic slips: the confidence passed as the level (the
// Clopper-Pearson bound at 1e-3 instead of 1 - 1e-3), and the normal
// approximation (Wald) for the exact bound.
bool consistent_at_the_wrong_confidence(long k, long n, double claimed, double level) {
  return clopper_pearson_upper(k, n, level) >= claimed;
}

bool consistent_by_wald(long k, long n, double claimed, double level) {
  const double rate = static_cast<double>(k) / static_cast<double>(n);
  const double z = boost::math::quantile(boost::math::complement(boost::math::normal_distribution<double>(), level));
  return rate + z * std::sqrt(rate * (1 - rate) / static_cast<double>(n)) >= claimed;
}

template <class Rule>
double worst_false_alarm(Rule rule, double level) {
  double worst = 0;
  for (const long n : {20L, 100L, 400L, 1000L}) {
    for (const double claimed : {0.001, 0.01, 0.125, 0.5, 0.9, 0.99}) {
      worst = std::max(worst, rejection_probability(n, claimed, [&](long k) { return rule(k, n, claimed, level); }));
    }
  }
  return worst;
}

TEST(BrokenMachinery, BinomialRuleAtTheWrongConfidenceRaisesTheFalseAlarm) {
  EXPECT_LE(worst_false_alarm(success_rate_consistent_at, 1e-3), 1e-3 * (1 + 1e-9));
  EXPECT_GT(worst_false_alarm(consistent_at_the_wrong_confidence, 1e-3), 0.4);
}

TEST(BrokenMachinery, WaldBinomialRuleRaisesTheFalseAlarm) {
  EXPECT_GT(worst_false_alarm(consistent_by_wald, 1e-3), 1e-2);
}

// --- The precision ladder: a claim left where double cannot decide it. ---
// descent-lemma/one-ulp-above-2-over-l must find GD ascending at the first
// double above 2/L; double's verdict is borderline there (a pass), so only a
// ladder that climbs finds the counterexample. The bug: a ladder that
// decides in double alone.
struct DoubleOnlyLadder {
  template <class CheckAt>
  Verdict operator()(CheckAt&& check_at) const {
    return check_at(std::type_identity<double>{});
  }
};

TEST(BrokenMachinery, LadderThatDoesNotClimbMissesTheOneUlpCounterexample) {
  const double lipschitz = 5;  // 2/5 rounds down in double: step is the next double up
  const double step = std::nextafter(2 / lipschitz, INFINITY);
  const Verdict climbed = descent_lemma::one_step_descends(lipschitz, 1.0, step);
  EXPECT_FALSE(climbed.passes());
  EXPECT_EQ(climbed.precision, ScalarTraits<Decimal100>::name);  // confirmed at the top
  EXPECT_TRUE(descent_lemma::one_step_descends(lipschitz, 1.0, step, DoubleOnlyLadder{}).passes());
}

// --- A theorem check: the direction law with the Beta's parameters swapped.
// noise-law/noisy-gd-sphere tests (xi.e/||xi||)^2 against Beta(1/2,
// (d-1)/2); a check written with Beta((d-1)/2, 1/2) would reject the
// library's own (correct) noise: the property turns red on a correct library.
TEST(BrokenMachinery, DirectionCheckWithSwappedBetaRejectsTheCorrectNoise) {
  const Quadratic<double> f(QuadraticSpec{{2.0, 1.0, 0.5, 0.25, 0.1}, RotationSpec{5, 5, 17}});
  NoisyGradientDescentOptions<double> options;
  options.step = 0.1;
  options.noise_radius = 0.3;
  options.max_iterations = 4000;
  options.seed = 99;
  noise_law::IterateRecorder record;
  noisy_gradient_descent(f, Vector<double>::Zero(5), options, record.observer());
  std::vector<Vector<double>> noises;
  for (std::size_t t = 0; t + 1 < record.xs.size(); ++t) {
    noises.push_back((record.xs[t] - options.step * record.gs[t] - record.xs[t + 1]) / options.step);
  }
  const Vector<double> unit = Vector<double>::Unit(5, 0);
  const auto [distance, threshold] = noise_law::direction_test_along(noises, unit, 1e-6);
  EXPECT_LE(distance, threshold);
  std::vector<double> squared_cosines;
  for (const auto& xi : noises) squared_cosines.push_back(std::pow(xi.dot(unit) / xi.norm(), 2));
  const auto [swapped_distance, swapped_threshold] =
      noise_law::ks_test(squared_cosines, [](double y) { return boost::math::ibeta(2.0, 0.5, y); }, 1e-6);
  EXPECT_GT(swapped_distance, swapped_threshold);
}

// --- The worst-case certifier without one of its charges. ------------------
// Fed the solver's near-optimal duals, a certifier that forgets to charge the
// residuals, to shift the dual matrix to PSD, or to clip negative multipliers
// still passes every sandwich test (the terms are ~1e-7 there). The audit
// (theorems/certificate_audit.hpp), which TheCertifierPassesEveryAudit runs
// on the real certifier, catches each: at T = 2 and 5, h = 1, some spoiled
// dual gets a "certified" value below what the dip profile attains.
void expect_caught(const performance_estimation::CertificateCharges& charges) {
  using namespace performance_estimation;
  for (const int gradients : {2, 5}) {
    const SolvedProgram solved = solve_gd_on_smooth_nonconvex(gradients, 1.0);
    const double reference = attain(solved).ratio;
    const auto finding =
        audit_certifier(solved, reference, [&](const SolvedProgram& s) { return certify(s, charges); }, 7);
    ASSERT_TRUE(finding) << "T = " << gradients;
    EXPECT_LT(finding->certificate.upper, reference) << finding->perturbation;
  }
}

TEST(BrokenMachinery, CertifierWithoutTheResidualsChargeIsCaughtByTheAudit) {
  expect_caught({.residuals = false});
}

TEST(BrokenMachinery, CertifierWithoutThePsdShiftIsCaughtByTheAudit) { expect_caught({.psd_shift = false}); }

TEST(BrokenMachinery, CertifierWithoutClippingTheMultipliersIsCaughtByTheAudit) {
  expect_caught({.clipped_multipliers = false});
}

}  // namespace
}  // namespace gdcheck

// Targeted property-based testing: a seeded simulated-annealing search, with
// restarts, for the instance that maximises a utility (observed/bound of a
// theorem). RapidCheck has no targeting; random cases rarely come near a
// bound's worst case, and how near the search comes is what tells a reader
// how loose the bound is.
//
// Deterministic for a given seed: the budget is counted in evaluations, not
// seconds.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "lib/random.hpp"

namespace gdcheck {

template <class State>
struct SearchProblem {
  std::function<State(Rng&)> random_state;                          // a fresh start
  std::function<State(const State&, Rng&, double scale)> neighbour;  // a move of size ~scale
  std::function<double(const State&)> utility;                      // NaN: not a valid instance
};

struct SearchOptions {
  int restarts = 8;
  long evaluations_per_restart = 20000;
  double initial_temperature = 0.05;  // in units of utility
  std::uint64_t seed = 0;
};

template <class State>
struct SearchResult {
  State best;
  double best_utility = -INFINITY;
  long evaluations = 0;
  // best_utility after 1/8, 1/4, 1/2 and all of the budget: how it grew.
  std::vector<double> best_at_fraction;
};

template <class State>
SearchResult<State> anneal(const SearchProblem<State>& problem, const SearchOptions& options) {
  Rng rng(options.seed);
  SearchResult<State> result;
  const long total = static_cast<long>(options.restarts) * options.evaluations_per_restart;
  const long checkpoints[4] = {total / 8, total / 4, total / 2, total};
  int next_checkpoint = 0;
  const auto consider = [&](const State& state, double value) {
    ++result.evaluations;
    // The first state is kept even when its utility is -infinity (invalid),
    // so `best` is always a state the problem generated.
    if (value > result.best_utility || result.evaluations == 1) {
      result.best = state;
      result.best_utility = value;
    }
    while (next_checkpoint < 4 && result.evaluations >= checkpoints[next_checkpoint]) {
      result.best_at_fraction.push_back(result.best_utility);
      ++next_checkpoint;
    }
  };
  for (int restart = 0; restart < options.restarts; ++restart) {
    State current = problem.random_state(rng);
    double current_value = problem.utility(current);
    consider(current, std::isnan(current_value) ? -INFINITY : current_value);
    for (long i = 1; i < options.evaluations_per_restart; ++i) {
      const double progress = static_cast<double>(i) / options.evaluations_per_restart;
      const double temperature = options.initial_temperature * (1 - progress);
      const double scale = 0.5 * (1 - progress) + 1e-4;  // moves shrink as the search cools
      State candidate = problem.neighbour(current, rng, scale);
      const double value = problem.utility(candidate);
      if (std::isnan(value)) {
        consider(candidate, -INFINITY);
        continue;
      }
      consider(candidate, value);
      const bool accept = value >= current_value ||
                          (temperature > 0 && rng.uniform01() < std::exp((value - current_value) / temperature));
      if (accept) {
        current = std::move(candidate);
        current_value = value;
      }
    }
  }
  return result;
}

}  // namespace gdcheck

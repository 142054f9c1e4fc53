// The annealing search over the one-dimensional class, compiled once in the
// properties library (issue 23): its utility runs GD in double and in 100
// digits and its confirmation runs the theorems' checks on the ladder, which
// took a quarter of worst_case.cpp's compile time there.
#include "properties/one_dimensional_search.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "lib/optimizers/gradient_descent.hpp"
#include "lib/scalar/rounding_model.hpp"
#include "properties/family_ladder.hpp"
#include "properties/family_steps.hpp"
#include "properties/objective_generators.hpp"
#include "theorems/descent_lemma.hpp"
#include "theorems/stationarity_bound.hpp"

namespace gdcheck {
namespace {

// A random member of the class with L <= 1 and convex outer pieces (so f* exists).
PiecewiseCurvatureSpec random_member(Rng& rng) {
  PiecewiseCurvatureSpec spec;
  const int breakpoints = static_cast<int>(rng.uniform01() * 8);
  for (int k = 0; k < breakpoints; ++k) spec.breakpoints.push_back(20 * rng.uniform01() - 10);
  std::sort(spec.breakpoints.begin(), spec.breakpoints.end());
  spec.breakpoints.erase(std::unique(spec.breakpoints.begin(), spec.breakpoints.end()), spec.breakpoints.end());
  for (std::size_t k = 0; k <= spec.breakpoints.size(); ++k) spec.curvatures.push_back(2 * rng.uniform01() - 1);
  spec.anchor_slope = 10 * rng.uniform01() - 5;
  return spec;
}

void make_valid(PiecewiseCurvatureSpec& spec) {
  for (double& c : spec.curvatures) c = std::clamp(c, -1.0, 1.0);
  spec.curvatures.front() = std::clamp(std::abs(spec.curvatures.front()), 1e-3, 1.0);
  spec.curvatures.back() = std::clamp(std::abs(spec.curvatures.back()), 1e-3, 1.0);
  std::sort(spec.breakpoints.begin(), spec.breakpoints.end());
  spec.breakpoints.erase(std::unique(spec.breakpoints.begin(), spec.breakpoints.end()), spec.breakpoints.end());
  spec.curvatures.resize(spec.breakpoints.size() + 1, 1.0);
}

PiecewiseCurvatureSpec neighbour(const PiecewiseCurvatureSpec& from, Rng& rng, double scale) {
  PiecewiseCurvatureSpec spec = from;
  const double move = rng.uniform01();
  if (move < 0.5) {
    double& c = spec.curvatures[static_cast<std::size_t>(rng.uniform01() * spec.curvatures.size())];
    c = rng.uniform01() < 0.1 ? 2 * rng.uniform01() - 1 : c + scale * rng.normal();
  } else if (move < 0.8 && !spec.breakpoints.empty()) {
    spec.breakpoints[static_cast<std::size_t>(rng.uniform01() * spec.breakpoints.size())] += 4 * scale * rng.normal();
  } else {
    spec.anchor_slope += 4 * scale * rng.normal();
  }
  make_valid(spec);
  return spec;
}

// observed/bound of one GD run of `horizon` steps from 0 with alpha = aL / L,
// computed in S. The denominators are enlarged by their rounding bounds, so
// the utility never exceeds the true ratio by rounding: a search that
// maximises it cannot be led by noise (in double, a decrease of 1e-16 on
// values of size 50 would otherwise read as a ratio of 4).
template <Scalar S>
double utility(const PiecewiseCurvatureSpec& spec, WorstCaseBound bound, int horizon, double step_times_l) {
  using std::abs;
  const PiecewiseCurvature<S> f(spec);
  const S lipschitz = f.gradient_lipschitz()->value;
  if (!(lipschitz > 0)) return NAN;
  const S step = S(step_times_l) / lipschitz;
  const S factor = step * (1 - lipschitz * step / 2);
  GradientDescentOptions<S> options;
  options.step = step;
  options.max_iterations = horizon;
  std::vector<S> values, value_errors, squared;
  gradient_descent(f, Vector<S>::Zero(1), options, [&](const Iterate<S>& it) {
    values.push_back(it.value);
    value_errors.push_back(f.value_rounding_error(it.x) + rounding_bound<S>(4, abs(it.value)));
    squared.push_back(it.gradient.squaredNorm());
  });
  S best = 0;
  if (bound == WorstCaseBound::descent_lemma) {
    for (std::size_t t = 0; t + 1 < values.size(); ++t) {
      const S achieved = values[t] - values[t + 1] + value_errors[t] + value_errors[t + 1];
      if (achieved > 0 && squared[t] > 0) best = std::max(best, S(factor * squared[t] / achieved));
    }
  } else {
    const S gap = values.front() - f.lower_bound()->value + 2 * value_errors.front();
    if (!(gap > 0)) return NAN;
    // Exactly `horizon` gradients (issue 12, item 1): a running maximum over
    // shorter horizons would hide every horizon behind T = 1.
    if (static_cast<int>(squared.size()) < horizon) return NAN;
    S smallest = squared.front();
    for (int t = 0; t < horizon; ++t) smallest = std::min(smallest, squared[t]);
    best = smallest * S(horizon) * factor / gap;
  }
  return static_cast<double>(best);
}

// Re-judges the best instance with the theorem's own check (precision ladder).
Verdict confirm(const PiecewiseCurvatureSpec& spec, WorstCaseBound bound, int horizon, double step_times_l) {
  InstanceLadder<PiecewiseCurvature, PiecewiseCurvatureSpec> ladder(spec);
  const double step = step_times_l / ladder.at<double>().gradient_lipschitz()->value;
  const Vector<double> start = Vector<double>::Zero(1);
  if (bound == WorstCaseBound::stationarity) return stationarity_bound::check_run(ladder, start, step, horizon);
  const auto check = descent_lemma::check_run(ladder, start, step, horizon);
  if (check.violation) return *check.violation;
  Verdict verdict = judge(0.0, 1.0, 0.0);
  verdict.lhs = check.worst_ratio;  // carried for the report
  return verdict;
}

}  // namespace

SearchCell search_cell(WorstCaseBound bound, int horizon, double step_times_l, long budget, std::uint64_t seed) {
  SearchProblem<PiecewiseCurvatureSpec> problem{
      [](Rng& rng) {
        auto spec = random_member(rng);
        make_valid(spec);
        return spec;
      },
      neighbour,
      [=](const PiecewiseCurvatureSpec& spec) { return utility<double>(spec, bound, horizon, step_times_l); }};
  SearchCell cell;
  cell.result = anneal(problem, SearchOptions{4, budget / 4, 0.02,
                                              seed + horizon * 1000 + static_cast<std::uint64_t>(step_times_l * 100)});
  const Verdict confirmed = confirm(cell.result.best, bound, horizon, step_times_l);
  if (!confirmed.passes()) {
    std::ostringstream text;
    showValue(cell.result.best, text);
    cell.failure = "N = " + std::to_string(horizon) + ", alpha L = " + describe_value(step_times_l) + ": " +
                   confirmed.describe() + " on " + text.str();
  }
  cell.exact = utility<Decimal100>(cell.result.best, bound, horizon, step_times_l);
  return cell;
}

}  // namespace gdcheck

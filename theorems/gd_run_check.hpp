// A whole gradient-descent run judged step by step: the reusable piece behind
// descent_lemma::check_run, for any theorem whose claim is about each step
// x_t -> x_{t+1} of a GD run (a decrease, a contraction, a rate).
//
// The run is made once, in double, by the optimizer under test; every claim is
// then decided at every step on the precision ladder (decide_on_ladder), on
// the same instance in the higher types, so a step that double cannot decide
// is re-decided at 34, 50 and 100 digits instead of guessed. Besides the
// theorem's own claims, every run is held to what ties the verdict to the
// optimizer: each x_{t+1} is the GD step from x_t up to double rounding
// (check_gd_iterate), the run took exactly the steps asked for
// (check_iteration_count) and stopped where its gradient tolerance says
// (check_stopping_rule).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "lib/optimizers/gradient_descent.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/library_optimizers.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck {

// What checking a whole run found.
struct GdRunCheck {
  long steps_checked = 0;
  long escalated_checks = 0;  // checks whose verdict needed more than double
  // Largest ratio (Verdict::ratio) of the claims that bound it, over the
  // steps; NaN when no step had a ratio.
  double worst_ratio = std::numeric_limits<double>::quiet_NaN();
  RunStatus status = RunStatus::budget_spent;
  std::optional<Verdict> violation;  // the first violation, confirmed at 100 digits
  std::string violated_claim;        // the claim's name: "descent lemma", "GD step", ...
  long violation_step = -1;
};

// One claim about a step. `judge(f, x_t, x_next, step)` decides it in f's
// scalar type S (f is the ladder's instance in S, x_t and x_next the run's
// iterates converted to S, step = S(alpha)) and returns its Verdict, rounding
// bound included. `bounds_ratio`: whether its ratio counts toward worst_ratio
// (a claim with a bound to compare with, as opposed to a bookkeeping claim).
template <class Judge>
struct StepClaim {
  const char* name;
  Judge judge;
  bool bounds_ratio = true;
};
template <class Judge>
StepClaim(const char*, Judge, bool = true) -> StepClaim<Judge>;

// The rounding one step of `optimizer`'s run may carry: the bound for the
// precision it declares (a member `Precision precision`, for a run that
// computes in float), double's otherwise.
template <class Optimizer>
double allowed_step_error(const Optimizer& optimizer, const AnyObjective<double>& f, const Vector<double>& x,
                          const Vector<double>& g, double step) {
  if constexpr (requires { Precision{optimizer.precision}; }) {
    return step_rounding_error(f, x, g, step, optimizer.precision);
  } else {
    return step_rounding_error(f, x, g, step);
  }
}

// Runs `optimizer` (the library's GD by default) in double from x0 with
// `options` on the ladder's double instance and judges every step by each of
// `claims` in order, then by the GD-step claim; the first violation (in that
// order, earliest step first) is the one reported, and checking stops there.
// The GD-step claim allows the rounding of the optimizer's declared
// precision (allowed_step_error).
//
// Over ObjectiveLadder, so that a claim's check is compiled once per scalar
// type (AnyObjective<S>), not once per family.
template <class Optimizer, class... Judges>
GdRunCheck check_gd_run(ObjectiveLadder& ladder, const Vector<double>& x0,
                        const GradientDescentOptions<double>& options, Optimizer&& optimizer,
                        const StepClaim<Judges>&... claims) {
  const auto& f = ladder.template at<double>();
  const double step = options.step;
  std::vector<Vector<double>> iterates;
  std::vector<double> allowed_step_errors, gradient_norms;
  const auto result = optimizer(f, x0, options, [&](const Iterate<double>& it) {
    iterates.push_back(it.x);
    allowed_step_errors.push_back(allowed_step_error(optimizer, f, it.x, it.gradient, step));
    gradient_norms.push_back(scaled_norm(it.gradient));
  });
  GdRunCheck check;
  check.status = result.status;

  const auto record = [&](const Verdict& verdict, const char* claim, std::size_t t) {
    if (verdict.escalations > 0) ++check.escalated_checks;
    if (verdict.passes() || check.violation) return;
    check.violation = verdict;
    check.violated_claim = claim;
    check.violation_step = static_cast<long>(t);
  };
  record(check_iteration_count(result, static_cast<long>(iterates.size()), options.max_iterations),
         "GD iteration count", 0);
  record(check_stopping_rule(result.status, gradient_norms, options.gradient_tolerance, f.dimension()),
         "GD stopping rule", 0);
  for (std::size_t t = 0; t + 1 < iterates.size() && !check.violation; ++t) {
    // Braced initialisation evaluates the claims left to right.
    const std::array<Verdict, sizeof...(Judges)> verdicts{decide_on_ladder([&](auto type) {
      using S = typename decltype(type)::type;
      return claims.judge(ladder.template at<S>(), convert<S>(iterates[t]), convert<S>(iterates[t + 1]), S(step));
    })...};
    const Verdict iterate = decide_on_ladder([&](auto type) {
      using S = typename decltype(type)::type;
      return check_gd_iterate(ladder.template at<S>(), convert<S>(iterates[t]), convert<S>(iterates[t + 1]),
                              S(step), S(allowed_step_errors[t]));
    });
    ++check.steps_checked;
    std::size_t i = 0;
    (
        [&] {
          // fmax ignores a NaN side.
          if (claims.bounds_ratio) check.worst_ratio = std::fmax(check.worst_ratio, verdicts[i].ratio());
          record(verdicts[i], claims.name, t);
          ++i;
        }(),
        ...);
    record(iterate, "GD step", t);
  }
  return check;
}

}  // namespace gdcheck

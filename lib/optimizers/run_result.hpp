// What an optimizer run returns: where it stopped and why.
#pragma once

#include <cmath>
#include <string_view>
#include <type_traits>

#include "lib/linear_algebra.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

enum class RunStatus {
  converged,     // ||grad f(x)|| <= the gradient tolerance
  budget_spent,  // max_iterations steps taken without converging
  diverged,      // ||x|| exceeded the divergence threshold
  non_finite,    // f(x) or grad f(x) became NaN or infinite
  stopped,       // the observer asked to stop (it returned true)
};

constexpr std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::converged: return "converged";
    case RunStatus::budget_spent: return "budget spent";
    case RunStatus::diverged: return "diverged";
    case RunStatus::non_finite: return "non-finite";
    case RunStatus::stopped: return "stopped by observer";
  }
  return "unknown";
}

template <class S>
struct RunResult {
  RunStatus status;
  Vector<S> x;        // the last iterate
  S value;            // f(x)
  S gradient_norm;    // ||grad f(x)||
  long iterations;    // steps taken: x = x_iterations
};

// One iterate as an observer sees it, before the step from it is taken.
template <class S>
struct Iterate {
  long t;
  const Vector<S>& x;
  const S& value;
  const Vector<S>& gradient;
};

// Shows an iterate to an observer; true when the observer asks to stop. An
// observer may return void (it only watches) or bool (true: end the run, e.g.
// once the iterate is near a target).
template <class Observer, class S>
bool observe(Observer& observer, const Iterate<S>& iterate) {
  if constexpr (std::is_same_v<decltype(observer(iterate)), bool>) {
    return observer(iterate);
  } else {
    observer(iterate);
    return false;
  }
}

// What every optimizer checks of its start point: the objective's dimension
// and finite entries; throws std::invalid_argument naming the problem.
template <class S>
void require_start_point(const Vector<S>& x0, long dimension) {
  require_same_dimension("start point", x0.size(), dimension);
  if (!x0.allFinite()) throw_invalid("start point", "(non-finite entry)", "must be finite");
}

// The end of a run that an iterate may cause, shared by the optimizers: the
// observer asked to stop, or f or its gradient is not finite. Sets
// result.status and returns true when the run ends here.
template <class S, class Observer>
bool ends_at_iterate(Observer& observer, const Iterate<S>& iterate, RunResult<S>& result) {
  using std::isfinite;
  if (observe(observer, iterate)) {
    result.status = RunStatus::stopped;
    return true;
  }
  if (!isfinite(result.value) || !isfinite(result.gradient_norm)) {
    result.status = RunStatus::non_finite;
    return true;
  }
  return false;
}

// The head of every optimizer's loop: evaluates f and grad f at result.x as
// iterate t (into result and g) and shows it to the observer. True when the
// run ends there (see ends_at_iterate).
template <class F, class S = typename F::Scalar, class Observer>
bool evaluate_and_observe(const F& f, long t, Observer& observer, RunResult<S>& result, Vector<S>& g) {
  result.iterations = t;
  result.value = f.value_and_gradient(result.x, g);
  result.gradient_norm = scaled_norm(g);  // norm() would underflow to 0 and stop GD at a nonzero gradient
  return ends_at_iterate(observer, Iterate<S>{t, result.x, result.value, g}, result);
}

// After a step to x: ends the run as diverged (or non-finite) when ||x||
// exceeds the threshold, with f and its gradient evaluated there.
// An infinite threshold watches nothing (and costs no norm): a non-finite x
// is then caught at the next iterate.
template <class F, class S = typename F::Scalar>
bool ends_diverged(const F& f, long t, const S& threshold, RunResult<S>& result, Vector<S>& g) {
  using std::isfinite;
  if (!isfinite(threshold) || scaled_norm(result.x) <= threshold) return false;
  result.iterations = t;
  result.value = f.value_and_gradient(result.x, g);
  result.gradient_norm = scaled_norm(g);
  result.status = result.x.allFinite() ? RunStatus::diverged : RunStatus::non_finite;
  return true;
}

// The observer that watches nothing.
struct NoObserver {
  template <class S>
  void operator()(const Iterate<S>&) const {}
};

}  // namespace gdcheck

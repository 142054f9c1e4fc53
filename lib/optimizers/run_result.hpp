// What an optimizer run returns: where it stopped and why.
#pragma once

#include <string_view>
#include <type_traits>

#include "lib/linear_algebra.hpp"

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

// The observer that watches nothing.
struct NoObserver {
  template <class S>
  void operator()(const Iterate<S>&) const {}
};

}  // namespace gdcheck

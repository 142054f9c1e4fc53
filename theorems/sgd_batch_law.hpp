// The rule and the law of SGD's steps, recovered from its own iterates
// (issue 15): SGD (theory.md section 6, lecture slide "SGD") steps by
//     x_{t+1} = x_t - alpha (1/b) sum_{i in B_t} grad f_i(x_t),
// B_t of b indices drawn uniformly from the m components, with replacement
// (the lecture's SGD for b = 1). Unbiasedness and the noise's covariance
// (theorems/sgd_noise.hpp) are properties of the objective; whether an
// optimizer really averages b drawn components, with the right step, and
// draws every index equally often, is checked here.
//
// Rule: v_t = (x_t - x_{t+1}) / alpha, evaluated in 128-bit arithmetic from the
// doubles, must be the mean of the component gradients of some multiset of b
// indices, within the rounding of one step: the sum of b gradients rounds by
// gamma_b sum ||g_i||, the factor alpha/b and the product by 2u, the update by
// u (||x_t|| + ||x_{t+1}||) / alpha. Every multiset of size b is tried (the
// property keeps C(m + b - 1, b) small); a step matched by two multisets is
// undecided and left out of the law.
// Law: over T steps with b draws each, each index's count is Binomial(T b, 1/m);
// each count is tested two-sided with exact Clopper-Pearson bounds at level
// `level / m` (Bonferroni over the m indices), so a correct optimizer fails
// the law with probability at most `level`.
#pragma once

#include <cmath>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "lib/scalar/scalar_types.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::sgd_batch_law {

inline constexpr std::string_view name = "sgd-batch-law";

struct LibraryStochasticGradientDescent {
  template <FiniteSum F, class Observer>
  RunResult<double> operator()(const F& f, const Vector<double>& x0,
                               const StochasticGradientDescentOptions<double>& options, Observer&& observer) const {
    return stochastic_gradient_descent(f, x0, options, std::forward<Observer>(observer));
  }
};

struct LawReading {
  long steps = 0, undecided = 0;
  std::optional<Verdict> rule_violation;  // the first step no multiset explains (distance to the nearest)
  long violating_step = -1;
  std::vector<long> counts;               // draws of each index over the decided steps
  int skewed_index = -1;                  // an index whose count rejects 1/m, if any
  double skewed_lower = 0, skewed_upper = 1;
  bool holds() const { return !rule_violation && skewed_index < 0; }
};

// Every multiset of size b from {0..m-1}, as sorted index vectors.
inline void for_each_multiset(int m, int b, const std::function<void(const std::vector<int>&)>& visit) {
  std::vector<int> indices(static_cast<std::size_t>(b), 0);
  while (true) {
    visit(indices);
    int k = b - 1;
    while (k >= 0 && indices[k] == m - 1) --k;
    if (k < 0) return;
    ++indices[k];
    for (int j = k + 1; j < b; ++j) indices[j] = indices[k];
  }
}

// Runs SGD (with replacement) for options.max_iterations steps from x0 and
// checks the rule at every step and the law over the run.
template <FiniteSum F, class Optimizer = LibraryStochasticGradientDescent>
LawReading check_run(const F& f, const Vector<double>& x0, const StochasticGradientDescentOptions<double>& options,
                     double level, Optimizer&& optimizer = {}) {
  std::vector<Vector<double>> xs;
  optimizer(f, x0, options, [&](const Iterate<double>& it) { xs.push_back(it.x); });
  const int m = f.components(), b = options.batch_size, d = f.dimension();
  const double u = unit_roundoff<double>(), alpha = options.step;
  LawReading reading;
  reading.counts.assign(static_cast<std::size_t>(m), 0);
  std::vector<Vector<double>> gradients(static_cast<std::size_t>(m), Vector<double>(d));
  for (std::size_t t = 0; t + 1 < xs.size(); ++t) {
    ++reading.steps;
    std::vector<double> norms(static_cast<std::size_t>(m));
    for (int i = 0; i < m; ++i) {
      f.component_value_and_gradient(i, xs[t], gradients[i]);
      norms[i] = bound_norm(gradients[i]);
    }
    Vector<double> recovered(d);
    for (int j = 0; j < d; ++j) {
      recovered(j) = static_cast<double>((Float128(xs[t](j)) - Float128(xs[t + 1](j))) / Float128(alpha));
    }
    const double update_error = u * (bound_norm(xs[t]) + bound_norm(xs[t + 1])) / alpha + u * bound_norm(recovered);
    int matches = 0;
    std::vector<int> matched;
    double nearest = INFINITY, nearest_allowed = 0;
    for_each_multiset(m, b, [&](const std::vector<int>& batch) {
      Vector<double> mean = Vector<double>::Zero(d);
      double magnitude = 0;
      for (const int i : batch) {
        mean += gradients[i];
        magnitude += norms[i];
      }
      mean /= b;
      magnitude /= b;
      const double allowed = rounding_gamma<double>(b + 4.0) * magnitude + 2 * update_error;
      const double distance = bound_norm(Vector<double>(recovered - mean));
      if (distance <= allowed) {
        ++matches;
        matched = batch;
      }
      if (distance - allowed < nearest - nearest_allowed) {
        nearest = distance;
        nearest_allowed = allowed;
      }
    });
    if (matches == 0) {
      if (!reading.rule_violation) {
        reading.rule_violation = judge(nearest, nearest_allowed, 0.0);
        reading.violating_step = static_cast<long>(t);
      }
      continue;
    }
    if (matches > 1) {
      ++reading.undecided;
      continue;
    }
    for (const int i : matched) ++reading.counts[i];
  }
  long draws = 0;
  for (const long c : reading.counts) draws += c;
  if (draws > 0) {
    const double confidence = 1 - level / (2.0 * m);  // each side of each index's two-sided test
    for (int i = 0; i < m && reading.skewed_index < 0; ++i) {
      const double lower = clopper_pearson_lower(reading.counts[i], draws, confidence);
      const double upper = clopper_pearson_upper(reading.counts[i], draws, confidence);
      if (!(lower <= 1.0 / m && 1.0 / m <= upper)) {
        reading.skewed_index = i;
        reading.skewed_lower = lower;
        reading.skewed_upper = upper;
      }
    }
  }
  return reading;
}

}  // namespace gdcheck::sgd_batch_law

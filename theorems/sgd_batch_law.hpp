// The rule and the law of SGD's steps, recovered from its own iterates
// (issue 15): SGD (theory.md section 6, lecture slide "SGD") steps by
//     x_{t+1} = x_t - alpha (1/b) sum_{i in B_t} grad f_i(x_t),
// B_t of b indices drawn uniformly from the m components, with replacement
// (the lecture's SGD for b = 1) or without (a uniform b-subset). Unbiasedness
// and the noise's covariance (theorems/sgd_noise.hpp) are properties of the
// objective; whether an optimizer really averages b drawn components, with
// the right step, and draws them with the right law, is checked here.
//
// Rule: v_t = (x_t - x_{t+1}) / alpha, evaluated in 128-bit arithmetic from the
// doubles, must be the mean of the component gradients of some batch (a
// multiset of b indices with replacement, a b-subset without), within the
// rounding of one step: the sum of b gradients rounds by gamma_b sum ||g_i||,
// the factor alpha/b and the product by 2u, the update by
// u (||x_t|| + ||x_{t+1}||) / alpha. Every batch is tried (the property keeps
// their number small); a step matched by two batches is undecided and left
// out of the law. A batch with a repeated index, drawn without replacement,
// breaks the rule.
// Law: with replacement, over T steps with b draws each, each index's count
// is Binomial(T b, 1/m); without, each b-subset's count over T steps is
// Binomial(T, 1/C(m, b)) (every subset equally likely, which also fixes the
// pairs' and the indices' laws). Each count is tested two-sided with exact
// Clopper-Pearson bounds at level `level / cells` (Bonferroni over the
// cells), so a correct optimizer fails the law with probability at most `level`.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "lib/run_digest.hpp"
#include "lib/scalar/scalar_types.hpp"
#include "theorems/binomial_bound.hpp"
#include "theorems/library_optimizers.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::sgd_batch_law {

inline constexpr std::string_view name = "sgd-batch-law";

struct LawReading {
  long steps = 0, undecided = 0;
  std::optional<Verdict> rule_violation;  // the first step no batch explains (distance to the nearest)
  long violating_step = -1;
  std::vector<std::vector<int>> cells;    // with replacement: {i} per index; without: each b-subset
  std::vector<long> counts;               // each cell's count over the decided steps
  double cell_probability = 0;            // 1/m or 1/C(m, b)
  int skewed_cell = -1;                   // a cell whose count rejects its probability, if any
  double skewed_lower = 0, skewed_upper = 1;
  // Step t's batch (its index among the batches; one past the last when no
  // batch explains the step, two past when several do) hashed with t, summed
  // (lib/run_digest.hpp): which batches the run drew, in order.
  std::uint64_t digest = 0;
  bool holds() const { return !rule_violation && skewed_cell < 0; }
};

// Every batch of size b from {0..m-1} as sorted index vectors: multisets
// (with replacement) or subsets (without).
inline void for_each_batch(int m, int b, BatchSampling sampling,
                           const std::function<void(const std::vector<int>&)>& visit) {
  const bool distinct = sampling == BatchSampling::without_replacement;
  std::vector<int> indices(static_cast<std::size_t>(b), 0);
  for (int j = 0; j < b; ++j) indices[j] = distinct ? j : 0;
  while (true) {
    visit(indices);
    int k = b - 1;
    while (k >= 0 && indices[k] == (distinct ? m - b + k : m - 1)) --k;
    if (k < 0) return;
    ++indices[k];
    for (int j = k + 1; j < b; ++j) indices[j] = indices[j - 1] + (distinct ? 1 : 0);
  }
}

// The rule at every step and the law over a run of SGD with `options` on f,
// read from its iterates xs.
template <FiniteSum F>
LawReading read_run(const F& f, const StochasticGradientDescentOptions<double>& options, double level,
                    const std::vector<Vector<double>>& xs);

// Runs SGD for options.max_iterations steps from x0 and checks the rule at
// every step and the law over the run. Only the recording is compiled per
// optimizer; the reading (read_run) once per objective type.
template <FiniteSum F, class Optimizer = LibraryStochasticGradientDescent>
LawReading check_run(const F& f, const Vector<double>& x0, const StochasticGradientDescentOptions<double>& options,
                     double level, Optimizer&& optimizer = {}) {
  std::vector<Vector<double>> xs;
  optimizer(f, x0, options, [&](const Iterate<double>& it) { xs.push_back(it.x); });
  return read_run(f, options, level, xs);
}

template <FiniteSum F>
LawReading read_run(const F& f, const StochasticGradientDescentOptions<double>& options, double level,
                    const std::vector<Vector<double>>& xs) {
  const int m = f.components(), b = options.batch_size, d = f.dimension();
  const double u = unit_roundoff<double>(), alpha = options.step;  // relative parts; underflows added below
  LawReading reading;
  const bool with_replacement = options.sampling == BatchSampling::with_replacement;
  std::vector<std::vector<int>> batches;
  for_each_batch(m, b, options.sampling, [&](const std::vector<int>& batch) { batches.push_back(batch); });
  if (with_replacement) {
    for (int i = 0; i < m; ++i) reading.cells.push_back({i});
  } else {
    reading.cells = batches;
  }
  reading.counts.assign(reading.cells.size(), 0);
  reading.cell_probability = 1.0 / static_cast<double>(with_replacement ? m : batches.size());
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
    // (+ the run's product alpha mean and the recovery's quotient, each possibly underflowing: rounding_model.hpp)
    const double update_error =
        (u * (bound_norm(xs[t]) + bound_norm(xs[t + 1])) + underflow_bound<double>(2, d)) / alpha +
        rounding_bound<double>(1, bound_norm(recovered), d);
    int matches = 0;
    std::size_t matched = 0;
    double nearest = INFINITY, nearest_allowed = 0;
    for (std::size_t k = 0; k < batches.size(); ++k) {
      const std::vector<int>& batch = batches[k];
      Vector<double> mean = Vector<double>::Zero(d);
      double magnitude = 0;
      for (const int i : batch) {
        mean += gradients[i];
        magnitude += norms[i];
      }
      mean /= b;
      magnitude /= b;
      const double allowed = rounding_bound<double>(b + 4.0, magnitude, d) + 2 * update_error;
      const double distance = bound_norm(Vector<double>(recovered - mean));
      if (distance <= allowed) {
        ++matches;
        matched = k;
      }
      if (distance - allowed < nearest - nearest_allowed) {
        nearest = distance;
        nearest_allowed = allowed;
      }
    }
    const std::size_t drawn = matches == 1 ? matched : batches.size() + (matches == 0 ? 0 : 1);
    reading.digest += RunHash(t).add(static_cast<std::uint64_t>(drawn)).term();
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
    if (with_replacement) {
      for (const int i : batches[matched]) ++reading.counts[i];
    } else {
      ++reading.counts[matched];
    }
  }
  long trials = 0;  // draws (with replacement) or decided steps (without)
  for (const long c : reading.counts) trials += c;
  if (trials > 0) {
    const double cells = static_cast<double>(reading.cells.size());
    const double confidence = 1 - level / (2.0 * cells);  // each side of each cell's two-sided test
    for (std::size_t i = 0; i < reading.cells.size() && reading.skewed_cell < 0; ++i) {
      const double lower = clopper_pearson_lower(reading.counts[i], trials, confidence);
      const double upper = clopper_pearson_upper(reading.counts[i], trials, confidence);
      if (!(lower <= reading.cell_probability && reading.cell_probability <= upper)) {
        reading.skewed_cell = static_cast<int>(i);
        reading.skewed_lower = lower;
        reading.skewed_upper = upper;
      }
    }
  }
  return reading;
}

}  // namespace gdcheck::sgd_batch_law

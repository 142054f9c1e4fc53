#include "theorems/wide_relu.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/constants/constants.hpp>

#include "lib/optimizers/gradient_descent.hpp"
#include "lib/parallel_map.hpp"
#include "lib/random.hpp"
#include "lib/run_digest.hpp"
#include "lib/sampling.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/relu_kink.hpp"

namespace gdcheck::wide_relu {

template <Scalar S>
Matrix<S> limit_gram(const Matrix<S>& inputs) {
  using std::abs;
  using std::acos;
  using std::max;
  using std::min;
  const int n = static_cast<int>(inputs.cols());
  for (int i = 0; i < n; ++i) {
    if (abs(inputs.col(i).norm() - 1) > S(1e-12)) {
      throw std::invalid_argument("wide_relu::limit_gram: input " + std::to_string(i) + " is not a unit vector");
    }
  }
  const S pi = boost::math::constants::pi<S>();
  Matrix<S> gram(n, n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j <= i; ++j) {
      // Clamped: a rounded inner product of unit vectors may leave [-1, 1].
      const S inner = max(S(-1), min(S(1), S(inputs.col(i).dot(inputs.col(j)))));
      gram(i, j) = gram(j, i) = inner * (pi - acos(inner)) / (2 * pi);
    }
  }
  return gram;
}

template <Scalar S>
LeastEigenvalue<S> least_eigenvalue(const Matrix<S>& gram, int entry_roundings) {
  const Spectrum<S> spectrum = SymmetricEigenvalues<S>::of(gram, entry_roundings);
  return {spectrum.eigenvalues(0), spectrum.rounding};
}

template <Scalar S>
LeastEigenvalue<S> lambda_0(const Matrix<S>& inputs) {
  using std::abs;
  for (int i = 0; i < inputs.cols(); ++i) {
    for (int j = 0; j < i; ++j) {
      if (abs(abs(S(inputs.col(i).dot(inputs.col(j)))) - 1) <= S(1e-12)) {
        throw std::invalid_argument("wide_relu::lambda_0: inputs " + std::to_string(j) + " and " + std::to_string(i) +
                                    " are parallel; Theorem 3.1 needs no two parallel");
      }
    }
  }
  return least_eigenvalue(limit_gram(inputs), limit_gram_roundings(static_cast<int>(inputs.rows())));
}

template <Scalar S>
Matrix<S> unit_inputs(const TwoLayerReluSpec& spec) {
  Matrix<S> x = convert<S>(two_layer_relu_data(spec).inputs);
  for (int i = 0; i < x.cols(); ++i) x.col(i) /= x.col(i).norm();
  return x;
}

template <Scalar S>
bool duplicate_gives_equal_gram_columns(Matrix<S> inputs, int i, int j) {
  inputs.col(j) = inputs.col(i);
  const Matrix<S> h = limit_gram(inputs);
  return ((h.col(i) - h.col(j)).array() == 0).all();
}

template <Scalar S>
LeastEigenvalue<S> least_eigenvalue_with_duplicate(Matrix<S> inputs, int i, int j, int entry_roundings) {
  inputs.col(j) = inputs.col(i);
  return least_eigenvalue(limit_gram(inputs), entry_roundings);
}

template bool duplicate_gives_equal_gram_columns(Matrix<Decimal50>, int, int);
template LeastEigenvalue<Decimal50> least_eigenvalue_with_duplicate(Matrix<Decimal50>, int, int, int);
template Matrix<double> unit_inputs(const TwoLayerReluSpec&);
template Matrix<Decimal50> unit_inputs(const TwoLayerReluSpec&);
template Matrix<double> limit_gram(const Matrix<double>&);
template Matrix<Decimal50> limit_gram(const Matrix<Decimal50>&);
template LeastEigenvalue<double> lambda_0(const Matrix<double>&);
template LeastEigenvalue<Decimal50> lambda_0(const Matrix<Decimal50>&);
template LeastEigenvalue<double> least_eigenvalue(const Matrix<double>&, int);
template LeastEigenvalue<Decimal50> least_eigenvalue(const Matrix<Decimal50>&, int);

InitialGram initial_gram(const Matrix<double>& inputs, const Matrix<double>& weights) {
  if (weights.cols() != inputs.rows()) {
    throw std::invalid_argument("wide_relu::initial_gram: weights have " + std::to_string(weights.cols()) +
                                " columns, inputs " + std::to_string(inputs.rows()) + " rows");
  }
  const int n = static_cast<int>(inputs.cols()), m = static_cast<int>(weights.rows());
  const int p = static_cast<int>(inputs.rows());
  const Matrix<double> z = weights * inputs;                                   // m x n
  const Matrix<double> z_error =
      entrywise_rounding_bound(p + 1.0, weights.cwiseAbs() * inputs.cwiseAbs());  // Higham 3.5, with underflow
  Matrix<double> active = (z.array() >= 0).cast<double>();
  Matrix<double> uncertain = (z.array().abs() <= z_error.array()).cast<double>();
  const Matrix<double> inner = inputs.transpose() * inputs;
  InitialGram result;
  // Counts of units active on both i and j, and of those whose sign is uncertain on i or j.
  const Matrix<double> both = active.transpose() * active;
  const Matrix<double> either_uncertain =
      uncertain.transpose() * Matrix<double>::Ones(m, n) + Matrix<double>::Ones(n, m) * uncertain;
  result.gram = inner.cwiseProduct(both) / static_cast<double>(m);
  // The counts are exact integers and |x_i.x_j| <= 1, so the computed entry
  // is off by at most gamma_{p+4} (p + 1 roundings in the inner product, three
  // in the product and division), doubled to cover |x_i.x_j| up to 1 + gamma.
  result.uncertainty = inner.cwiseAbs().cwiseProduct(either_uncertain) / static_cast<double>(m) +
                       Matrix<double>::Constant(n, n, 2 * rounding_bound<double>(p + 4.0, 1.0));
  return result;
}

double hoeffding_radius(int samples, int width, double failure_probability) {
  if (samples < 1) throw std::invalid_argument("wide_relu::hoeffding_radius: samples = " + std::to_string(samples) + " < 1");
  if (width < 1) throw std::invalid_argument("wide_relu::hoeffding_radius: width = " + std::to_string(width) + " < 1");
  if (!(failure_probability > 0 && failure_probability < 1)) {
    throw std::invalid_argument("wide_relu::hoeffding_radius: delta must be in (0, 1)");
  }
  const double entries = 0.5 * samples * (samples + 1.0);
  return std::sqrt(std::log(2 * entries / failure_probability) / (2.0 * width));
}

Verdict check_concentration(const InitialGram& initial, const Matrix<double>& limit, double limit_rounding,
                            double radius) {
  const Matrix<double> deviation = (initial.gram - limit).cwiseAbs();
  Eigen::Index row = 0, col = 0;
  // The entry whose deviation plus uncertainty is largest decides.
  const Matrix<double> worst = deviation + initial.uncertainty;
  worst.maxCoeff(&row, &col);
  const double rounding = initial.uncertainty(row, col) + limit_rounding +
                          rounding_bound<double>(1, deviation(row, col) + radius);
  return judge<double>(deviation(row, col), radius, rounding);
}

namespace {

// Signs of the pre-activations W X, +1/-1, or 0 where rounding cannot tell
// (|z| within gamma_{p+1} |W| |X|, Higham 3.5).
Matrix<int> activation_signs(const Vector<double>& x, const Matrix<double>& inputs) {
  const Eigen::Index p = inputs.rows(), m = x.size() / p;
  const Matrix<double> w = Eigen::Map<const Matrix<double>>(x.data(), m, p);
  const Matrix<double> z = w * inputs;
  const Matrix<double> error = entrywise_rounding_bound(p + 1.0, w.cwiseAbs() * inputs.cwiseAbs());
  return z.binaryExpr(error, [](double v, double e) { return v > e ? 1 : v < -e ? -1 : 0; });
}

// Certified bounds on the extreme eigenvalues of the Gram matrix H(W) = J J^T
// at first-layer weights W (the computed matrix's uncertainty added through
// ||.||_2 <= ||.||_F, then the eigensolver's bound).
std::pair<double, double> gram_eigenvalue_bounds(const Matrix<double>& inputs, const Matrix<double>& weights) {
  const InitialGram gram = initial_gram(inputs, weights);
  const auto spectrum = SymmetricEigenvalues<double>::of(gram.gram, static_cast<int>(inputs.rows()) + 4);
  const double extra = gram.uncertainty.norm();
  return {std::max(0.0, spectrum.eigenvalues(0) - spectrum.rounding - extra),
          spectrum.eigenvalues(spectrum.eigenvalues.size() - 1) + spectrum.rounding + extra};
}

// One run of linear_rate_runs from first-layer weights w0 (m x p).
struct LinearRateRun {
  bool rate_held = true, well_conditioned = false, stayed_near = true;
  double last_value = 0;
};

LinearRateRun linear_rate_run(const TwoLayerRelu<double>& f, const Matrix<double>& x, const Matrix<double>& w0,
                              double step, long steps, double lambda_0) {
  const int m = static_cast<int>(w0.rows()), p = static_cast<int>(w0.cols());
  const int n = static_cast<int>(x.cols());
  const auto gram = SymmetricEigenvalues<double>::of(initial_gram(x, w0).gram, 8);
  GradientDescentOptions<double> options;
  options.step = step;
  options.max_iterations = steps;
  double first = -1, radius = 0;
  LinearRateRun run;
  gradient_descent(f, Vector<double>(w0.reshaped()), options, [&](const Iterate<double>& it) {
    if (first < 0) {
      first = it.value;
      // ||y - u(0)||^2 = 2 f(0).
      radius = 4 * std::sqrt(n * 2 * first) / (std::sqrt(double(m)) * lambda_0);
    }
    run.last_value = it.value;
    run.rate_held = run.rate_held && it.value <= std::pow(1 - step * lambda_0 / 2, it.t) * first;
    const Matrix<double> moved = Eigen::Map<const Matrix<double>>(it.x.data(), m, p) - w0;
    run.stayed_near = run.stayed_near && moved.rowwise().norm().maxCoeff() <= radius;
  });
  run.well_conditioned = gram.eigenvalues(0) >= lambda_0 / 2;
  return run;
}

}  // namespace

FrozenPatternRun check_frozen_pattern_run(const TwoLayerReluSpec& spec, std::uint64_t weights_seed,
                                          double step_fraction, long steps, bool require_small_step) {
  InstanceLadder<TwoLayerRelu, TwoLayerReluSpec> ladder(spec);
  const auto& f = ladder.at<double>();
  const int p = spec.inputs, m = spec.width;
  Rng rng(weights_seed);
  const Matrix<double> w0 = standard_normal(rng, m, p);
  // The family's own inputs (unit vectors to double precision): J J^T = H for them.
  const Matrix<double> inputs = two_layer_relu_data(spec).inputs;
  const double step = step_fraction / gram_eigenvalue_bounds(inputs, w0).second;
  std::vector<Vector<double>> iterates;
  GradientDescentOptions<double> options;
  options.step = step;
  options.max_iterations = steps;
  gradient_descent(f, Vector<double>(w0.reshaped()), options, [&](const Iterate<double>& it) { iterates.push_back(it.x); });
  FrozenPatternRun run;
  Matrix<int> next_pattern = activation_signs(iterates.front(), inputs);
  for (std::size_t t = 0; t + 1 < iterates.size(); ++t) {
    const Matrix<int> pattern = std::move(next_pattern);
    next_pattern = activation_signs(iterates[t + 1], inputs);
    if ((pattern.array() == 0).any() || next_pattern != pattern) continue;
    const auto [lambda_min, lambda_max] =
        gram_eigenvalue_bounds(inputs, Eigen::Map<const Matrix<double>>(iterates[t].data(), m, p));
    if (require_small_step && !(step * lambda_max <= 1)) continue;
    ++run.frozen_steps;
    // The claimed factor on ||u - y||^2, rounded up (a factor near 1: no underflow).
    const double rate = (1 - step * lambda_min) * (1 - step * lambda_min) * (1 + 8 * unit_roundoff<double>());
    const Verdict verdict = decide_on_ladder([&](auto type) {
      using S = typename decltype(type)::type;
      const auto& fs = ladder.at<S>();
      const Vector<S> x = convert<S>(iterates[t]);
      Vector<S> g;
      const S value = fs.value_and_gradient(x, g);
      const Vector<S> next = x - S(step) * g;
      const S next_value = fs.value(next);
      // Both values' bounds and the step's rounding (relu_kink::step_rounding_in_value).
      const S rounding = fs.value_rounding_error(next) + S(rate) * fs.value_rounding_error(x) +
                         relu_kink::step_rounding_in_value(fs, relu_kink::NetData<S>(spec), x, g, S(step), next_value) +
                         rounding_bound<S>(2, next_value + S(rate) * value);
      return judge<S>(next_value, S(rate) * value, rounding);
    });
    if (!verdict.passes()) {
      run.violation = verdict;
      run.violation_step = static_cast<long>(t);
      run.rate = rate;
      return run;
    }
  }
  return run;
}

ConcentrationTally concentration_runs(const Matrix<double>& x, const Matrix<double>& limit, double limit_rounding,
                                      double radius, int width, std::uint64_t seed, const WeightDraw& draw,
                                      std::pair<long, long> runs) {
  const auto [first, last] = runs;
  const auto outcomes = parallel_map(static_cast<std::size_t>(last - first), [&, first = first](std::size_t j) {
    Rng rng(seed + 0x9E3779B97F4A7C15ull * (static_cast<std::uint64_t>(first + static_cast<long>(j)) + 1));
    const Matrix<double> weights = draw(rng, width, static_cast<int>(x.rows()));
    const bool left = check_concentration(initial_gram(x, weights), limit, limit_rounding, radius).clarity != Clarity::holds;
    return std::pair{weights.sum(), left};
  });
  ConcentrationTally tally;
  tally.runs = static_cast<long>(outcomes.size());
  for (std::size_t j = 0; j < outcomes.size(); ++j) {
    const auto& [sum, left] = outcomes[j];
    tally.left += left;
    tally.digest += RunHash(static_cast<std::uint64_t>(first) + j).add(sum).add(std::uint64_t{left}).term();
  }
  return tally;
}

LinearRateTally linear_rate_runs(const TwoLayerReluSpec& inputs, int width, const Matrix<double>& x, double step,
                                 long steps, double lambda_0, std::uint64_t seed, std::pair<long, long> runs) {
  TwoLayerReluSpec spec = inputs;
  spec.width = width;
  const TwoLayerRelu<double> f(spec);
  const auto [first, last] = runs;
  const auto outcomes = parallel_map(static_cast<std::size_t>(last - first), [&, first = first](std::size_t j) {
    const std::uint64_t r = static_cast<std::uint64_t>(first + static_cast<long>(j));
    Rng rng(seed + 0x9E3779B97F4A7C15ull * (r + 1) + width);
    return linear_rate_run(f, x, standard_normal(rng, width, static_cast<int>(x.rows())), step, steps, lambda_0);
  });
  LinearRateTally tally;
  for (std::size_t j = 0; j < outcomes.size(); ++j) {
    const LinearRateRun& run = outcomes[j];
    tally.rate_held += run.rate_held, tally.well_conditioned += run.well_conditioned, tally.stayed_near += run.stayed_near;
    tally.digest += RunHash(static_cast<std::uint64_t>(first) + j).add(static_cast<std::uint64_t>(width)).add(run.last_value)
                        .add(std::uint64_t{run.rate_held}).add(std::uint64_t{run.well_conditioned})
                        .add(std::uint64_t{run.stayed_near}).term();
  }
  return tally;
}

}  // namespace gdcheck::wide_relu

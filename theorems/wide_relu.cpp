#include "theorems/wide_relu.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/constants/constants.hpp>

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

}  // namespace gdcheck::wide_relu

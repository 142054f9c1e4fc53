// A user's minibatch SGD on a finite sum, written without gdcheck: plain
// vectors, a component-gradient callback and its own random number
// generator. The code under test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace mylib {

using ComponentGradient = std::function<std::vector<double>(int, const std::vector<double>&)>;

// `iterations` steps of x <- x - learning_rate * (mean of the gradients of
// `batch` components), the components drawn uniformly with replacement, or
// as a uniform batch-subset of the m (the first `batch` entries of a
// partial Fisher-Yates shuffle); returns x_0..x_N.
// `divide_by_m` plants a classic bug: the batch's gradient sum is divided by
// the data set's size m instead of the batch size.
inline std::vector<std::vector<double>> stochastic_gradient_descent(const ComponentGradient& grad, int m,
                                                                    std::vector<double> x, double learning_rate,
                                                                    int batch, bool with_replacement, long iterations,
                                                                    std::uint64_t seed, bool divide_by_m = false) {
  std::mt19937_64 rng(seed);
  std::vector<int> order(static_cast<std::size_t>(m)), indices(static_cast<std::size_t>(batch));
  std::vector<std::vector<double>> path{x};
  for (long t = 0; t < iterations; ++t) {
    if (with_replacement) {
      for (int& index : indices) index = std::uniform_int_distribution<int>(0, m - 1)(rng);
    } else {
      std::iota(order.begin(), order.end(), 0);
      for (int k = 0; k < batch; ++k) {
        std::swap(order[k], order[std::uniform_int_distribution<int>(k, m - 1)(rng)]);
        indices[k] = order[k];
      }
    }
    std::vector<double> sum(x.size(), 0.0);
    for (const int i : indices) {
      const std::vector<double> g = grad(i, x);
      for (std::size_t j = 0; j < x.size(); ++j) sum[j] += g[j];
    }
    const double divisor = divide_by_m ? m : batch;
    for (std::size_t j = 0; j < x.size(); ++j) x[j] -= learning_rate * (sum[j] / divisor);
    path.push_back(x);
  }
  return path;
}

}  // namespace mylib

// A user's gradient descent, written without gdcheck: plain vectors and a
// gradient callback. This is the code under test.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace mylib {

using Gradient = std::function<std::vector<double>(const std::vector<double>&)>;

// `iterations` steps of x <- x - learning_rate * grad(x); returns x_0..x_N.
// `drift` makes the step grow with t (learning_rate * (1 + drift t)): the bug
// the failing example plants.
inline std::vector<std::vector<double>> gradient_descent(const Gradient& grad, std::vector<double> x,
                                                         double learning_rate, long iterations, double drift = 0) {
  std::vector<std::vector<double>> path{x};
  for (long t = 0; t < iterations; ++t) {
    const std::vector<double> g = grad(x);
    const double rate = drift == 0 ? learning_rate : learning_rate * (1 + drift * static_cast<double>(t));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] -= rate * g[i];
    path.push_back(x);
  }
  return path;
}

// The same in single precision, as code for a GPU or an embedded target
// would have it: the iterate, the step and the gradient are floats.
inline std::vector<std::vector<float>> gradient_descent_float(const Gradient& grad, std::vector<float> x,
                                                              float learning_rate, long iterations,
                                                              float drift = 0) {
  std::vector<std::vector<float>> path{x};
  std::vector<double> query(x.size());
  for (long t = 0; t < iterations; ++t) {
    for (std::size_t i = 0; i < x.size(); ++i) query[i] = x[i];
    const std::vector<double> g = grad(query);
    const float rate = drift == 0 ? learning_rate : learning_rate * (1 + drift * static_cast<float>(t));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] -= rate * static_cast<float>(g[i]);
    path.push_back(x);
  }
  return path;
}

}  // namespace mylib

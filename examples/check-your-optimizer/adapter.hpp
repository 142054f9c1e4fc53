// The adapter: how gdcheck calls mylib::gradient_descent
// (gdcheck::GradientDescentAdapter, properties/check_your_optimizer.hpp).
#pragma once

#include <gdcheck/properties/check_your_optimizer.hpp>

#include "my_gradient_descent.hpp"

struct MyGradientDescent {
  double drift = 0;  // 0: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       long steps) const {
    return mylib::gradient_descent(f.gradient, x0, step, steps, drift);
  }
};

// Broken adapters of properties/check_your_optimizer.hpp: each registered
// check must fail with an error naming the call (tests/CMakeLists.txt runs
// this program with PASS_REGULAR_EXPRESSION on the message, so the failures
// are the expected outcome).
#include <vector>

#include "properties/check_your_optimizer.hpp"

namespace {

// Returns iterates with one entry too many.
struct WrongSize {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle&, const std::vector<double>& x0, double,
                                       long steps) const {
    std::vector<double> x = x0;
    x.push_back(0);
    return std::vector<std::vector<double>>(static_cast<std::size_t>(steps + 1), x);
  }
};

// Returns nothing, not even x_0.
struct NoIterates {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle&, const std::vector<double>&, double, long) const {
    return {};
  }
};

// Calls the oracle with a vector of the wrong size.
struct WrongSizeQuery {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double,
                                       long) const {
    std::vector<double> x = x0;
    x.push_back(1);
    f.gradient(x);
    return {x0};
  }
};

const bool registered = gdcheck::register_gradient_descent_checks("WrongSize", WrongSize{}) &&
                        gdcheck::register_gradient_descent_checks("NoIterates", NoIterates{}) &&
                        gdcheck::register_gradient_descent_checks("WrongSizeQuery", WrongSizeQuery{});

}  // namespace

// Adapters of properties/check_your_optimizer.hpp. The broken ones: each
// registered check must fail with an error naming the call
// (tests/CMakeLists.txt runs this program with PASS_REGULAR_EXPRESSION on the
// message, so the failures are the expected outcome). The shipped example's
// correct gradient descent, under the example's own suite name so that a
// seed replays exactly the cases the example ran (a property's seed is
// RC_PARAMS's seed hashed with its name): the seeds at which it once failed
// by chance (issue 22) are pinned in tests/CMakeLists.txt.
#include <vector>

#include "examples/check-your-optimizer/my_gradient_descent.hpp"
#include "examples/check-your-optimizer/my_noisy_gradient_descent.hpp"
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

// examples/check-your-optimizer/adapter.hpp, as shipped (drift 0).
struct MyGradientDescent {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       long steps) const {
    return mylib::gradient_descent(f.gradient, x0, step, steps);
  }
};

// examples/check-your-optimizer/adapter.hpp's noisy GD: as shipped, or with
// its noise drawn in the ball (the example's planted bug).
struct MyNoisyGradientDescent {
  bool noise_in_the_ball = false;
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       double radius, long steps, std::uint64_t seed) const {
    return mylib::noisy_gradient_descent(f.gradient, x0, step, radius, steps, seed, noise_in_the_ball);
  }
};

// A noisy GD that forgot its noise: plain GD, which never leaves a saddle
// where the gradient is 0.
struct NoisyGdWithoutNoise {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       double, long steps, std::uint64_t) const {
    return mylib::gradient_descent(f.gradient, x0, step, steps);
  }
};

// Returns iterates with one entry too many.
struct NoisyWrongSize {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       double, long steps, std::uint64_t seed) const {
    return WrongSize{}.run(f, x0, step, steps);
  }
};

const bool registered = gdcheck::register_gradient_descent_checks("MyGradientDescent", MyGradientDescent{}) &&
                        gdcheck::register_noisy_gradient_descent_checks("MyNoisyGradientDescent",
                                                                        MyNoisyGradientDescent{}) &&
                        gdcheck::register_noisy_gradient_descent_checks("BallNoise", MyNoisyGradientDescent{true}) &&
                        gdcheck::register_noisy_gradient_descent_checks("WithoutNoise", NoisyGdWithoutNoise{}) &&
                        gdcheck::register_noisy_gradient_descent_checks("NoisyWrongSize", NoisyWrongSize{}) &&
                        gdcheck::register_gradient_descent_checks("WrongSize", WrongSize{}) &&
                        gdcheck::register_gradient_descent_checks("NoIterates", NoIterates{}) &&
                        gdcheck::register_gradient_descent_checks("WrongSizeQuery", WrongSizeQuery{});

}  // namespace

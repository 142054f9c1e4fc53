// Adapters of properties/check_your_optimizer.hpp. The broken ones: each
// registered check must fail with an error naming the call
// (tests/CMakeLists.txt runs this program with PASS_REGULAR_EXPRESSION on the
// message, so the failures are the expected outcome). The shipped example's
// correct gradient descent, under the example's own suite name so that a
// seed replays exactly the cases the example ran (a property's seed is
// RC_PARAMS's seed hashed with its name): the seeds at which it once failed
// by chance (issue 22) are pinned in tests/CMakeLists.txt.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "examples/check-your-optimizer/my_gradient_descent.hpp"
#include "examples/check-your-optimizer/my_langevin.hpp"
#include "examples/check-your-optimizer/my_noisy_gradient_descent.hpp"
#include "examples/check-your-optimizer/my_perturbed_gradient_descent.hpp"
#include "examples/check-your-optimizer/my_stochastic_gradient_descent.hpp"
#include "examples/check-your-optimizer/my_stochastic_gradient_langevin.hpp"
#include "properties/check_your_optimizer.hpp"

namespace {

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

// examples/check-your-optimizer/adapter.hpp's float GD (registered as
// computing in float, or, for the negative controls, as double), with its
// planted drift; `double_start`: x_0 is the double start itself, the steps
// still in float, so that an undeclared float run is caught at a step.
struct FloatGd {
  float drift = 0;
  bool double_start = false;
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       long steps) const {
    std::vector<std::vector<double>> out;
    for (const auto& x : mylib::gradient_descent_float(f.gradient, std::vector<float>(x0.begin(), x0.end()),
                                                       static_cast<float>(step), steps, drift)) {
      out.emplace_back(x.begin(), x.end());
    }
    if (double_start) out.front() = x0;
    return out;
  }
};
bool register_float_gd(const std::string& suite, FloatGd gd, gdcheck::Precision precision) {
  return gdcheck::register_gradient_descent_checks(suite, gdcheck::run_of<gdcheck::GradientDescentRun>(gd),
                                                   precision);
}

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

// examples/check-your-optimizer/adapter.hpp's PGD, with changes: `times`
// reports the perturbation steps (the example does), `step_factor` scales
// the gradient step, `radius_factor` the perturbation, `return_last_iterate`
// is the example's planted bug, `steps_cap` (if >= 0) stops every run early.
struct Pgd {
  bool times = true;
  double step_factor = 1, radius_factor = 1;
  bool return_last_iterate = false;
  long steps_cap = -1;
  gdcheck::PerturbedGradientDescentTrace run(const gdcheck::GradientOracle& f, const std::vector<double>& x0,
                                             const gdcheck::PerturbedGradientDescentSettings& s) const {
    const mylib::PgdConstants k{s.step * step_factor, s.radius * radius_factor, s.gradient_threshold,
                                s.function_threshold, s.time_threshold,
                                steps_cap >= 0 ? steps_cap : s.max_iterations};
    auto result = mylib::perturbed_gradient_descent(f.value, f.gradient, x0, k, s.seed, return_last_iterate);
    gdcheck::PerturbedGradientDescentTrace trace{std::move(result.path), std::nullopt, std::move(result.returned)};
    if (times) trace.perturbation_times = std::move(result.perturbed_at);
    return trace;
  }
};

// examples/check-your-optimizer/adapter.hpp's SGD: as shipped, or dividing
// by m (the example's planted bug).
struct Sgd {
  bool divide_by_m = false;
  std::vector<std::vector<double>> run(const gdcheck::FiniteSumOracle& f, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientDescentSettings& s) const {
    return mylib::stochastic_gradient_descent(f.component_gradient, f.components, x0, s.step, s.batch_size,
                                              s.with_replacement, s.steps, s.seed, divide_by_m);
  }
};

// Asks for component m, one past the last.
struct SgdComponentOutOfRange {
  std::vector<std::vector<double>> run(const gdcheck::FiniteSumOracle& f, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientDescentSettings&) const {
    f.component_gradient(f.components, x0);
    return {x0};
  }
};

// examples/check-your-optimizer/adapter.hpp's sampler as ULA, with the
// example's forgotten square root.
struct UlaWithoutSquareRoot {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0,
                                       const gdcheck::LangevinSettings& s) const {
    return mylib::langevin(f.value, f.gradient, x0, s.step, s.temperature, s.steps, s.seed, false,
                           mylib::LangevinBug::noise_without_square_root);
  }
};

// examples/check-your-optimizer/adapter.hpp's SGLD with its planted bug.
struct SgldVarianceAsScale {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientLangevinSettings& s) const {
    const mylib::LangevinSchedule schedule{s.gelfand_mitter, s.step, s.noise, s.first_time};
    return mylib::stochastic_gradient_langevin(f.gradient, x0, schedule, s.steps, s.seed, true);
  }
};

// A trajectory wrong in one way, for any adapter kind: x_0 with one entry
// too many, no points at all, or x_1 with a NaN.
enum class Bad { wrong_size, none, non_finite };

std::vector<std::vector<double>> bad_trajectory(Bad bad, const std::vector<double>& x0) {
  std::vector<double> x = x0;
  switch (bad) {
    case Bad::wrong_size:
      x.push_back(0);
      return {x};
    case Bad::none:
      return {};
    case Bad::non_finite:
      x[0] = std::nan("");
      return {x0, x};
  }
  return {};
}

struct BadGd {
  Bad bad;
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle&, const std::vector<double>& x0, double,
                                       long) const {
    return bad_trajectory(bad, x0);
  }
};
struct BadNoisyGd {
  Bad bad;
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle&, const std::vector<double>& x0, double, double,
                                       long, std::uint64_t) const {
    return bad_trajectory(bad, x0);
  }
};
struct BadPgd {
  Bad bad;
  gdcheck::PerturbedGradientDescentTrace run(const gdcheck::GradientOracle&, const std::vector<double>& x0,
                                             const gdcheck::PerturbedGradientDescentSettings&) const {
    return {bad_trajectory(bad, x0), std::nullopt, std::nullopt};
  }
};
struct BadSgd {
  Bad bad;
  std::vector<std::vector<double>> run(const gdcheck::FiniteSumOracle&, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientDescentSettings&) const {
    return bad_trajectory(bad, x0);
  }
};
struct BadLangevin {
  Bad bad;
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle&, const std::vector<double>& x0,
                                       const gdcheck::LangevinSettings&) const {
    return bad_trajectory(bad, x0);
  }
};
struct BadSgld {
  Bad bad;
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle&, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientLangevinSettings&) const {
    return bad_trajectory(bad, x0);
  }
};

// Every bad trajectory for every adapter kind, under suites named
// <Kind><WrongSize|NoIterates|NonFinite> (tests/CMakeLists.txt).
bool register_bad_returns() {
  const std::pair<Bad, const char*> bads[] = {
      {Bad::wrong_size, "WrongSize"}, {Bad::none, "NoIterates"}, {Bad::non_finite, "NonFinite"}};
  for (const auto& [bad, name] : bads) {
    const std::string what(name);
    gdcheck::register_gradient_descent_checks("Gd" + what, BadGd{bad});
    gdcheck::register_noisy_gradient_descent_checks("NoisyGd" + what, BadNoisyGd{bad});
    gdcheck::register_perturbed_gradient_descent_checks("Pgd" + what, BadPgd{bad});
    gdcheck::register_stochastic_gradient_descent_checks("Sgd" + what, BadSgd{bad});
    gdcheck::register_unadjusted_langevin_checks("Ula" + what, BadLangevin{bad});
    gdcheck::register_metropolis_adjusted_langevin_checks("Mala" + what, BadLangevin{bad});
    gdcheck::register_stochastic_gradient_langevin_checks("Sgld" + what, BadSgld{bad});
  }
  return true;
}

using gdcheck::Precision;
const bool registered = gdcheck::register_gradient_descent_checks("MyGradientDescent", MyGradientDescent{}) &&
                        register_float_gd("MyFloatGradientDescent", {}, Precision::float32) &&
                        register_float_gd("UndeclaredFloatGd", {}, Precision::float64) &&
                        register_float_gd("UndeclaredFloatSteps", {.double_start = true}, Precision::float64) &&
                        register_float_gd("DriftingFloatGd", {.drift = 1e-5f}, Precision::float32) &&
                        gdcheck::register_noisy_gradient_descent_checks("MyNoisyGradientDescent",
                                                                        MyNoisyGradientDescent{}) &&
                        gdcheck::register_noisy_gradient_descent_checks("BallNoise", MyNoisyGradientDescent{true}) &&
                        gdcheck::register_noisy_gradient_descent_checks("WithoutNoise", NoisyGdWithoutNoise{}) &&
                        gdcheck::register_gradient_descent_checks("WrongSizeQuery", WrongSizeQuery{}) &&
                        gdcheck::register_perturbed_gradient_descent_checks("PgdTimesInferred", Pgd{.times = false}) &&
                        gdcheck::register_perturbed_gradient_descent_checks(
                            "LastIteratePgd", Pgd{.return_last_iterate = true}) &&
                        gdcheck::register_perturbed_gradient_descent_checks("PgdDoubleStep", Pgd{.step_factor = 2}) &&
                        gdcheck::register_perturbed_gradient_descent_checks("PgdWithoutNoise",
                                                                            Pgd{.radius_factor = 0}) &&
                        gdcheck::register_perturbed_gradient_descent_checks("PgdStopsEarly", Pgd{.steps_cap = 5}) &&
                        gdcheck::register_stochastic_gradient_descent_checks("MyStochasticGradientDescent", Sgd{}) &&
                        gdcheck::register_stochastic_gradient_descent_checks("DivideByMSgd", Sgd{true}) &&
                        gdcheck::register_stochastic_gradient_descent_checks("SgdComponentOutOfRange",
                                                                             SgdComponentOutOfRange{}) &&
                        gdcheck::register_unadjusted_langevin_checks("NoSquareRootUla", UlaWithoutSquareRoot{}) &&
                        gdcheck::register_stochastic_gradient_langevin_checks("VarianceAsScaleSgld",
                                                                              SgldVarianceAsScale{}) &&
                        register_bad_returns();

}  // namespace

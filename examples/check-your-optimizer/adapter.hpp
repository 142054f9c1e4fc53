// The adapters: how gdcheck calls mylib's optimizers
// (gdcheck::GradientDescentAdapter, gdcheck::NoisyGradientDescentAdapter,
// gdcheck::PerturbedGradientDescentAdapter, gdcheck::StochasticGradientDescentAdapter,
// gdcheck::LangevinSamplerAdapter, gdcheck::StochasticGradientLangevinAdapter;
// properties/check_your_optimizer.hpp).
#pragma once

#include <gdcheck/properties/check_your_optimizer.hpp>

#include "my_gradient_descent.hpp"
#include "my_langevin.hpp"
#include "my_noisy_gradient_descent.hpp"
#include "my_perturbed_gradient_descent.hpp"
#include "my_stochastic_gradient_descent.hpp"
#include "my_stochastic_gradient_langevin.hpp"

struct MyGradientDescent {
  double drift = 0;  // 0: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       long steps) const {
    return mylib::gradient_descent(f.gradient, x0, step, steps, drift);
  }
};

// mylib's float GD. gdcheck hands it float starts and steps and judges its
// steps by float's rounding, because the adapter says it computes in float.
struct MyFloatGradientDescent {
  static constexpr gdcheck::Precision precision = gdcheck::Precision::float32;
  float drift = 0;  // 0: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       long steps) const {
    return widened(mylib::gradient_descent_float(f.gradient, std::vector<float>(x0.begin(), x0.end()),
                                                 static_cast<float>(step), steps, drift));
  }
  static std::vector<std::vector<double>> widened(const std::vector<std::vector<float>>& path) {
    std::vector<std::vector<double>> out;
    for (const auto& x : path) out.emplace_back(x.begin(), x.end());
    return out;
  }
};

// The same float code behind an adapter that does not say so: its steps
// carry float's rounding, which double's bounds do not allow.
struct UndeclaredFloatGradientDescent {
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       long steps) const {
    return MyFloatGradientDescent{}.run(f, x0, step, steps);
  }
};

struct MyNoisyGradientDescent {
  bool noise_in_the_ball = false;  // false: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0, double step,
                                       double radius, long steps, std::uint64_t seed) const {
    return mylib::noisy_gradient_descent(f.gradient, x0, step, radius, steps, seed, noise_in_the_ball);
  }
};

struct MyPerturbedGradientDescent {
  bool return_last_iterate = false;  // false: the code as shipped
  gdcheck::PerturbedGradientDescentTrace run(const gdcheck::GradientOracle& f, const std::vector<double>& x0,
                                             const gdcheck::PerturbedGradientDescentSettings& s) const {
    const mylib::PgdConstants k{s.step, s.radius, s.gradient_threshold, s.function_threshold, s.time_threshold,
                                s.max_iterations};
    auto result = mylib::perturbed_gradient_descent(f.value, f.gradient, x0, k, s.seed, return_last_iterate);
    return {std::move(result.path), std::move(result.perturbed_at), std::move(result.returned)};
  }
};

struct MyStochasticGradientDescent {
  bool divide_by_m = false;  // false: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::FiniteSumOracle& f, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientDescentSettings& s) const {
    return mylib::stochastic_gradient_descent(f.component_gradient, f.components, x0, s.step, s.batch_size,
                                              s.with_replacement, s.steps, s.seed, divide_by_m);
  }
};

// One adapter for both samplers: registered as ULA or as MALA.
struct MyLangevin {
  bool metropolis_adjusted = false;
  mylib::LangevinBug bug = mylib::LangevinBug::none;  // none: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0,
                                       const gdcheck::LangevinSettings& s) const {
    return mylib::langevin(f.value, f.gradient, x0, s.step, s.temperature, s.steps, s.seed, metropolis_adjusted, bug);
  }
};

struct MyStochasticGradientLangevin {
  bool variance_as_scale = false;  // false: the code as shipped
  std::vector<std::vector<double>> run(const gdcheck::GradientOracle& f, const std::vector<double>& x0,
                                       const gdcheck::StochasticGradientLangevinSettings& s) const {
    const mylib::LangevinSchedule schedule{s.gelfand_mitter, s.step, s.noise, s.first_time};
    return mylib::stochastic_gradient_langevin(f.gradient, x0, schedule, s.steps, s.seed, variance_as_scale);
  }
};

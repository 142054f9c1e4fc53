// Every bad input to the public API, tried property-style (issue 15): each
// numeric field of every optimizer's options, of the PGD constants and of a
// family spec is drawn from a pool of awkward values (NaN, +-inf, 0, -1, the
// smallest denormal, 1e308, ordinary values) and the start point's dimension
// may be wrong. Each call must either throw std::invalid_argument naming a
// field that breaks its rule (and every such call must throw), or succeed
// with a status, and a finite last iterate unless that status says the run
// left the numbers (diverged, non_finite). Never a crash or a hang: the runs
// are short, ctest's timeout bounds the rest, scripts/sanitize.sh runs this
// under AddressSanitizer and UBSan.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "lib/objectives/quadratic.hpp"
#include "lib/optimizers/gradient_descent.hpp"
#include "lib/optimizers/langevin.hpp"
#include "lib/optimizers/noisy_gradient_descent.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_descent.hpp"
#include "lib/optimizers/stochastic_gradient_langevin.hpp"

namespace gdcheck {
namespace {

enum class Rule { positive_finite, positive, non_negative, non_negative_finite, finite };

bool obeys(Rule rule, double v) {
  switch (rule) {
    case Rule::positive_finite: return std::isfinite(v) && v > 0;
    case Rule::positive: return v > 0;  // +inf allowed (a threshold that never triggers)
    case Rule::non_negative: return v >= 0;
    case Rule::non_negative_finite: return std::isfinite(v) && v >= 0;
    case Rule::finite: return std::isfinite(v);
  }
  return false;
}

rc::Gen<double> awkward() {
  return rc::gen::element(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity(), 0.0, -1.0,
                          std::numeric_limits<double>::denorm_min(), 1e308, 0.1, 1.0, 3.0);
}

// The fields drawn for one call, with their rules; which break them.
struct Draw {
  std::vector<std::pair<std::string, bool>> fields;  // name, obeys its rule
  double take(const std::string& name, Rule rule) {
    const double v = *awkward();
    fields.emplace_back(name, obeys(rule, v));
    return v;
  }
  // A value chosen by the caller, with whether it obeys its rule.
  template <class T>
  T take_chosen(const std::string& name, T value, bool ok) {
    fields.emplace_back(name, ok);
    return value;
  }
  long take_count(const std::string& name) {
    const long v = *rc::gen::element(-1L, 0L, 3L, 50L);
    fields.emplace_back(name, v >= 0);
    return v;
  }
  bool valid() const {
    for (const auto& [name, ok] : fields) {
      if (!ok) return false;
    }
    return true;
  }
  // The message names a field that breaks its rule.
  bool names_a_bad_field(const std::string& message) const {
    for (const auto& [name, ok] : fields) {
      if (!ok && message.find(name) != std::string::npos) return true;
    }
    return false;
  }
};

const Quadratic<double>& objective() {
  static const Quadratic<double> f(QuadraticSpec{{2.0, 0.5, -0.25}, RotationSpec{3, 3, 11}});
  return f;
}

Vector<double> start(bool wrong_dimension) { return Vector<double>::Constant(wrong_dimension ? 4 : 3, 0.5); }

// Runs `call`; checks the outcome against the draw.
template <class Call>
void judge_call(const Draw& draw, bool wrong_dimension, Call call) {
  try {
    const auto [status, x] = call();
    RC_ASSERT(draw.valid());
    RC_ASSERT(!wrong_dimension);
    const bool left_the_numbers = status == RunStatus::diverged || status == RunStatus::non_finite;
    RC_ASSERT(left_the_numbers || x.allFinite());
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    if (wrong_dimension && message.find("start point") != std::string::npos) return;
    RC_ASSERT(!draw.valid());
    if (!draw.names_a_bad_field(message)) RC_FAIL("the error does not name a bad field: " + message);
  }
}

RC_GTEST_PROP(BadInputs, GradientDescentOptions, ()) {
  Draw draw;
  GradientDescentOptions<double> options;
  options.step = draw.take("GradientDescentOptions.step", Rule::positive_finite);
  options.gradient_tolerance = draw.take("GradientDescentOptions.gradient_tolerance", Rule::non_negative_finite);
  options.divergence_threshold = draw.take("GradientDescentOptions.divergence_threshold", Rule::positive);
  options.max_iterations = draw.take_count("GradientDescentOptions.max_iterations");
  const bool wrong = *rc::gen::element(false, false, true);
  judge_call(draw, wrong, [&] {
    const auto r = gradient_descent(objective(), start(wrong), options);
    return std::pair{r.status, r.x};
  });
}

RC_GTEST_PROP(BadInputs, NoisyGradientDescentOptions, ()) {
  Draw draw;
  NoisyGradientDescentOptions<double> options;
  options.step = draw.take("NoisyGradientDescentOptions.step", Rule::positive_finite);
  options.noise_radius = draw.take("NoisyGradientDescentOptions.noise_radius", Rule::positive_finite);
  options.divergence_threshold = draw.take("NoisyGradientDescentOptions.divergence_threshold", Rule::positive);
  options.max_iterations = draw.take_count("NoisyGradientDescentOptions.max_iterations");
  const bool wrong = *rc::gen::element(false, false, true);
  judge_call(draw, wrong, [&] {
    const auto r = noisy_gradient_descent(objective(), start(wrong), options);
    return std::pair{r.status, r.x};
  });
}

RC_GTEST_PROP(BadInputs, PerturbedGradientDescentConstants, ()) {
  Draw draw;
  PerturbedGradientDescentOptions<double> options;
  auto& k = options.constants;
  k.chi = draw.take("PerturbedGradientDescentConstants.chi", Rule::positive_finite);
  k.step = draw.take("PerturbedGradientDescentConstants.step", Rule::positive_finite);
  k.radius = draw.take("PerturbedGradientDescentConstants.radius", Rule::non_negative_finite);
  k.gradient_threshold = draw.take("PerturbedGradientDescentConstants.gradient_threshold", Rule::positive_finite);
  k.function_threshold = draw.take("PerturbedGradientDescentConstants.function_threshold", Rule::non_negative_finite);
  k.time_threshold = draw.take("PerturbedGradientDescentConstants.time_threshold", Rule::positive_finite);
  options.max_iterations = draw.take_count("PerturbedGradientDescentOptions.max_iterations");
  const bool wrong = *rc::gen::element(false, false, true);
  judge_call(draw, wrong, [&] {
    const auto r = perturbed_gradient_descent(objective(), start(wrong), options);
    return std::pair{r.run.status, r.run.x};
  });
}

RC_GTEST_PROP(BadInputs, LangevinOptions, ()) {
  Draw draw;
  LangevinOptions<double> options;
  options.step = draw.take("LangevinOptions.step", Rule::positive_finite);
  options.temperature = draw.take("LangevinOptions.temperature", Rule::positive_finite);
  options.max_iterations = draw.take_count("LangevinOptions.max_iterations");
  options.metropolis_adjusted = *rc::gen::arbitrary<bool>();
  const bool wrong = *rc::gen::element(false, false, true);
  judge_call(draw, wrong, [&] {
    const auto r = langevin(objective(), start(wrong), options);
    return std::pair{r.result.status, r.result.x};
  });
}

// SGD on a least-squares sum of m = 5 components; the batch size and the
// sampling drawn inside and outside their ranges (an enum value no sampling has).
RC_GTEST_PROP(BadInputs, StochasticGradientDescentOptions, ()) {
  static const LeastSquares<double> f(LeastSquaresSpec{5, 3, 0.1, 21});
  Draw draw;
  StochasticGradientDescentOptions<double> options;
  options.step = draw.take("StochasticGradientDescentOptions.step", Rule::positive_finite);
  options.divergence_threshold = draw.take("StochasticGradientDescentOptions.divergence_threshold", Rule::positive);
  options.max_iterations = draw.take_count("StochasticGradientDescentOptions.max_iterations");
  const int batch = *rc::gen::element(-1, 0, 1, 2, 5, 6);
  options.batch_size = draw.take_chosen("StochasticGradientDescentOptions.batch_size", batch, batch >= 1 && batch <= 5);
  const int sampling = *rc::gen::element(0, 1, 7);
  options.sampling = draw.take_chosen("StochasticGradientDescentOptions.sampling", static_cast<BatchSampling>(sampling),
                                      sampling != 7);
  const bool wrong = *rc::gen::element(false, false, true);
  judge_call(draw, wrong, [&] {
    const auto r = stochastic_gradient_descent(f, start(wrong), options);
    return std::pair{r.status, r.x};
  });
}

// SGLD with either schedule (or an unknown one); first_time below 16 is
// invalid only for Gelfand-Mitter's (log log t must be positive).
RC_GTEST_PROP(BadInputs, StochasticGradientLangevinOptions, ()) {
  Draw draw;
  StochasticGradientLangevinOptions options;
  const int schedule = *rc::gen::element(0, 1, 7);
  options.schedule = draw.take_chosen("StochasticGradientLangevinOptions.schedule", static_cast<LangevinSchedule>(schedule),
                                      schedule != 7);
  options.step = draw.take("StochasticGradientLangevinOptions.step", Rule::positive_finite);
  options.noise = draw.take("StochasticGradientLangevinOptions.noise", Rule::non_negative_finite);
  options.gradient_noise_second_moment =
      draw.take("StochasticGradientLangevinOptions.gradient_noise_second_moment", Rule::non_negative_finite);
  const long first_time = *rc::gen::element(-1L, 0L, 15L, 16L, 100L);
  options.first_time = draw.take_chosen("StochasticGradientLangevinOptions.first_time", first_time,
                                        options.schedule != LangevinSchedule::gelfand_mitter || first_time >= 16);
  options.max_iterations = draw.take_count("StochasticGradientLangevinOptions.max_iterations");
  const bool wrong = *rc::gen::element(false, false, true);
  judge_call(draw, wrong, [&] {
    const auto r = stochastic_gradient_langevin(objective(), start(wrong), options);
    return std::pair{r.status, r.x};
  });
}

// A family spec: the quadratic's eigenvalues drawn from the same pool.
RC_GTEST_PROP(BadInputs, QuadraticSpecEigenvalues, ()) {
  Draw draw;
  QuadraticSpec spec;
  const int d = *rc::gen::inRange(1, 4);
  for (int i = 0; i < d; ++i) spec.eigenvalues.push_back(draw.take("QuadraticSpec.eigenvalues[" + std::to_string(i) + "]", Rule::finite));
  spec.rotation = RotationSpec{d, 0, 0};
  try {
    const Quadratic<double> f(spec);
    RC_ASSERT(draw.valid());
    RC_ASSERT(std::isfinite(f.gradient_lipschitz()->value));
  } catch (const std::invalid_argument& e) {
    RC_ASSERT(!draw.valid());
    if (!draw.names_a_bad_field(e.what())) RC_FAIL(std::string("the error does not name a bad field: ") + e.what());
  }
}

}  // namespace
}  // namespace gdcheck

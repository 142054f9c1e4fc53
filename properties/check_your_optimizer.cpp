#include "properties/check_your_optimizer.hpp"

#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <gtest/gtest.h>

#include "lib/objectives/piecewise_curvature.hpp"
#include "lib/objectives/quadratic.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "properties/family_steps.hpp"
#include "properties/generators.hpp"
#include "properties/noisy_gd_cases.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "theorems/descent_lemma.hpp"

namespace gdcheck {
namespace {

constexpr long kSteps = 200;

std::vector<double> to_std(const Vector<double>& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

// The objective as the user's code sees it: plain vectors, sizes checked.
GradientOracle oracle_of(const AnyObjective<double>& f) {
  const int d = f.dimension();
  GradientOracle oracle;
  oracle.dimension = d;
  const auto as_vector = [d](const std::vector<double>& x, const char* call) {
    if (static_cast<int>(x.size()) != d) {
      throw std::invalid_argument(std::string("GradientOracle::") + call + " was given a vector of " +
                                  std::to_string(x.size()) + " entries; the objective has dimension " +
                                  std::to_string(d));
    }
    return Vector<double>(Eigen::Map<const Vector<double>>(x.data(), d));
  };
  oracle.value = [&f, as_vector](const std::vector<double>& x) { return f.value(as_vector(x, "value")); };
  oracle.gradient = [&f, as_vector](const std::vector<double>& x) {
    Vector<double> g;
    f.gradient(as_vector(x, "gradient"), g);
    return to_std(g);
  };
  return oracle;
}

// The user's iterates shown to the suite's observer, each with f's value and
// gradient, as the library's optimizers show theirs; `run_type` names the
// user's callback in the errors about the iterates' shape. Without an
// observer (`observed` false) f is evaluated at the last iterate only, for
// the result: a run whose caller needs only its end costs no extra oracle calls.
template <class Observer>
RunResult<double> replay(const AnyObjective<double>& f, const Vector<double>& x0,
                         const std::vector<std::vector<double>>& iterates, long max_iterations, Observer&& observer,
                         const std::string& run_type, bool observed = true) {
  const int d = f.dimension();
  if (iterates.empty()) throw std::invalid_argument("the " + run_type + " returned no iterates (x_0 at least)");
  RunResult<double> result{RunStatus::budget_spent, x0, 0, 0, 0};
  for (std::size_t t = 0; t < iterates.size(); ++t) {
    if (static_cast<int>(iterates[t].size()) != d) {
      throw std::invalid_argument("the " + run_type + " returned iterate x_" + std::to_string(t) + " with " +
                                  std::to_string(iterates[t].size()) + " entries; the start has " +
                                  std::to_string(d));
    }
    result.iterations = static_cast<long>(t);
    if (!observed && t + 1 < iterates.size()) continue;
    result.x = Eigen::Map<const Vector<double>>(iterates[t].data(), d);
    Vector<double> g;
    f.gradient(result.x, g);
    result.value = f.value(result.x);
    result.gradient_norm = scaled_norm(g);
    if (observed) observe(observer, Iterate<double>{static_cast<long>(t), result.x, result.value, g});
  }
  if (result.iterations != max_iterations) result.status = RunStatus::stopped;
  return result;
}

// The user's GD as an optimizer of the suite's run checks (descent_lemma::check_run).
struct AdaptedGradientDescent {
  const GradientDescentRun* run;

  template <class Observer>
  RunResult<double> operator()(const AnyObjective<double>& f, const Vector<double>& x0,
                               const GradientDescentOptions<double>& options, Observer&& observer) const {
    const auto iterates = (*run)(oracle_of(f), to_std(x0), options.step, options.max_iterations);
    return replay(f, x0, iterates, options.max_iterations, observer, "GradientDescentRun");
  }
};

// The user's noisy GD as an implementation of the suite's noisy-GD cases.
NoisyGradientDescentImplementation adapted(std::shared_ptr<const NoisyGradientDescentRun> run) {
  return [run](const AnyObjective<double>& f, const Vector<double>& x0, const NoisyGradientDescentOptions<double>& o,
               const std::function<void(const Iterate<double>&)>& observer) {
    const auto iterates = (*run)(oracle_of(f), to_std(x0), o.step, o.noise_radius, o.max_iterations, o.seed);
    return replay(f, x0, iterates, o.max_iterations, observer, "NoisyGradientDescentRun", static_cast<bool>(observer));
  };
}

// start_exponent: the start is 2^start_exponent times a generated one (exact).
template <template <class> class Family, class Spec>
void check_family(const GradientDescentRun& run, const Spec& spec, int start_exponent = 0) {
  InstanceLadder<Family, Spec> ladder(spec);
  const auto start = *gen::start_point();
  const double fraction = *rc::gen::oneOf(gen::log_uniform(1e-6, 1.0), gen::near_below(1.0, 1e-16, 1e-2));
  const double step = step_by_two_over_l(ladder, fraction);
  const int d = ladder.template at<double>().dimension();
  const Vector<double> x0 = std::ldexp(1.0, start_exponent) * start.realize(d);
  const auto check = descent_lemma::check_run(ladder, x0, step, kSteps, AdaptedGradientDescent{&run});
  property_log().ratio(check.worst_ratio);
  property_log().escalations(check.escalated_checks);
  if (!check.violation) return;
  std::ostringstream text;
  text << "your gradient descent broke the " << check.violated_claim << " at step " << check.violation_step
       << " (alpha = " << describe_value(step) << ", alpha L = " << describe_value(step * lipschitz_of(ladder))
       << "): " << check.violation->describe() << "; instance ";
  showValue(ladder.spec(), text);
  text << ", start ";
  if (start_exponent != 0) text << "2^" << start_exponent << " * ";
  showValue(start, text);
  RC_FAIL(text.str());
}

class RegisteredCheck : public ::testing::Test {
 public:
  explicit RegisteredCheck(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

void add_test(const std::string& suite, const std::string& name, std::function<void()> body) {
  ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [body]() -> ::testing::Test* { return new RegisteredCheck(body); });
}

}  // namespace

bool register_gradient_descent_checks(const std::string& suite, GradientDescentRun run) {
  if (suite.empty()) throw std::invalid_argument("register_gradient_descent_checks: the suite name is empty");
  if (!run) throw std::invalid_argument("register_gradient_descent_checks: the GradientDescentRun is empty");
  const auto shared = std::make_shared<GradientDescentRun>(std::move(run));
  const std::string theorem(descent_lemma::name);
  add_test(suite, "DescentLemmaAndGradientMapOnRandomQuadratics", [=] {
    check_property({suite + "/descent-lemma/random-quadratics", theorem, PropertyKind::holds},
                   [=] { check_family<Quadratic>(*shared, *gen::quadratic()); });
  });
  add_test(suite, "DescentLemmaOnTheOneDimensionalClass", [=] {
    check_property({suite + "/descent-lemma/c11-one-dimensional", theorem, PropertyKind::holds},
                   [=] { check_family<PiecewiseCurvature>(*shared, *gen::piecewise_curvature()); });
  });
  add_test(suite, "DescentLemmaOnSeparableWells", [=] {
    check_property({suite + "/descent-lemma/separable-wells", theorem, PropertyKind::holds},
                   [=] { check_family<SeparableWells>(*shared, *gen::separable_wells({.tilted = true})); });
  });
  add_test(suite, "DescentLemmaAtEveryScale", [=] {
    check_property({suite + "/descent-lemma/every-scale", theorem, PropertyKind::holds}, [=] {
      const auto spec = *gen::scaled_separable_wells();
      check_family<gen::ScaledWells::Of>(*shared, spec, spec.argument_exponent);
    });
  });
  return true;
}

bool register_noisy_gradient_descent_checks(const std::string& suite, NoisyGradientDescentRun run) {
  if (suite.empty()) throw std::invalid_argument("register_noisy_gradient_descent_checks: the suite name is empty");
  if (!run) throw std::invalid_argument("register_noisy_gradient_descent_checks: the NoisyGradientDescentRun is empty");
  const NoisyGradientDescentImplementation noisy_gd = adapted(std::make_shared<const NoisyGradientDescentRun>(std::move(run)));
  add_test(suite, "NoiseIsUniformOnTheSphereOfRadiusR", [=] {
    check_property({suite + "/noise-law/noisy-gd-sphere", std::string(noise_law::name), PropertyKind::statistical, 5},
                   [=] { noisy_gd_noise_case(noisy_gd); });
  });
  add_test(suite, "EscapesAStrictSaddleToAnEpsSecondOrderPoint", [=] {
    check_property({suite + "/noisy-gd/escapes-to-eps-sosp", std::string(kNoisyGdEscapeTheorem),
                    PropertyKind::statistical, 2},
                   [=] { noisy_gd_escape_case(noisy_gd); });
  });
  return true;
}

}  // namespace gdcheck

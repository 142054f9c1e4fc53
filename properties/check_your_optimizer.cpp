#include "properties/check_your_optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
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
#include "properties/langevin_cases.hpp"
#include "properties/noisy_gd_cases.hpp"
#include "properties/objective_generators.hpp"
#include "properties/pgd_cases.hpp"
#include "properties/sgd_cases.hpp"
#include "properties/property.hpp"
#include "theorems/descent_lemma.hpp"
#include "theorems/gradient_map.hpp"
#include "theorems/langevin_sampling.hpp"
#include "theorems/noise_law.hpp"
#include "theorems/perturbed_gd_budget.hpp"
#include "theorems/pgd_episode_rules.hpp"
#include "theorems/sgd_batch_law.hpp"

namespace gdcheck {
namespace {

constexpr long kSteps = 200;

std::vector<double> to_std(const Vector<double>& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

// A vector from the user's code as an argument of the objective, its size checked; `call` names the callback.
Vector<double> argument(const std::vector<double>& x, int d, const std::string& call) {
  if (static_cast<int>(x.size()) != d) {
    throw std::invalid_argument(call + " was given a vector of " + std::to_string(x.size()) +
                                " entries; the objective has dimension " + std::to_string(d));
  }
  return Eigen::Map<const Vector<double>>(x.data(), d);
}

// The objective as the user's code sees it: plain vectors, sizes checked.
GradientOracle oracle_of(const AnyObjective<double>& f) {
  const int d = f.dimension();
  GradientOracle oracle;
  oracle.dimension = d;
  oracle.value = [&f, d](const std::vector<double>& x) { return f.value(argument(x, d, "GradientOracle::value")); };
  oracle.gradient = [&f, d](const std::vector<double>& x) {
    Vector<double> g;
    f.gradient(argument(x, d, "GradientOracle::gradient"), g);
    return to_std(g);
  };
  return oracle;
}

// The finite sum as the user's SGD sees it: sizes and component indices checked.
FiniteSumOracle oracle_of(const LeastSquares<double>& f) {
  const int d = f.dimension(), m = f.components();
  FiniteSumOracle oracle;
  oracle.dimension = d;
  oracle.components = m;
  const auto component_of = [m](int i, const std::string& call) {
    if (i < 0 || i >= m) {
      throw std::invalid_argument(call + " was given component " + std::to_string(i) + "; the sum has components 0.." +
                                  std::to_string(m - 1));
    }
    return i;
  };
  const auto evaluate = [&f, d, component_of](int i, const std::vector<double>& x, const std::string& call) {
    Vector<double> g;
    const double value = f.component_value_and_gradient(component_of(i, call), argument(x, d, call), g);
    return std::make_pair(value, g);
  };
  oracle.component_value = [evaluate](int i, const std::vector<double>& x) {
    return evaluate(i, x, "FiniteSumOracle::component_value").first;
  };
  oracle.component_gradient = [evaluate](int i, const std::vector<double>& x) {
    return to_std(evaluate(i, x, "FiniteSumOracle::component_gradient").second);
  };
  return oracle;
}

// `x` has the objective's dimension and finite entries (a run that overflowed
// or divided by zero is reported as such, not judged); `what` names it in the error.
void require_entries(const std::vector<double>& x, int d, const std::string& what) {
  if (static_cast<int>(x.size()) != d) {
    throw std::invalid_argument(what + " has " + std::to_string(x.size()) + " entries; the start has " +
                                std::to_string(d));
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      throw std::invalid_argument(what + " has a non-finite entry (entry " + std::to_string(i) + " is " +
                                  describe_value(x[i]) + ")");
    }
  }
}

// The user's iterates: at least x_0, each as require_entries demands;
// `run_type` names the user's callback in the errors.
void require_iterates(const std::vector<std::vector<double>>& iterates, int d, const std::string& run_type) {
  if (iterates.empty()) throw std::invalid_argument("the " + run_type + " returned no iterates (x_0 at least)");
  for (std::size_t t = 0; t < iterates.size(); ++t) {
    require_entries(iterates[t], d, "the " + run_type + " returned iterate x_" + std::to_string(t) + ", which");
  }
}

// x0 in `precision`: rounded to nearest float for a run in float (the start it is handed).
Vector<double> in_precision(const Vector<double>& x0, Precision precision) {
  if (precision == Precision::float64) return x0;
  return x0.cast<float>().cast<double>();
}

// A step in `precision`: for a run in float the largest float <= step, so
// that alpha < 2/L stays true.
double step_in_precision(double step, Precision precision) {
  if (precision == Precision::float64) return step;
  float rounded = static_cast<float>(step);
  if (static_cast<double>(rounded) > step) rounded = std::nextafter(rounded, 0.0f);
  return rounded;
}

// The user's run starts where it was told: x_0 is x0, bit for bit. A run
// that declared double but returns x0 rounded to float is told that its
// arithmetic is float's.
void require_start(const std::vector<double>& x_0, const Vector<double>& x0, Precision declared,
                   const std::string& run_type) {
  const auto start = Eigen::Map<const Vector<double>>(x_0.data(), x0.size());
  if (start == x0) return;
  Eigen::Index i = 0;
  (start - x0).cwiseAbs().maxCoeff(&i);
  std::string text = "the " + run_type + " returned x_0 with entry " + std::to_string(i) + " = " +
                     describe_value(start(i)) + ", but the start it was given has " + describe_value(x0(i)) +
                     ": x_0 must be the start";
  if (declared == Precision::float64 && start == in_precision(x0, Precision::float32)) {
    text += "; x_0 is the start rounded to float, so your run computes in float: declare it in the adapter "
            "(static constexpr gdcheck::Precision precision = gdcheck::Precision::float32;)";
  }
  throw std::runtime_error(text);
}

// The user's iterates shown to the suite's observer, each with f's value and
// gradient, as the library's optimizers show theirs; `run_type` names the
// user's callback in the errors about the iterates' shape. Without an
// observer (`observed` false) f is evaluated at the last iterate only, for
// the result: a run whose caller needs only its end costs no extra oracle calls.
template <Objective F, class Observer>
RunResult<double> replay(const F& f, const Vector<double>& x0,
                         const std::vector<std::vector<double>>& iterates, long max_iterations, Observer&& observer,
                         const std::string& run_type, bool observed = true,
                         Precision declared = Precision::float64) {
  const int d = f.dimension();
  require_iterates(iterates, d, run_type);
  require_start(iterates.front(), x0, declared, run_type);
  const std::size_t last = iterates.size() - 1;
  RunResult<double> result{RunStatus::budget_spent, x0, 0, 0, static_cast<long>(last)};
  for (std::size_t t = observed ? 0 : last; t <= last; ++t) {
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

// A float run whose next iterate overflows left float's range (2^128), as
// the exact map from a float iterate can: x_{t+1} = x_t - alpha g grows like
// (1 + alpha |lambda|)^t on negative curvature, past 2^128 within 200 steps
// where double's 2^1024 is not reached. Out of range is not a rounding
// question, so the run is judged up to its last finite iterate -- when the
// overflow is genuine: some entry of g, alpha g or x - alpha g (computed in
// double from the double gradient, whose error it adds) is within float's
// rounding (gamma_3, as in step_rounding_error) of float's largest number.
void end_at_genuine_overflow(const AnyObjective<double>& f, double step, std::vector<std::vector<double>>& iterates) {
  const auto finite = [](const std::vector<double>& x) {
    return std::all_of(x.begin(), x.end(), [](double v) { return std::isfinite(v); });
  };
  const auto first_overflow = std::find_if_not(iterates.begin(), iterates.end(), finite);
  if (first_overflow == iterates.begin() || first_overflow == iterates.end()) return;
  const auto& last = *std::prev(first_overflow);
  if (static_cast<int>(last.size()) != f.dimension()) return;  // require_iterates reports it
  const Vector<double> x = Eigen::Map<const Vector<double>>(last.data(), f.dimension());
  Vector<double> g;
  f.gradient(x, g);
  const double error = f.gradient_rounding_error(x);
  const double largest = (1 + static_cast<double>(rounding_gamma<float>(3))) *
                         (std::max({g.cwiseAbs().maxCoeff(), step * g.cwiseAbs().maxCoeff(),
                                    Vector<double>(x - step * g).cwiseAbs().maxCoeff()}) +
                          (1 + step) * error);
  if (largest >= static_cast<double>(std::numeric_limits<float>::max())) {
    iterates.erase(first_overflow, iterates.end());
  }
}

// The user's GD as an optimizer of the suite's run checks
// (descent_lemma::check_run, whose GD-step claim reads `precision`); keeps
// the run's iterates in *iterates, for the failure message.
struct AdaptedGradientDescent {
  const GradientDescentRun* run;
  Precision precision;
  std::vector<std::vector<double>>* iterates;

  template <class Observer>
  RunResult<double> operator()(const AnyObjective<double>& f, const Vector<double>& x0,
                               const GradientDescentOptions<double>& options, Observer&& observer) const {
    *iterates = (*run)(oracle_of(f), to_std(x0), options.step, options.max_iterations);
    if (precision == Precision::float32) end_at_genuine_overflow(f, options.step, *iterates);
    return replay(f, x0, *iterates, options.max_iterations, observer, "GradientDescentRun", true, precision);
  }
};

// For a GD-step violation at step t of a run declared double: whether x_{t+1}
// is within float's rounding of the step, and then what to tell the user.
std::string float_hint(ObjectiveLadder& ladder, const std::vector<std::vector<double>>& iterates, long t,
                       double step) {
  if (t < 0 || t + 1 >= static_cast<long>(iterates.size())) return "";
  const auto& f = ladder.at<double>();
  const int d = f.dimension();
  const Vector<double> x = Eigen::Map<const Vector<double>>(iterates[t].data(), d);
  const Vector<double> next = Eigen::Map<const Vector<double>>(iterates[t + 1].data(), d);
  Vector<double> g;
  f.gradient(x, g);
  double reference_error = 0;
  const double distance = bound_norm(Vector<double>(next - gradient_map(f, x, step, &reference_error)));
  const double in_float = step_rounding_error(f, x, g, step, Precision::float32) + reference_error;
  if (distance > in_float + rounding_bound<double>(d + 2.0, distance)) return "";
  return "; x_" + std::to_string(t + 1) + " is within float's rounding of the step (" + describe_value(in_float) +
         "), so your GD computes in float: declare it in the adapter "
         "(static constexpr gdcheck::Precision precision = gdcheck::Precision::float32;)";
}

// The user's noisy GD as an implementation of the suite's noisy-GD cases.
NoisyGradientDescentImplementation adapted(std::shared_ptr<const NoisyGradientDescentRun> run) {
  return [run](const AnyObjective<double>& f, const Vector<double>& x0, const NoisyGradientDescentOptions<double>& o,
               const std::function<void(const Iterate<double>&)>& observer) {
    const auto iterates = (*run)(oracle_of(f), to_std(x0), o.step, o.noise_radius, o.max_iterations, o.seed);
    return replay(f, x0, iterates, o.max_iterations, observer, "NoisyGradientDescentRun", static_cast<bool>(observer));
  };
}

// The user's SGD as an implementation of the suite's SGD case.
StochasticGradientDescentImplementation adapted(std::shared_ptr<const StochasticGradientDescentRun> run) {
  return [run](const LeastSquares<double>& f, const Vector<double>& x0,
               const StochasticGradientDescentOptions<double>& o,
               const std::function<void(const Iterate<double>&)>& observer) {
    const StochasticGradientDescentSettings settings{o.step, o.batch_size,
                                                     o.sampling == BatchSampling::with_replacement, o.max_iterations,
                                                     o.seed};
    const auto iterates = (*run)(oracle_of(f), to_std(x0), settings);
    return replay(f, x0, iterates, o.max_iterations, observer, "StochasticGradientDescentRun",
                  static_cast<bool>(observer));
  };
}

// The user's sampler as an implementation of the suite's Langevin cases;
// `adjusted`: registered as MALA (true) or ULA.
LangevinImplementation adapted(std::shared_ptr<const LangevinSamplerRun> run, bool adjusted) {
  return [run, adjusted](const AnyObjective<double>& f, const Vector<double>& x0, const LangevinOptions<double>& o,
                         const std::function<void(const Iterate<double>&)>& observer) {
    if (o.metropolis_adjusted != adjusted) {
      throw std::logic_error("a case asked a registered " + std::string(adjusted ? "MALA" : "ULA") + " for " +
                             (o.metropolis_adjusted ? "MALA" : "ULA"));
    }
    const LangevinSettings settings{o.step, o.temperature, o.max_iterations, o.seed};
    const auto states = (*run)(oracle_of(f), to_std(x0), settings);
    LangevinRun<double> out{replay(f, x0, states, o.max_iterations, observer, "LangevinSamplerRun",
                                   static_cast<bool>(observer)),
                            0};
    for (std::size_t t = 1; t < states.size(); ++t) out.accepted += states[t] != states[t - 1];
    return out;
  };
}

// The user's SGLD as an implementation of the suite's SGLD case (exact gradients only).
StochasticGradientLangevinImplementation adapted(std::shared_ptr<const StochasticGradientLangevinRun> run) {
  return [run](const AnyObjective<double>& f, const Vector<double>& x0, const StochasticGradientLangevinOptions& o,
               const std::function<void(const Iterate<double>&)>& observer) {
    if (o.gradient_noise_second_moment != 0) {
      throw std::logic_error("a user's SGLD gets exact gradients; no case may ask for oracle noise");
    }
    const StochasticGradientLangevinSettings settings{o.schedule == LangevinSchedule::gelfand_mitter, o.step, o.noise,
                                                      o.first_time, o.max_iterations, o.seed};
    const auto iterates = (*run)(oracle_of(f), to_std(x0), settings);
    return replay(f, x0, iterates, o.max_iterations, observer, "StochasticGradientLangevinRun",
                  static_cast<bool>(observer));
  };
}

// The user's PGD run read back as the library's run result: the steps it
// perturbed at (reported, or where an iterate leaves the gradient step beyond
// both steps' rounding), each episode's x~ (the gradient step from the
// previous iterate, recomputed here, or the start), and the returned point.
// A step that is neither a gradient step nor a perturbation, by the report,
// and a return of anything but x~, are failures of the user's PGD (thrown,
// with the claim); a malformed trace is an std::invalid_argument.
PerturbedRunResult<double> replay_pgd(const AnyObjective<double>& f, const Vector<double>& x0, double step,
                                      const PerturbedGradientDescentTrace& trace,
                                      const std::function<void(const Iterate<double>&)>& observer) {
  const std::string run_type = "PerturbedGradientDescentRun";
  const int d = f.dimension();
  require_iterates(trace.iterates, d, run_type);
  const std::size_t n = trace.iterates.size();
  std::vector<Vector<double>> xs(n), gs(n), before(n);
  std::vector<double> values(n), apart(n, 0.0);
  std::vector<char> jumped(n, 0);
  for (std::size_t t = 0; t < n; ++t) {
    xs[t] = Eigen::Map<const Vector<double>>(trace.iterates[t].data(), d);
    values[t] = f.value_and_gradient(xs[t], gs[t]);
  }
  std::vector<double> distance(n, 0.0);  // of x_t from the recomputed gradient step
  before[0] = x0;
  jumped[0] = xs[0] != x0;
  double reconstruction = 0;
  for (std::size_t t = 1; t < n; ++t) {
    double reference_error = 0;
    before[t] = gradient_map(f, xs[t - 1], step, &reference_error);
    // The user's step and this one are each within their rounding of the exact step.
    apart[t] = step_rounding_error(f, xs[t - 1], gs[t - 1], step) + reference_error;
    distance[t] = bound_norm(Vector<double>(xs[t] - before[t]));
    jumped[t] = distance[t] > apart[t] + rounding_bound<double>(d + 2.0, distance[t]);
    reconstruction = std::max(reconstruction, apart[t]);
  }
  if (trace.perturbation_times) {
    std::vector<char> reported(n, 0);
    for (const long t : *trace.perturbation_times) {
      if (t < 0 || t >= static_cast<long>(n)) {
        throw std::invalid_argument("the " + run_type + " reported a perturbation at step " + std::to_string(t) +
                                    "; its iterates are x_0..x_" + std::to_string(n - 1));
      }
      reported[t] = 1;
    }
    for (std::size_t t = 0; t < n; ++t) {
      if (jumped[t] && !reported[t]) {
        const std::string previous = std::to_string(t - 1);
        throw std::runtime_error(
            "your PGD broke the gradient step at step " + std::to_string(t) + ": " +
            (t == 0 ? std::string("x_0 is not the start")
                    : "x_" + std::to_string(t) + " is " + describe_value(distance[t]) + " away from x_" + previous +
                          " - eta grad f(x_" + previous + ") (rounding allows " + describe_value(apart[t]) + ")") +
            ", and it reported no perturbation there");
      }
      if (reported[t] && !jumped[t]) {
        throw std::runtime_error("your PGD reported a perturbation at step " + std::to_string(t) + ", but x_" +
                                 std::to_string(t) + " is " + (t == 0 ? "the start" : "the gradient step") +
                                 " within rounding: no noise was added");
      }
    }
  }
  const bool returned = trace.returned.has_value();
  const std::size_t last = n - 1;
  PerturbedRunResult<double> out{{RunStatus::budget_spent, xs[last], values[last], scaled_norm(gs[last]),
                                  static_cast<long>(last)},
                                 {},
                                 reconstruction};
  for (std::size_t t = 0; t < n; ++t) {
    if (jumped[t]) out.episodes.push_back({static_cast<long>(t), before[t], f.value(before[t]), values[t], false});
  }
  if (returned) {
    require_entries(*trace.returned, d, "the point the " + run_type + " returned");
    const Vector<double> x = Eigen::Map<const Vector<double>>(trace.returned->data(), d);
    if (out.episodes.empty() || out.episodes.back().start == static_cast<long>(last)) {
      throw std::runtime_error("your PGD returned at step " + std::to_string(last) +
                               (out.episodes.empty() ? " without any perturbation" : ", the step it perturbed at") +
                               " (Algorithm 2 returns only t_thres steps after a perturbation)");
    }
    auto& episode = out.episodes.back();
    const double distance = bound_norm(Vector<double>(x - episode.x_tilde));
    if (distance > apart[episode.start] + rounding_bound<double>(d + 2.0, distance)) {
      throw std::runtime_error("your PGD returned a point " + describe_value(distance) +
                               " away from x~, the point before its last perturbation (step " +
                               std::to_string(episode.start) + "): Algorithm 2 returns x~");
    }
    episode.x_tilde = x;  // the user's own x~, within rounding of the recomputed one
    episode.value_before = f.value(x);
    episode.returned = true;
    Vector<double> g;
    out.run = {RunStatus::converged, x, f.value_and_gradient(x, g), 0, static_cast<long>(last)};
    out.run.gradient_norm = scaled_norm(g);
  }
  if (observer) {
    // A returning run's last iterate is where it decided to return: no step is taken from it.
    for (std::size_t t = 0; t < (returned ? last : n); ++t) {
      observer(Iterate<double>{static_cast<long>(t), xs[t], values[t], gs[t]});
    }
  }
  return out;
}

// The user's PGD as an implementation of the suite's PGD cases.
PerturbedGradientDescentImplementation adapted(std::shared_ptr<const PerturbedGradientDescentRun> run) {
  return [run](const AnyObjective<double>& f, const Vector<double>& x0,
               const PerturbedGradientDescentOptions<double>& o,
               const std::function<void(const Iterate<double>&)>& observer) {
    if (!o.return_after_unproductive_episode) {
      throw std::logic_error("a user's PGD always returns after an unproductive episode; no case may turn that off");
    }
    const auto& k = o.constants;
    const PerturbedGradientDescentSettings settings{k.step,
                                                    k.radius,
                                                    k.gradient_threshold,
                                                    k.function_threshold,
                                                    k.time_threshold_steps(),
                                                    o.max_iterations,
                                                    o.seed};
    return replay_pgd(f, x0, k.step, (*run)(oracle_of(f), to_std(x0), settings), observer);
  };
}

// start_exponent: the start is 2^start_exponent times a generated one
// (exact), then rounded to the run's precision, as is the step.
template <template <class> class Family, class Spec>
void check_family(const GradientDescentRun& run, Precision precision, const Spec& spec, int start_exponent = 0) {
  InstanceLadder<Family, Spec> ladder(spec);
  const auto start = *gen::start_point();
  const double fraction = *rc::gen::oneOf(gen::log_uniform(1e-6, 1.0), gen::near_below(1.0, 1e-16, 1e-2));
  const double step = step_in_precision(step_by_two_over_l(ladder, fraction), precision);
  const int d = ladder.template at<double>().dimension();
  const Vector<double> x0 = in_precision(std::ldexp(1.0, start_exponent) * start.realize(d), precision);
  std::vector<std::vector<double>> iterates;
  const auto check =
      descent_lemma::check_run(ladder, x0, step, kSteps, AdaptedGradientDescent{&run, precision, &iterates});
  property_log().ratio(check.worst_ratio);
  property_log().escalations(check.escalated_checks);
  if (!check.violation) return;
  std::ostringstream text;
  text << "your gradient descent broke the " << check.violated_claim << " at step " << check.violation_step
       << " (alpha = " << describe_value(step) << ", alpha L = " << describe_value(step * lipschitz_of(ladder))
       << ", computed in " << precision_name(precision) << "): " << check.violation->describe();
  if (precision == Precision::float64 && check.violated_claim == "GD step") {
    text << float_hint(ladder, iterates, check.violation_step, step);
  }
  text << "; instance ";
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

// The user's run, shared by the registered tests; `function` and `run_type`
// name the call and the callback in the errors.
template <class Run>
std::shared_ptr<const Run> registered_run(const char* function, const std::string& suite, Run run,
                                          const char* run_type) {
  if (suite.empty()) throw std::invalid_argument(std::string(function) + ": the suite name is empty");
  if (!run) throw std::invalid_argument(std::string(function) + ": the " + run_type + " is empty");
  return std::make_shared<const Run>(std::move(run));
}

}  // namespace

bool register_gradient_descent_checks(const std::string& suite, GradientDescentRun run, Precision precision) {
  const auto shared =
      registered_run("register_gradient_descent_checks", suite, std::move(run), "GradientDescentRun");
  if (precision != Precision::float32 && precision != Precision::float64) {
    throw std::invalid_argument("register_gradient_descent_checks: the precision is neither float32 nor float64 (" +
                                std::to_string(static_cast<int>(precision)) + ")");
  }
  const std::string theorem(descent_lemma::name);
  add_test(suite, "DescentLemmaAndGradientMapOnRandomQuadratics", [=] {
    check_property({suite + "/descent-lemma/random-quadratics", theorem, PropertyKind::holds},
                   [=] { check_family<Quadratic>(*shared, precision, *gen::quadratic()); });
  });
  add_test(suite, "DescentLemmaOnTheOneDimensionalClass", [=] {
    check_property({suite + "/descent-lemma/c11-one-dimensional", theorem, PropertyKind::holds},
                   [=] { check_family<PiecewiseCurvature>(*shared, precision, *gen::piecewise_curvature()); });
  });
  add_test(suite, "DescentLemmaOnSeparableWells", [=] {
    check_property({suite + "/descent-lemma/separable-wells", theorem, PropertyKind::holds}, [=] {
      check_family<SeparableWells>(*shared, precision, *gen::separable_wells({.tilted = true}));
    });
  });
  add_test(suite, "DescentLemmaAtEveryScale", [=] {
    check_property({suite + "/descent-lemma/every-scale", theorem, PropertyKind::holds}, [=] {
      const auto spec = *gen::scaled_separable_wells(precision);
      check_family<gen::ScaledWells::Of>(*shared, precision, spec, spec.argument_exponent);
    });
  });
  return true;
}

bool register_noisy_gradient_descent_checks(const std::string& suite, NoisyGradientDescentRun run) {
  const NoisyGradientDescentImplementation noisy_gd =
      adapted(registered_run("register_noisy_gradient_descent_checks", suite, std::move(run),
                             "NoisyGradientDescentRun"));
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

bool register_perturbed_gradient_descent_checks(const std::string& suite, PerturbedGradientDescentRun run) {
  const PerturbedGradientDescentImplementation pgd =
      adapted(registered_run("register_perturbed_gradient_descent_checks", suite, std::move(run),
                             "PerturbedGradientDescentRun"));
  add_test(suite, "FollowsTheEpisodeRulesOfAlgorithm2", [=] {
    EpisodeRuleTally tally;
    check_property(
        {suite + "/pgd-episode-rules/every-run", std::string(pgd_episode_rules::name), PropertyKind::holds, 40},
        [=, &tally] { pgd_episode_rules_case(pgd, false, tally); });
  });
  add_test(suite, "PerturbationIsUniformInTheBallOfRadiusR", [=] {
    check_property({suite + "/noise-law/pgd-ball", std::string(noise_law::name), PropertyKind::statistical, 5},
                   [=] { pgd_ball_case(pgd); });
  });
  add_test(suite, "StopsWithinTheDeterministicBudget", [=] {
    long undecided = 0;
    check_property(
        {suite + "/pgd-budget/every-run", std::string(perturbed_gd_budget::name), PropertyKind::holds, 40},
        [=, &undecided] { pgd_budget_case_in_double(pgd, undecided); });
  });
  add_test(suite, "ReturnsAnEpsSecondOrderPointInAtLeastOneMinusDeltaOfRuns", [=] {
    check_property({suite + "/pgd-second-order/returns-eps-sosp", std::string(kPgdSecondOrderTheorem),
                    PropertyKind::statistical, 2},
                   [=] { pgd_second_order_case(pgd); });
  });
  return true;
}

bool register_stochastic_gradient_descent_checks(const std::string& suite, StochasticGradientDescentRun run) {
  const StochasticGradientDescentImplementation sgd =
      adapted(registered_run("register_stochastic_gradient_descent_checks", suite, std::move(run),
                             "StochasticGradientDescentRun"));
  add_test(suite, "EveryStepAveragesBUniformlyDrawnComponents", [=] {
    check_property({suite + "/sgd-batch-law/steps-and-index-law", std::string(sgd_batch_law::name),
                    PropertyKind::statistical, 3},
                   [=] { sgd_batch_law_case(sgd); });
  });
  return true;
}

bool register_unadjusted_langevin_checks(const std::string& suite, LangevinSamplerRun run) {
  const LangevinImplementation ula =
      adapted(registered_run("register_unadjusted_langevin_checks", suite, std::move(run),
                             "LangevinSamplerRun"), false);
  add_test(suite, "AddsGaussianNoiseOfScaleEpsSqrtAlpha", [=] {
    check_property({suite + "/noise-law/ula-gaussian", std::string(noise_law::name), PropertyKind::statistical, 5},
                   [=] { ula_gaussian_case(ula); });
  });
  return true;
}

bool register_metropolis_adjusted_langevin_checks(const std::string& suite, LangevinSamplerRun run) {
  const LangevinImplementation mala =
      adapted(registered_run("register_metropolis_adjusted_langevin_checks", suite, std::move(run),
                             "LangevinSamplerRun"), true);
  add_test(suite, "StartedFromTheGibbsLawStaysAtIt", [=] {
    check_property({suite + "/langevin/mala-keeps-gibbs", std::string(langevin_sampling::name),
                    PropertyKind::statistical, kGibbsCases},
                   [=] { mala_keeps_gibbs_case(mala); });
  });
  return true;
}

bool register_stochastic_gradient_langevin_checks(const std::string& suite, StochasticGradientLangevinRun run) {
  const StochasticGradientLangevinImplementation sgld =
      adapted(registered_run("register_stochastic_gradient_langevin_checks", suite, std::move(run),
                             "StochasticGradientLangevinRun"));
  add_test(suite, "AddsGaussianNoiseOfTheScheduledScale", [=] {
    check_property({suite + "/noise-law/sgld-gaussian", std::string(noise_law::name), PropertyKind::statistical, 5},
                   [=] { sgld_gaussian_case(sgld); });
  });
  return true;
}

}  // namespace gdcheck

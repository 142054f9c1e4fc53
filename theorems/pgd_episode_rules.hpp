// Algorithm 2's control rules, read from a PGD run (issue 15: "episode
// timing"). Jin et al. 2017, Algorithm 2 (theory.md section 5):
//   perturb at t  iff  ||grad f(x_t)|| <= g_thres  and  t - t_noise > t_thres;
//   at t = t_noise + t_thres, return x~ iff f(x_t) - f(x~) > -f_thres.
// The budget check (perturbed_gd_budget.hpp) bounds the run's length and the
// noise-law check the perturbation's law; neither sees a perturbation taken
// too early or at too large a gradient, one skipped, or a wrong return. This
// check replays the rules on the run's own iterates: the gradient before each
// perturbation (recomputed at the stored x~), the clock (t_thres rounded up
// here, from the real t_thres, as the library documents), and f at each
// episode's end (the observed iterate, or, when the run returned there, the
// step from the last observed one).
//
// Rounding: an implementation may compute ||g|| or the decrease differently
// (e.g. ||g||^2 against g_thres^2), so a comparison within its rounding,
// |  ||g|| - g_thres | <= gamma_{d+2} ||g|| or | f(x_t) - f(x~) + f_thres | <=
// 4u (|f(x_t)| + |f(x~)| + f_thres), is undecided: it is counted and not judged.
#pragma once

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/scalar/scalar_types.hpp"
#include "theorems/library_optimizers.hpp"

namespace gdcheck::pgd_episode_rules {

inline constexpr std::string_view name = "pgd-episode-rules";

struct Reading {
  long steps = 0, perturbations = 0, returns_checked = 0, undecided = 0;
  std::optional<std::string> violation;  // the first rule broken, with its step
  bool holds() const { return !violation; }
};

// A PGD run as its observer saw it: every iterate, gradient and value, and
// what the optimizer returned.
struct RecordedRun {
  std::vector<Vector<double>> xs, gs;
  std::vector<double> values;
  PerturbedRunResult<double> result;
};

// The rules judged on a recorded run of PGD with `options` on f.
template <Objective F>
Reading read_run(const F& f, const PerturbedGradientDescentOptions<double>& options, const RecordedRun& run);

// Runs `optimizer` (PGD) from x0 and judges its run. Only the recording is
// compiled per optimizer; the judging (read_run) once per objective type.
template <Objective F, class Optimizer = LibraryPerturbedGradientDescent>
Reading check_run(const F& f, const Vector<double>& x0, const PerturbedGradientDescentOptions<double>& options,
                  Optimizer&& optimizer = {}) {
  RecordedRun run;
  run.result = optimizer(f, x0, options, [&](const Iterate<double>& it) {
    run.xs.push_back(it.x);
    run.gs.push_back(it.gradient);
    run.values.push_back(it.value);
  });
  return read_run(f, options, run);
}

template <Objective F>
Reading read_run(const F& f, const PerturbedGradientDescentOptions<double>& options, const RecordedRun& run) {
  const auto& k = options.constants;
  const auto& [xs, gs, values, result] = run;
  Reading reading;
  const long t_thres = static_cast<long>(std::ceil(k.time_threshold));
  const double u = unit_roundoff<double>();  // relative parts; each tie zone adds its underflow units
  const double gamma = rounding_gamma<double>(static_cast<double>(f.dimension()) + 2);
  std::map<long, std::size_t> episode_at;
  for (std::size_t e = 0; e < result.episodes.size(); ++e) episode_at[result.episodes[e].start] = e;
  const auto fail = [&](long t, const std::string& what) {
    if (!reading.violation) reading.violation = "step " + std::to_string(t) + ": " + what;
  };
  // -1: below the threshold, +1: above, 0: within rounding of it.
  const auto side = [](double value, double threshold, double rounding) {
    return value - threshold > rounding ? 1 : threshold - value > rounding ? -1 : 0;
  };
  // A run read back from another implementation's iterates recomputes x~ and
  // the return step's point (reconstruction_error; 0 for the library's): f
  // there may differ from f at that implementation's own point by up to
  // ||grad f|| e + l e^2/2, and ||grad f|| by up to l e.
  const double reconstruction = result.reconstruction_error;
  const double lipschitz = reconstruction > 0 ? f.gradient_lipschitz()->value : 0.0;
  const auto value_shift = [&](const Vector<double>& y) {
    if (reconstruction == 0) return 0.0;
    Vector<double> g;
    f.gradient(y, g);
    return (bound_norm(g) + lipschitz * reconstruction / 2) * reconstruction;
  };
  const bool returned = !result.episodes.empty() && result.episodes.back().returned;
  const long last = static_cast<long>(xs.size()) - 1 + (returned ? 1 : 0);  // the return step is not observed
  long t_noise = -t_thres - 1;
  for (long t = 0; t <= last; ++t) {
    ++reading.steps;
    const bool observed = t < static_cast<long>(xs.size());
    // The rule at the end of the latest episode.
    if (options.return_after_unproductive_episode && t_noise >= 0 && t - t_noise == t_thres) {
      const auto& episode = result.episodes[episode_at.at(t_noise)];
      const Vector<double> end = observed ? xs[t] : Vector<double>(xs[t - 1] - k.step * gs[t - 1]);
      const double value = observed ? values[t] : f.value(end);
      const double decrease = value - episode.value_before;
      const double shift = (observed ? 0.0 : value_shift(end)) + value_shift(episode.x_tilde);
      const int s = side(decrease, -k.function_threshold,
                         4 * u * (std::abs(value) + std::abs(episode.value_before) + k.function_threshold) +
                             underflow_bound<double>(4) + shift);
      ++reading.returns_checked;
      if (s == 0) {
        ++reading.undecided;
      } else if (s > 0 && observed) {
        fail(t, "f(x_t) - f(x~) = " + std::to_string(decrease) + " > -f_thres = " + std::to_string(-k.function_threshold) +
                    " at the episode's end, yet the run went on (Algorithm 2 returns x~)");
      } else if (s < 0 && !observed) {
        fail(t, "the run returned at the episode's end although f decreased by " + std::to_string(-decrease) +
                    " >= f_thres = " + std::to_string(k.function_threshold));
      }
    }
    if (!observed) {
      if (!returned || t_noise < 0 || t - t_noise != t_thres) fail(t, "the run returned outside an episode's end");
      if (result.run.x != result.episodes.back().x_tilde) fail(t, "the run returned a point other than x~");
      break;
    }
    // The perturbation rule, on the gradient before any perturbation at t.
    const auto episode = episode_at.find(t);
    Vector<double> g_before = gs[t];
    if (episode != episode_at.end()) f.value_and_gradient(result.episodes[episode->second].x_tilde, g_before);
    const double norm = bound_norm(g_before);  // Eigen's norm() underflows for tiny gradients
    const double moved = episode != episode_at.end() ? lipschitz * reconstruction : 0.0;
    const int small =
        side(norm, k.gradient_threshold, gamma * norm + underflow_bound<double>(f.dimension() + 2.0) + moved);
    const bool clock_allows = t - t_noise > t_thres;
    if (episode != episode_at.end()) {
      ++reading.perturbations;
      if (!clock_allows) {
        fail(t, "perturbed " + std::to_string(t - t_noise) + " steps after the last perturbation (t_thres = " +
                    std::to_string(t_thres) + ")");
      }
      if (small > 0) {
        fail(t, "perturbed at ||grad f|| = " + std::to_string(norm) + " > g_thres = " +
                    std::to_string(k.gradient_threshold));
      }
      if (small == 0) ++reading.undecided;
      t_noise = t;
    } else if (clock_allows && small < 0) {
      fail(t, "no perturbation although ||grad f|| = " + std::to_string(norm) + " <= g_thres = " +
                  std::to_string(k.gradient_threshold) + " and the last one was more than t_thres steps ago");
    } else if (clock_allows && small == 0) {
      ++reading.undecided;
    }
  }
  if (episode_at.size() != result.episodes.size()) reading.violation = "two perturbations recorded at one step";
  return reading;
}

}  // namespace gdcheck::pgd_episode_rules

// GD can take exponential time to escape saddles: its passage through the
// octopus's chain of d saddles (lib/objectives/octopus.hpp).
//
// Source: Du, Jin, Lee, Jordan, Poczos, Singh 2017 (arXiv 1705.10412),
// Theorem 4.1 (GD from a uniform start needs e^{Omega(d)} steps) and
// Section 5 (perturbed GD needs poly(d)); theory.md section 3.
//
// The rate behind it, with eta = 1/(4L): near saddle i the escaping
// coordinate grows by 1 + 2 eta gamma per step while every later coordinate
// shrinks by 1 - 2 eta L = 1/2. So saddle i+1 starts about
// (sum of the earlier times) log 2 below the scale it must grow back from,
// and its escape takes about kappa (T_1 + ... + T_i) steps, with
//   kappa = log(1 / (1 - 2 eta L)) / log(1 + 2 eta gamma):
// the per-saddle times grow by a factor approaching 1 + kappa, and the total
// grows exponentially in d. [M] for the constants: Du et al. state the
// e^{Omega(d)} shape; 1 + kappa is this linearisation, reported beside the
// measured factors rather than asserted.
#pragma once

#include <cmath>
#include <string_view>
#include <vector>

#include "lib/objectives/octopus.hpp"
#include "lib/optimizers/run_result.hpp"

namespace gdcheck::octopus_traversal {

inline constexpr std::string_view name = "gd-exponential-time-on-the-octopus";
inline constexpr std::string_view statement =
    "octopus (Du et al. 2017), eta = 1/(4L): GD's time per saddle grows geometrically, its total e^{Omega(d)}; "
    "perturbed GD's total poly(d)";

inline double predicted_growth_factor(double step, double curvature, double gamma) {
  return 1 + std::log(1 / (1 - 2 * step * curvature)) / std::log(1 + 2 * step * gamma);
}

// What one run through the octopus did.
struct Traversal {
  std::vector<long> steps_at_saddle;  // iterates whose first small index is i (i < d)
  long steps_to_minimum = -1;         // first t with every |x_j| > 2 tau (the minimum's quadratic region); -1: not reached
  long first_step_outside_domain = -1;  // -1: stayed inside the construction's domain
};

// An observer for any optimizer: records the traversal and asks to stop once
// the minimum's region is reached.
template <Scalar S>
class TraversalRecorder {
 public:
  explicit TraversalRecorder(const Octopus<S>& f) : f_(f) { traversal_.steps_at_saddle.assign(f.dimension(), 0); }

  bool operator()(const Iterate<S>& it) {
    if (traversal_.first_step_outside_domain < 0 && !f_.in_domain(it.x)) traversal_.first_step_outside_domain = it.t;
    const int i = f_.first_small(it.x);
    if (i == f_.dimension()) {
      traversal_.steps_to_minimum = it.t;
      return true;
    }
    ++traversal_.steps_at_saddle[i];
    return false;
  }

  const Traversal& traversal() const { return traversal_; }

 private:
  const Octopus<S>& f_;
  Traversal traversal_;
};

}  // namespace gdcheck::octopus_traversal

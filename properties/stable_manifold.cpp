// Properties of the stable manifold of a critical point (theorems/stable_manifold.hpp).
#include <cmath>
#include <sstream>
#include <string>

#include "lib/objectives/quadratic.hpp"
#include "properties/family_steps.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "theorems/precision_ladder.hpp"
#include "theorems/stable_manifold.hpp"

namespace gdcheck {
namespace {

std::string theorem() { return std::string(stable_manifold::name); }

// Every listed critical point of the instance, each count decided on the
// precision ladder (the critical points are listed again in each precision).
template <template <class> class Family, class Spec>
void counts_agree(const Spec& spec) {
  InstanceLadder<Family, Spec> ladder(spec);
  const double step = step_below_one_over_l(ladder, *gen::log_uniform(1e-3, 1.0));
  const std::size_t points = ladder.template at<double>().critical_points().size();
  for (std::size_t i = 0; i < points; ++i) {
    stable_manifold::DimensionCount count;
    const Verdict verdict = decide_on_ladder([&](auto type) {
      using S = typename decltype(type)::type;
      const auto& f = ladder.template at<S>();
      count = stable_manifold::count_stable_dimension(f, f.critical_points()[i], S(step));
      return count.verdict;
    });
    property_log().escalations(verdict.escalations);
    if (!verdict.passes()) {
      std::ostringstream text;
      text << "critical point " << i << ": " << count.stable << " eigenvalues of Dg with |mu| <= 1, but "
           << count.non_negative << " Hessian eigenvalues >= 0 (" << count.negative << " negative); alpha = "
           << describe_value(step) << ", instance ";
      showValue(spec, text);
      RC_FAIL(text.str());
    }
  }
}

TEST(StableManifoldDimension_Holds, CountsAgreeAtEveryListedCriticalPoint) {
  check_property({"stable-manifold/dimension-count", theorem(), PropertyKind::holds, 50}, [] {
    switch (*gen::integer(0, 2)) {
      case 0: return counts_agree<SeparableWells>(*gen::separable_wells({.max_dimension = 6, .max_double_wells = 3}));
      case 1: return counts_agree<Quadratic>(*gen::quadratic({.max_dimension = 10, .max_condition = 1e3}));
      default: return counts_agree<Octopus>(*gen::octopus(5));
    }
  });
}

// The dynamic side: a start on the stable set of the origin saddle, v in the
// span of the non-negative-curvature eigenvectors, converges to it at 100
// digits. Derivation of the bound judged: the stable coordinates contract by
// 1 - alpha lambda_+ per step at least (h'' >= c - s = lambda_+ on a convex
// piece, and alpha h'' <= alpha L < 1), so after T steps they are below
// ||v|| (1 - alpha lambda_+)^T; the unstable coordinates start at 0 and only
// rounding moves them: each step adds at most e (step_rounding_error), which
// grows by at most G = 1 + alpha |lambda_-| per step, so they stay below
// sqrt(k) e G^T / (G - 1). T is the first step at which the first term is
// below 1e-20.
TEST(StableManifoldDimension_HighPrecision, StartsOnTheStableSetConvergeToTheSaddleAt100Digits) {
  check_property({"stable-manifold/stable-set-converges-100-digits", theorem(), PropertyKind::holds, 30}, [] {
    const SeparableWellsSpec spec = *gen::origin_saddle_wells(2, 6, true);
    using S = Decimal100;
    const SeparableWells<S> f(spec);
    const S alpha = S(*gen::uniform(0.3, 0.95)) / f.gradient_lipschitz()->value;
    const int d = spec.dimension();
    S contraction = 0, growth = 1;
    int wells = 0;
    for (int i = 0; i < d; ++i) {
      const S lambda = f.pieces()[i].curvature - f.pieces()[i].depth;  // h''(0)
      if (lambda < 0) {
        ++wells;
        growth = std::max(growth, 1 - alpha * lambda);
      } else {
        contraction = std::max(contraction, 1 - alpha * lambda);
      }
    }
    Rng rng(*gen::seed());
    Vector<S> coordinates = Vector<S>::Zero(d);
    for (int i = wells; i < d; ++i) coordinates(i) = S(rng.normal());
    coordinates *= S(*gen::log_uniform(1e-3, 1.0)) / coordinates.norm();
    const S start_norm = coordinates.norm();
    const Vector<S> x0 = f.rotation() * coordinates;
    using std::ceil;
    using std::log;
    const long steps = static_cast<long>(ceil(log(S(1e-20) / start_norm) / log(contraction)));
    Vector<S> x = x0;
    S max_error = 0;
    for (long t = 0; t < steps; ++t) {
      S error = 0;
      x = gradient_map(f, x, alpha, &error);
      max_error = std::max(max_error, error);
    }
    using std::pow;
    using std::sqrt;
    const S bound = start_norm * pow(contraction, steps) +
                    sqrt(S(wells)) * max_error * pow(growth, steps) / (growth - 1);
    RC_ASSERT(bound <= S(2e-20));  // what the construction's rates guarantee
    const Verdict verdict = judge(bound_norm(x), bound, rounding_bound<S>(d + 2.0, bound_norm(x)));
    property_log().ratio(verdict.ratio());
    if (!verdict.passes()) {
      std::ostringstream text;
      text << "after " << steps << " steps from ||v|| = " << static_cast<double>(start_norm)
           << " on the stable set: " << verdict.describe() << "; instance ";
      showValue(spec, text);
      RC_FAIL(text.str());
    }
  });
}

}  // namespace
}  // namespace gdcheck

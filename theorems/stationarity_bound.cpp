#include "theorems/stationarity_bound.hpp"

namespace gdcheck::stationarity_bound {

Verdict check_run(ObjectiveLadder& ladder, const Vector<double>& x0, double step, long steps, const Claim& claim) {
  return decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    return check_run_in(ladder.at<S>(), convert<S>(x0), S(step), steps, claim);
  });
}

}  // namespace gdcheck::stationarity_bound

#include "theorems/gradient_map_diffeomorphism.hpp"

namespace gdcheck::gradient_map_diffeomorphism {

Verdict decide_jacobian_spectrum(ObjectiveLadder& ladder, const Vector<double>& x, double step) {
  return decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    return check_jacobian_spectrum(ladder.at<S>(), convert<S>(x), S(step));
  });
}

Verdict decide_injectivity(ObjectiveLadder& ladder, const Vector<double>& x, const Vector<double>& y, double step) {
  return decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    return check_injectivity(ladder.at<S>(), convert<S>(x), convert<S>(y), S(step));
  });
}

}  // namespace gdcheck::gradient_map_diffeomorphism

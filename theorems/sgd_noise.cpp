#include "theorems/sgd_noise.hpp"

namespace gdcheck::sgd_noise {
namespace {

template <template <class> class Family, class Spec>
Verdict unbiased_on_ladder(InstanceLadder<Family, Spec>& ladder, const Vector<double>& x) {
  return decide_on_ladder([&](auto type) {
    using S = typename decltype(type)::type;
    return check_unbiased(ladder.template at<S>(), convert<S>(x));
  });
}

}  // namespace

Verdict decide_unbiased(InstanceLadder<LeastSquares, LeastSquaresSpec>& ladder, const Vector<double>& x) {
  return unbiased_on_ladder(ladder, x);
}

Verdict decide_unbiased(InstanceLadder<SaddleFiniteSum, SaddleFiniteSumSpec>& ladder, const Vector<double>& x) {
  return unbiased_on_ladder(ladder, x);
}

}  // namespace gdcheck::sgd_noise

#include "theorems/descent_lemma.hpp"

namespace gdcheck::descent_lemma {

RunCheck check_run(ObjectiveLadder& ladder, const Vector<double>& x0, double step, long steps,
                   LibraryGradientDescent optimizer, double gradient_tolerance) {
  return check_run<LibraryGradientDescent&>(ladder, x0, step, steps, optimizer, gradient_tolerance);
}

}  // namespace gdcheck::descent_lemma

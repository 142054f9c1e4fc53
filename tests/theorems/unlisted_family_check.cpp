// Must NOT compile (ctest CompiledChecks.UnlistedFamilyStopsTheBuild): the
// descent lemma's step check is compiled once in the theorems library for the
// gradient-descent families only (theorems/compiled_checks.hpp), and a call on
// another family has to stop the build at that call, naming the check and the
// family, rather than silently compile its own copy.
#include "lib/objectives/octopus.hpp"
#include "theorems/descent_lemma.hpp"

namespace gdcheck {

Verdict step_on_an_octopus(const Octopus<double>& f, const Vector<double>& x) {
  return descent_lemma::check_step(f, x, 0.1);
}

}  // namespace gdcheck

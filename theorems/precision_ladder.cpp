// The ladders of the families properties use, and their instances seen as
// AnyObjective, compiled once (declared extern in compiled_checks.hpp).
#include "theorems/compiled_checks.hpp"

namespace gdcheck {
GDCHECK_LADDER_FAMILIES(GDCHECK_LADDER_INSTANCES, )
GDCHECK_EACH_LADDER_SCALAR(GDCHECK_ERASED_IN, ScaledSeparableWells, )
}  // namespace gdcheck

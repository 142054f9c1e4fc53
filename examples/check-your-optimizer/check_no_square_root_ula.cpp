// The ULA check against a planted bug: the noise is eps alpha W instead of
// eps sqrt(alpha) W (a forgotten square root). The check must turn red.
#include "adapter.hpp"

static const bool registered = gdcheck::register_unadjusted_langevin_checks(
    "NoSquareRootUla", MyLangevin{false, mylib::LangevinBug::noise_without_square_root});

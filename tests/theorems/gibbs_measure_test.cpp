// The Gibbs property's reading of an error's order (theorems/gibbs_measure.hpp,
// read_error_order) on the landscapes where the first version misread it.
#include "theorems/gibbs_measure.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace gdcheck {
namespace {

namespace gm = gibbs_measure;

// The quartic's O(eps^4) coefficient vanishes near kappa = 2.64: the order of
// |error| read 3 there, and 1.32 then 1.22 at kappa = 2.709 (a false alarm of
// gibbs/equal-minima-laplace-weights, seed 7418050992553752927). The growth of
// lambda^2 times the signed error does not depend on that coefficient.
TEST(GibbsMeasure, TwoTermErrorReadsOrderTwoWhereItsLeadingCoefficientVanishes) {
  for (const double kappa : {2.6, 2.64, 2.709, 2.75}) {
    const gm::ErrorOrderReading reading = gm::read_error_order(gm::equal_minima_quartic(kappa), 2, 6, 14);
    EXPECT_EQ(reading.order, gm::ErrorOrder::two_or_more) << "kappa = " << kappa << ": " << reading.describe();
  }
}

TEST(GibbsMeasure, OneTermErrorReadsOrderOne) {
  for (const double kappa : {0.5, 2.709}) {
    const gm::ErrorOrderReading reading = gm::read_error_order(gm::equal_minima_quartic(kappa), 1, 6, 14);
    EXPECT_EQ(reading.order, gm::ErrorOrder::one) << "kappa = " << kappa << ": " << reading.describe();
  }
}

TEST(GibbsMeasure, ErrorOrderRefusesAGridTooShortToDecide) {
  EXPECT_THROW(gm::read_error_order(gm::equal_minima_quartic(1), 3, 6, 14), std::invalid_argument);
  EXPECT_THROW(gm::read_error_order(gm::equal_minima_quartic(1), 2, 1, 14), std::invalid_argument);
  EXPECT_THROW(gm::read_error_order(gm::equal_minima_quartic(1), 2, 8, 6), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck

#include "properties/case_readings.hpp"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace gdcheck {
namespace {

// A reading goes through its cell in every role (unsharded, shard,
// assembly), so the round trip must be exact, a violation's verdict included.
TEST(CaseReadings, ANoiseLawReadingSurvivesItsCellExactly) {
  noise_law::LawReading r;
  r.samples = 400;
  r.violating_sample = 17;
  r.direction_distance = 0.1 / 3;
  r.direction_threshold = 0.0712;
  r.radial_threshold = 1e-300;
  r.digest = 0xfedcba9876543210ull;
  Verdict v;
  v.clarity = Clarity::violated;
  v.lhs = -0.0;
  v.rhs = 2.5e-17;
  v.margin = 1 / 7.0;
  v.rounding = 4.9e-324;  // subnormal: its bits travel too
  v.precision = ScalarTraits<Decimal50>::name;
  v.escalations = 2;
  r.norm_violation = v;
  const noise_law::LawReading back = law_reading(reading_cell(r));
  EXPECT_EQ(back.samples, r.samples);
  EXPECT_EQ(back.violating_sample, r.violating_sample);
  EXPECT_EQ(back.direction_distance, r.direction_distance);
  EXPECT_EQ(back.direction_threshold, r.direction_threshold);
  EXPECT_EQ(back.radial_threshold, r.radial_threshold);
  EXPECT_EQ(back.digest, r.digest);
  ASSERT_TRUE(back.norm_violation);
  EXPECT_EQ(back.norm_violation->describe(), v.describe());
  EXPECT_TRUE(std::signbit(back.norm_violation->lhs));
  EXPECT_EQ(back.norm_violation->rounding, v.rounding);
}

TEST(CaseReadings, ABatchLawReadingSurvivesItsCellExactly) {
  sgd_batch_law::LawReading r;
  r.steps = 30;
  r.undecided = 1;
  r.cells = {{0, 1}, {0, 2}, {1, 2}};
  r.counts = {9, 11, 9};
  r.cell_probability = 1 / 3.0;
  r.skewed_cell = 1;
  r.skewed_lower = 0.2;
  r.skewed_upper = 0.6;
  r.digest = 5;
  const sgd_batch_law::LawReading back = batch_law_reading(reading_cell(r));
  EXPECT_EQ(back.cells, r.cells);
  EXPECT_EQ(back.counts, r.counts);
  EXPECT_EQ(back.cell_probability, r.cell_probability);
  EXPECT_EQ(back.skewed_cell, r.skewed_cell);
  EXPECT_FALSE(back.rule_violation);
}

TEST(CaseReadings, AnotherReadingsCellIsRefused) {
  noise_law::GaussianReading g;
  g.samples = 12;
  EXPECT_THROW(law_reading(reading_cell(g)), std::invalid_argument);  // too few counts
  CellTally unknown = reading_cell(noise_law::LawReading{});
  unknown.counts.back() = 1;  // claims a verdict, and has none
  EXPECT_THROW(law_reading(unknown), std::invalid_argument);
}

}  // namespace
}  // namespace gdcheck

#include "properties/cell_tallies.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

namespace gdcheck {
namespace {

// A "cell_tallies" field of one call, as a shard writes it.
Json field(const std::vector<CellTally>& cells, bool deep) {
  return {{"deep", deep}, {"runs_per_cell", 0}, {"calls", {call_json(cells)}}};
}
std::vector<CellTally> first_call(const Json& field) { return calls_from_json(field).at(0); }

TEST(CellTallies, ShardsAddExactly) {
  const Json a = field({{{3, fixed_point(0.25)}, 0xFFFFFFFFFFFFFFFFull}, {{1, 2}, 5}}, false);
  const Json b = field({{{4, fixed_point(0.5)}, 2}, {{0, 7}, 6}}, false);
  const std::vector<CellTally> sum = first_call(add_cells({a, b}));
  ASSERT_EQ(sum.size(), 2u);
  EXPECT_EQ(sum[0].counts[0], 7);
  EXPECT_EQ(from_fixed_point(sum[0].counts[1]), 0.75);  // both exact in 2^-36 steps
  EXPECT_EQ(sum[0].digest, 1u);                          // mod 2^64, as run digests add
  EXPECT_EQ(sum[1].counts, (std::vector<std::int64_t>{1, 9}));
  EXPECT_EQ(sum[1].digest, 11u);
}

// A cell one shard computed whole (CellSplit::cells): the others leave it
// empty, which adds as zero, so its values, a double's bits included, pass
// through the merge unchanged.
TEST(CellTallies, AnEmptyCellAddsAsZero) {
  const double value = -0.1;
  const Json computed = field({{{value_bits(value), -1}, 9, {"the dip profile"}}, {}}, false);
  const Json other = field({{}, {{4}, 3}}, false);
  const std::vector<CellTally> sum = first_call(add_cells({other, computed}));
  EXPECT_EQ(from_value_bits(sum[0].counts[0]), value);
  EXPECT_EQ(sum[0].counts[1], -1);
  EXPECT_EQ(sum[0].digest, 9u);
  EXPECT_EQ(sum[0].texts, std::vector<std::string>{"the dip profile"});
  EXPECT_EQ(sum[1].counts, std::vector<std::int64_t>{4});
}

TEST(CellTallies, ShardsThatDisagreeAreNamed) {
  const Json two = field({{{1}, 0}, {{1}, 0}}, false), one = field({{{1}, 0}}, false);
  EXPECT_THROW(
      {
        try {
          add_cells({two, one});
        } catch (const std::invalid_argument& e) {
          EXPECT_STREQ(e.what(), "cells: shards with 2 and 1 cells");
          throw;
        }
      },
      std::invalid_argument);
  EXPECT_THROW(add_cells({one, field({{{1, 2}, 0}}, false)}), std::invalid_argument);  // counts per cell
  EXPECT_THROW(add_cells({one, field({{{1}, 0}}, true)}), std::invalid_argument);     // depth
  EXPECT_THROW(call_from_json(Json::parse(R"([{"counts": [0.5], "digest": "0000000000000000"}])")),
               std::invalid_argument);  // a count that is not an integer
  EXPECT_THROW(call_from_json(Json::parse(R"([{"counts": [1], "digest": "xyz"}])")), std::invalid_argument);
  // Shards that ran different numbers of cases.
  Json twice = field({{{1}, 0}}, false);
  twice["calls"].push_back(call_json({{{1}, 0}}));
  EXPECT_THROW(add_cells({one, twice}), std::invalid_argument);
  // Shards that ran other cases (a statistical case's key is its seed).
  Json other_case = field({{{1}, 0}}, false);
  other_case["keys"] = {"0000000000000001"};
  EXPECT_THROW(add_cells({one, other_case}), std::invalid_argument);
}

TEST(CellTallies, FixedPointIsWithinItsStatedErrorAndRefusesToOverflow) {
  for (const double value : {0.1, -3.7, 1e-15, 12345.678, 6.7e7 - 1}) {
    EXPECT_LE(std::abs(from_fixed_point(fixed_point(value)) - value), std::ldexp(1.0, -37)) << value;
  }
  EXPECT_THROW(fixed_point(std::ldexp(1.0, 26)), std::overflow_error);
  EXPECT_THROW(fixed_point(std::numeric_limits<double>::quiet_NaN()), std::overflow_error);
  EXPECT_THROW(add_counts(std::numeric_limits<std::int64_t>::max(), 1), std::overflow_error);
}

}  // namespace
}  // namespace gdcheck

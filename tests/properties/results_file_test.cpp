#include "properties/results_file.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace gdcheck {
namespace {

TEST(ResultsFile, WritesEveryFieldAsJson) {
  ResultLine line;
  line.property = "p";
  line.theorem = "t";
  line.kind = "holds";
  line.cases = 100;
  line.passed = true;
  line.worst_ratio = 0.5;
  line.escalations = 3;
  line.seed = 42;
  EXPECT_EQ(to_json(line),
            "{\"property\": \"p\", \"theorem\": \"t\", \"kind\": \"holds\", \"cases\": 100, "
            "\"verdict\": \"pass\", \"worst_ratio\": 0.5, \"escalations\": 3, \"seed\": 42, "
            "\"counterexample\": null}\n");
}

TEST(ResultsFile, EscapesTextAndWritesNonFiniteAsNull) {
  EXPECT_EQ(json_string("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
  EXPECT_EQ(json_number(std::nan("")), "null");
  EXPECT_EQ(json_number(0.1), "0.10000000000000001");  // 17 digits: reads back exactly
}

TEST(ResultsFile, AppendsOneLinePerCallToTheNamedFile) {
  const std::string path = ::testing::TempDir() + "gdcheck_results_test.jsonl";
  std::remove(path.c_str());
  ASSERT_EQ(setenv("GDCHECK_RESULTS", path.c_str(), 1), 0);
  ResultLine line;
  line.property = "first";
  ASSERT_TRUE(append_result(line));
  line.property = "second";
  ASSERT_TRUE(append_result(line));
  unsetenv("GDCHECK_RESULTS");

  std::ifstream in(path);
  std::string first, second, rest;
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_NE(first.find("\"first\""), std::string::npos);
  EXPECT_NE(second.find("\"second\""), std::string::npos);
  EXPECT_FALSE(std::getline(in, rest));
}

}  // namespace
}  // namespace gdcheck

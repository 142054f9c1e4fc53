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
  line.extra["table"] = "a\"b\\c\nd\x01";
  line.extra["rate"] = json_number(std::nan(""));
  line.extra["tiny"] = 0.1;
  EXPECT_EQ(to_json(line).dump(),
            "{\"schema\":1,\"property\":\"p\",\"theorem\":\"t\",\"kind\":\"holds\",\"cases\":100,"
            "\"verdict\":\"pass\",\"worst_ratio\":0.5,\"escalations\":3,\"seed\":42,"
            "\"counterexample\":null,\"table\":\"a\\\"b\\\\c\\nd\\u0001\",\"rate\":null,\"tiny\":0.1}");
}

TEST(ResultsFile, ReadsBackWhatItWrites) {
  ResultLine line;
  line.property = "p";
  line.theorem = "t";
  line.kind = "statistical";
  line.seed = 18446744073709551615ull;  // the largest seed survives the trip
  line.extra["successes"] = 7;
  std::istringstream in(to_json(line).dump() + "\n\n" + to_json(line).dump() + "\n");
  const auto rows = read_results(in, "r.jsonl");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], to_json(line));
  EXPECT_EQ(rows[1]["seed"].get<std::uint64_t>(), 18446744073709551615ull);
}

// Each malformed line is an error naming the file and the line.
TEST(ResultsFile, RejectsMalformedLinesWithTheirLineNumber) {
  ResultLine good;
  good.property = "p";
  good.theorem = "t";
  good.kind = "holds";
  const std::string ok = to_json(good).dump() + "\n";
  const auto rejects = [&](const std::string& bad, const std::string& reason) {
    std::istringstream in(ok + bad + "\n");
    try {
      read_results(in, "r.jsonl");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const ResultsFileError& e) {
      EXPECT_NE(std::string(e.what()).find("r.jsonl:2: "), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
  };
  rejects("{\"schema\": 1, \"property\": ", "not JSON");
  rejects("[1, 2]", "not a JSON object");
  rejects("{\"property\": \"p\"}", "schema");
  Json other = to_json(good);
  other["schema"] = 2;
  rejects(other.dump(), "schema 2");
  other = to_json(good);
  other["kind"] = "maybe";
  rejects(other.dump(), "unknown kind");
  other = to_json(good);
  other["verdict"] = "ok";
  rejects(other.dump(), "verdict");
  other = to_json(good);
  other["cases"] = -1;
  rejects(other.dump(), "cases");
  other = to_json(good);
  other.erase("theorem");
  rejects(other.dump(), "theorem");
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

namespace gdcheck {
namespace {

// An unwritable results file is reported, not ignored.
TEST(ResultsFile, AnUnwritableFileIsAFailure) {
  ASSERT_EQ(setenv("GDCHECK_RESULTS", "/nonexistent-directory/results.jsonl", 1), 0);
  EXPECT_FALSE(append_result(ResultLine{}));
  ASSERT_EQ(setenv("GDCHECK_RESULTS", "/dev/full", 1), 0);
  EXPECT_FALSE(append_result(ResultLine{}));
  unsetenv("GDCHECK_RESULTS");
}

}  // namespace
}  // namespace gdcheck

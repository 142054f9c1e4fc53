// Meta-tests: the property runner must be able to fail, and must report.
#include "properties/property.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "properties/generators.hpp"
#include "properties/results_file.hpp"
#include "properties/shard.hpp"

namespace gdcheck {
namespace {

class PropertyRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "gdcheck_property_test_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl";
    std::remove(path_.c_str());
    setenv("GDCHECK_RESULTS", path_.c_str(), 1);
  }
  void TearDown() override { unsetenv("GDCHECK_RESULTS"); }

  std::string results() const {
    std::ifstream in(path_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // The single results line the property wrote, read back.
  Json line() const {
    std::ifstream in(path_);
    const auto lines = read_results(in, path_);
    EXPECT_EQ(lines.size(), 1u);
    return lines.empty() ? Json() : lines.front();
  }

  std::string path_;
};

// "x < 1000 for every x in [0, 1e6]" is false: a holds property must fail.
void false_claim() {
  const double x = *gen::uniform(0, 1e6);
  RC_ASSERT(x < 1000);
}

void true_claim() {
  const double x = *gen::uniform(0, 1e6);
  RC_ASSERT(x <= 1e6);
}

TEST_F(PropertyRunner, AFalseTheoremTurnsRed) {
  EXPECT_NONFATAL_FAILURE(
      check_property({"meta/false", "meta", PropertyKind::holds}, false_claim), "Falsifiable");
  EXPECT_EQ(line()["verdict"], "fail") << results();
}

TEST_F(PropertyRunner, ANegativeControlWithoutCounterexampleTurnsRed) {
  EXPECT_NONFATAL_FAILURE(
      check_property({"meta/no-counterexample", "meta", PropertyKind::needs_hypothesis}, true_claim),
      "negative control found no counterexample");
  EXPECT_EQ(line()["verdict"], "fail") << results();
}

TEST_F(PropertyRunner, ANegativeControlReportsItsShrunkCounterexample) {
  check_property({"meta/counterexample", "meta", PropertyKind::needs_hypothesis}, false_claim);
  const Json written = line();
  EXPECT_EQ(written["verdict"], "pass") << written;
  EXPECT_NE(written["counterexample"].get<std::string>().find("x < 1000"), std::string::npos) << written;
}

TEST_F(PropertyRunner, TheSameSeedGivesTheSameCounterexample) {
  check_property({"meta/repeat", "meta", PropertyKind::needs_hypothesis}, false_claim);
  check_property({"meta/repeat", "meta", PropertyKind::needs_hypothesis}, false_claim);
  const std::string text = results();
  const std::size_t split = text.find('\n');
  ASSERT_NE(split, std::string::npos);
  EXPECT_EQ(text.substr(0, split + 1), text.substr(split + 1));
}

}  // namespace
}  // namespace gdcheck

namespace gdcheck {
namespace {

// Each GDCHECK_* variable is parsed strictly: a malformed or unknown one is an
// error naming it, not a silent default.
void expect_environment_rejected(const char* name, const char* value, const std::string& message) {
  ASSERT_EQ(setenv(name, value, 1), 0);
  try {
    check_environment();
    ADD_FAILURE() << name << "=" << value << " accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
  unsetenv(name);
}

TEST(Environment, MalformedOrUnknownVariablesAreNamed) {
  expect_environment_rejected("GDCHECK_THREADS", "abc", "GDCHECK_THREADS=abc: expected a whole number");
  expect_environment_rejected("GDCHECK_THREADS", "0", "GDCHECK_THREADS=0");
  expect_environment_rejected("GDCHECK_THREADS", "2x", "GDCHECK_THREADS=2x");
  expect_environment_rejected("GDCHECK_DEEP", "yes", "GDCHECK_DEEP=yes: expected 1");
  expect_environment_rejected("GDCHECK_DEPP", "1", "GDCHECK_DEPP is not a gdcheck variable");
  EXPECT_NO_THROW(check_environment());
}

TEST(Environment, ShardsParseStrictly) {
  EXPECT_EQ(parse_shard("2/3").index, 2);
  EXPECT_EQ(parse_shard("2/3").count, 3);
  for (const char* bad : {"3/2", "0/2", "x", "1/", "/2", "1/2/3", "-1/2", "1.5/2", ""}) {
    EXPECT_THROW(parse_shard(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace gdcheck

namespace gdcheck {
namespace {

TEST(Environment, RcParamsParseStrictly) {
  for (const char* bad : {"sed=42", "seed=abc", "seed=", "noshrink=2", "max_success=-1", "seed=42 max_sucess=10"}) {
    ASSERT_EQ(setenv("RC_PARAMS", bad, 1), 0);
    EXPECT_THROW(check_environment(), std::invalid_argument) << bad;
  }
  ASSERT_EQ(setenv("RC_PARAMS", "seed=42 max_success=10 noshrink=1", 1), 0);
  EXPECT_NO_THROW(check_environment());
  unsetenv("RC_PARAMS");
}

}  // namespace
}  // namespace gdcheck

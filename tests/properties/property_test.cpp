// Meta-tests: the property runner must be able to fail, and must report.
#include "properties/property.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "properties/generators.hpp"

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
  EXPECT_NE(results().find("\"verdict\": \"fail\""), std::string::npos) << results();
}

TEST_F(PropertyRunner, ANegativeControlWithoutCounterexampleTurnsRed) {
  EXPECT_NONFATAL_FAILURE(
      check_property({"meta/no-counterexample", "meta", PropertyKind::needs_hypothesis}, true_claim),
      "negative control found no counterexample");
  EXPECT_NE(results().find("\"verdict\": \"fail\""), std::string::npos) << results();
}

TEST_F(PropertyRunner, ANegativeControlReportsItsShrunkCounterexample) {
  check_property({"meta/counterexample", "meta", PropertyKind::needs_hypothesis}, false_claim);
  const std::string line = results();
  EXPECT_NE(line.find("\"verdict\": \"pass\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"counterexample\": \""), std::string::npos) << line;
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

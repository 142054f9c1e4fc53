// Meta-tests: the property runner must be able to fail, and must report.
#include "properties/property.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "properties/generators.hpp"
#include "properties/results_file.hpp"

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

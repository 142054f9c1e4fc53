// A property whose case calls exit(0), as SDPA's rError does when a solve
// aborts: the program must fail (status 3) and name the test, not end with
// success (tests/CMakeLists.txt checks both).
#include <cstdlib>

#include <gtest/gtest.h>

#include "properties/property.hpp"

TEST(ExitMidRun, LibraryCallsExitZero) {
  gdcheck::check_property({"exit-mid-run/library-calls-exit-zero", "none", gdcheck::PropertyKind::holds},
                          [] { std::exit(0); });
}

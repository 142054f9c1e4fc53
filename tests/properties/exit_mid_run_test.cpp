// Properties whose case ends the process with exit(0): a plain exit() and
// SDPA's own rError, which prints "out of range in input data" and calls
// exit(false) when an element lies outside its block. The program must fail
// (status 3) naming the test, not end with success (tests/CMakeLists.txt
// checks both for each test).
#include <cstdlib>

#include <gtest/gtest.h>
#include <sdpa_call.h>

#include "properties/property.hpp"

namespace {

void run_as_property(const char* name, void (*body)()) {
  gdcheck::check_property({name, "none", gdcheck::PropertyKind::holds}, body);
}

TEST(ExitMidRun, LibraryCallsExitZero) {
  run_as_property("exit-mid-run/library-calls-exit-zero", [] { std::exit(0); });
}

TEST(ExitMidRun, SdpaAbortsOnAnElementOutsideItsBlock) {
  run_as_property("exit-mid-run/sdpa-aborts", [] {
    SDPA sdpa;
    sdpa.setDisplay(nullptr);
    sdpa.setParameterType(SDPA::PARAMETER_DEFAULT);
    sdpa.inputConstraintNumber(1);
    sdpa.inputBlockNumber(1);
    sdpa.inputBlockSize(1, 2);
    sdpa.inputBlockType(1, SDPA::SDP);
    sdpa.initializeUpperTriangleSpace();
    sdpa.inputCVec(1, 1.0);
    sdpa.inputElement(0, 1, 3, 3, 1.0);  // row 3 of a 2 x 2 block
    sdpa.initializeUpperTriangle();      // SDPA's rError: exit(0)
  });
}

}  // namespace

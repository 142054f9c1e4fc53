// The options tests' shared check: a call must throw std::invalid_argument
// whose message names the offending field.
#pragma once

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace gdcheck::testing {

template <class Call>
void expect_rejected(Call&& call, const std::string& field) {
  try {
    call();
    ADD_FAILURE() << "no exception for a bad " << field;
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find(field), std::string::npos) << error.what();
  }
}

}  // namespace gdcheck::testing

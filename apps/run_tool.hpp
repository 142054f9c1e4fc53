// How every command-line tool fails on bad input: one message, exit status 2.
#pragma once

#include <exception>
#include <iostream>

#include "properties/results_file.hpp"

namespace gdcheck {

// Runs a tool's body; any error it throws (a malformed results file, the
// tool's own, a field of the wrong type) becomes "TOOL: reason" on stderr and
// exit status 2, so every tool fails the same way on bad input.
template <class Body>
int run_tool(const char* tool, Body&& body) {
  try {
    return body();
  } catch (const Json::exception& e) {
    std::cerr << tool << ": a field has the wrong type: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << tool << ": " << e.what() << "\n";
  }
  return 2;
}

}  // namespace gdcheck

// gdcheck's own optimizer (theorems/library_optimizers.hpp) as an
// implementation of a property case (properties/*_cases.hpp). The cases take
// any implementation, the library's or a user's through its adapter, as a
// std::function with an optional observer; without one the library runs
// without an observer, as it would called directly.
#pragma once

#include <functional>

#include "lib/optimizers/run_result.hpp"
#include "theorems/library_optimizers.hpp"

namespace gdcheck {

template <class Library>
auto library_implementation(Library library) {
  return [library](const auto& f, const Vector<double>& x0, const auto& options,
                   const std::function<void(const Iterate<double>&)>& observer) {
    if (!observer) return library(f, x0, options, NoObserver{});
    return library(f, x0, options, observer);
  };
}

}  // namespace gdcheck

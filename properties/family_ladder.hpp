// A generated family instance on the precision ladder, handed to a case body
// written once over ObjectiveLadder: the body and the checks it calls are
// compiled once for every family (issue 23), and only this line is
// instantiated per family. The body also gets the instance as text
// (shown(spec)) for its failure messages.
#pragma once

#include <utility>

#include "properties/objective_generators.hpp"
#include "theorems/precision_ladder.hpp"

namespace gdcheck {

// body(ObjectiveLadder& ladder, const std::string& instance) on Family's
// instance of `spec`; returns what the body returns.
template <template <class> class Family, class Spec, class Body>
decltype(auto) on_ladder(const Spec& spec, Body&& body) {
  InstanceLadder<Family, Spec> ladder(spec);
  return std::forward<Body>(body)(static_cast<ObjectiveLadder&>(ladder), shown(spec));
}

}  // namespace gdcheck

// The seeded annealing search (worst_case_search.hpp) over the whole
// one-dimensional class C^{1,1}_L with L <= 1 (piecewise-constant curvature,
// convex outer pieces), for the instance that maximises observed/bound of the
// descent lemma or the stationarity bound after `horizon` GD steps from 0 with
// alpha L = step_times_l. properties/worst_case.cpp tabulates it.
#pragma once

#include <cstdint>
#include <string>

#include "lib/objectives/piecewise_curvature.hpp"
#include "properties/worst_case_search.hpp"

namespace gdcheck {

enum class WorstCaseBound { descent_lemma, stationarity };

// One cell's annealing search: the best instance, its ratio at 100 digits
// (where its rounding is nil) and the theorem check's verdict on it.
struct SearchCell {
  SearchResult<PiecewiseCurvatureSpec> result;
  double exact = 0;
  std::string failure;  // a confirmed counterexample, if any
};

SearchCell search_cell(WorstCaseBound bound, int horizon, double step_times_l, long budget, std::uint64_t seed);

}  // namespace gdcheck

#include "theorems/semidefinite_program.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <sdpa_call.h>

// OpenBLAS's runtime thread control (its cblas.h is not on the include path).
extern "C" void openblas_set_num_threads(int threads);

namespace gdcheck {

void SemidefiniteProgram::validate() const {
  const auto fail = [](const std::string& what) { throw std::invalid_argument("SemidefiniteProgram." + what); };
  if (variables < 1) fail("variables = " + std::to_string(variables) + " < 1");
  if (block_size < 1) fail("block_size = " + std::to_string(block_size) + " < 1");
  if (cost.size() != variables) fail("cost has " + std::to_string(cost.size()) + " entries, not variables");
  if (static_cast<int>(matrices.size()) != variables + 1) fail("matrices: need A_0..A_m");
  for (const auto& a : matrices) {
    if (a.rows() != block_size || a.cols() != block_size) fail("matrices: each must be block_size x block_size");
    if (!a.allFinite() || !a.isApprox(a.transpose(), 0)) fail("matrices: each must be finite and symmetric");
  }
  for (const auto& b : inequalities) {
    if (b.size() != variables + 1 || !b.allFinite()) fail("inequalities: each row needs m + 1 finite entries");
  }
  if (!cost.allFinite()) fail("cost must be finite");
}

std::string to_string(SdpStatus status) {
  switch (status) {
    case SdpStatus::optimal: return "optimal";
    case SdpStatus::primal_infeasible: return "primal infeasible";
    case SdpStatus::dual_infeasible: return "dual infeasible";
    case SdpStatus::not_converged: return "not converged";
  }
  return "unknown";
}

SdpSolution solve(const SemidefiniteProgram& program) {
  program.validate();
  // One thread for SDPA and its BLAS: ctest runs programs side by side on
  // every core, and oversubscribed BLAS threads made a 1 s experiment take 7 s.
  openblas_set_num_threads(1);
  const int m = program.variables, d = program.block_size, p = static_cast<int>(program.inequalities.size());
  SDPA sdpa;
  sdpa.setDisplay(nullptr);
  sdpa.setNumThreads(1);
  sdpa.setParameterType(SDPA::PARAMETER_DEFAULT);
  sdpa.inputConstraintNumber(m);
  sdpa.inputBlockNumber(p > 0 ? 2 : 1);
  sdpa.inputBlockSize(1, d);
  sdpa.inputBlockType(1, SDPA::SDP);
  if (p > 0) {
    sdpa.inputBlockSize(2, p);
    sdpa.inputBlockType(2, SDPA::LP);
  }
  sdpa.initializeUpperTriangleSpace();
  for (int k = 1; k <= m; ++k) sdpa.inputCVec(k, program.cost(k - 1));
  for (int k = 0; k <= m; ++k) {
    const Matrix<double>& a = program.matrices[k];
    for (int i = 0; i < d; ++i) {
      for (int j = i; j < d; ++j) {
        if (a(i, j) != 0) sdpa.inputElement(k, 1, i + 1, j + 1, a(i, j));
      }
    }
    for (int i = 0; i < p; ++i) {
      if (program.inequalities[i](k) != 0) sdpa.inputElement(k, 2, i + 1, i + 1, program.inequalities[i](k));
    }
  }
  // SDPA writes its warnings to std::cout (its rMessage); they are kept in
  // the solution instead of interleaving with a property's output.
  std::ostringstream messages;
  std::streambuf* const console = std::cout.rdbuf(messages.rdbuf());
  sdpa.initializeUpperTriangle();
  sdpa.initializeSolve();
  sdpa.solve();
  std::cout.rdbuf(console);

  SdpSolution solution;
  solution.primal_objective = sdpa.getPrimalObj();
  solution.dual_objective = sdpa.getDualObj();
  const double gap = std::abs(solution.primal_objective - solution.dual_objective) /
                     std::max(1.0, std::abs(solution.primal_objective));
  switch (sdpa.getPhaseValue()) {
    case SDPA::pdOPT: solution.status = SdpStatus::optimal; break;
    // Performance-estimation programs are rarely strictly feasible, and SDPA
    // often stops with both sides feasible a little short of its 1e-7 gap.
    case SDPA::pdFEAS: solution.status = gap <= kOptimalGap ? SdpStatus::optimal : SdpStatus::not_converged; break;
    case SDPA::pINF_dFEAS: case SDPA::dUNBD: solution.status = SdpStatus::primal_infeasible; break;
    case SDPA::pFEAS_dINF: case SDPA::pUNBD: solution.status = SdpStatus::dual_infeasible; break;
    default: solution.status = SdpStatus::not_converged; break;
  }
  solution.x = Eigen::Map<const Vector<double>>(sdpa.getResultXVec(), m);
  solution.dual_matrix = Eigen::Map<const Matrix<double>>(sdpa.getResultYMat(1), d, d);
  solution.multipliers = p > 0 ? Vector<double>(Eigen::Map<const Vector<double>>(sdpa.getResultYMat(2), p))
                               : Vector<double>();
  solution.solver_messages = messages.str();
  sdpa.terminate();
  return solution;
}

}  // namespace gdcheck

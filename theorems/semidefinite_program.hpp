// A small semidefinite program in the form performance estimation needs,
// solved in double by SDPA (Debian's libsdpa-dev; Yamashita, Fujisawa,
// Kojima et al., "SDPA 7", 2010):
//
//   minimise    c . x            over x in R^m
//   subject to  sum_k x_k A_k - A_0  is positive semidefinite   (one d x d block)
//               sum_k x_k b_ik - b_i0 >= 0                       (i = 1..p)
//
// SDPA's dual solution (Y, lambda) is what a certificate is built from: Y
// positive semidefinite, lambda >= 0, with A_k . Y + sum_i lambda_i b_ik = c_k.
// Why SDPA and not CSDP (libsdp-dev): both are in Debian and solve these
// problems; SDPA's C++ interface takes the problem in this variable form and
// can be told not to print, CSDP's easy_sdp prints every iteration unless a
// parameter file sits in the working directory.
#pragma once

#include <string>
#include <vector>

#include "lib/linear_algebra.hpp"

namespace gdcheck {

struct SemidefiniteProgram {
  int variables = 0;      // m
  int block_size = 0;     // d
  Vector<double> cost;    // c, m entries
  // A_0..A_m, each d x d symmetric: matrices[k] multiplies x_k (k >= 1), matrices[0] is A_0.
  std::vector<Matrix<double>> matrices;
  // Rows i = 1..p of [b_i0, b_i1, ..., b_im].
  std::vector<Vector<double>> inequalities;

  // Throws std::invalid_argument naming the inconsistent field.
  void validate() const;
};

enum class SdpStatus { optimal, primal_infeasible, dual_infeasible, not_converged };
// `optimal`: SDPA's pdOPT, or both sides feasible with relative gap
// |primal - dual| / max(1, |primal|) at most this.
inline constexpr double kOptimalGap = 1e-6;
std::string to_string(SdpStatus status);

struct SdpSolution {
  SdpStatus status = SdpStatus::not_converged;
  double primal_objective = 0;  // c . x at the solver's x
  double dual_objective = 0;    // A_0 . Y + sum_i lambda_i b_i0
  Vector<double> x;             // m
  Matrix<double> dual_matrix;   // Y, d x d
  Vector<double> multipliers;   // lambda, p
  std::string solver_messages;  // SDPA's warnings, if any (e.g. a failed Cholesky factorisation)
};

// Solves it with SDPA's default parameters (relative gap 1e-7). Throws
// std::invalid_argument for an inconsistent problem. Not thread-safe: SDPA's
// messages are captured by redirecting std::cout for the duration. SDPA
// calls exit() on some internal errors (its rError, with status 0); the
// inputs it is given here are validated first, which avoids the ones known
// to us, and a property during which it exits anyway fails with status 3,
// naming itself (properties/property.cpp).
SdpSolution solve(const SemidefiniteProgram& program);

}  // namespace gdcheck

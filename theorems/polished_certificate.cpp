#include "theorems/polished_certificate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include "theorems/exact_gd_rate.hpp"

namespace gdcheck::performance_estimation {
namespace {

// The unknowns of one face: the kept multipliers, then the upper triangle of
// the r x r matrix Z (Y = V Z V^T), row by row.
struct FaceUnknowns {
  int multipliers;
  int r;
  int size() const { return multipliers + r * (r + 1) / 2; }
  Matrix<double> z(const Vector<double>& unknown) const {
    Matrix<double> out(r, r);
    int index = multipliers;
    for (int s = 0; s < r; ++s) {
      for (int t = s; t < r; ++t) out(s, t) = out(t, s) = unknown(index++);
    }
    return out;
  }
  void set_z(Vector<double>& unknown, const Matrix<double>& z) const {
    int index = multipliers;
    for (int s = 0; s < r; ++s) {
      for (int t = s; t < r; ++t) unknown(index++) = z(s, t);
    }
  }
};

// One face: rows with multipliers above `cut` times the largest, Y's
// eigen-directions above `cut` times the largest multiplier.
SolvedProgram polish_on_face(const SolvedProgram& solved, double target, double cut) {
  const SemidefiniteProgram& program = solved.program;
  const SdpSolution& solution = solved.solution;
  const int m = program.variables, d = program.block_size;
  const int p = static_cast<int>(program.inequalities.size());
  const double largest = std::max(solution.multipliers.maxCoeff(), 0.0);
  std::vector<int> rows;
  for (int i = 0; i < p; ++i) {
    if (solution.multipliers(i) > cut * largest) rows.push_back(i);
  }
  const Eigen::SelfAdjointEigenSolver<Matrix<double>> eigen((solution.dual_matrix + solution.dual_matrix.transpose()) / 2);
  std::vector<int> kept;
  for (int k = 0; k < d; ++k) {
    if (eigen.eigenvalues()(k) > cut * largest) kept.push_back(k);
  }
  const FaceUnknowns face{static_cast<int>(rows.size()), static_cast<int>(kept.size())};
  const int r = face.r;
  Matrix<double> v(d, r);
  Vector<double> kept_values(r);
  for (int k = 0; k < r; ++k) {
    v.col(k) = eigen.eigenvectors().col(kept[static_cast<std::size_t>(k)]);
    kept_values(k) = eigen.eigenvalues()(kept[static_cast<std::size_t>(k)]);
  }
  // Equations: for every variable k, A_k . Y + sum_i lambda_i b_ik = c_k
  // (the residual rho_k = 0), and the dual value A_0 . Y + sum_i lambda_i b_i0 = -target.
  // A . (V Z V^T) = sum_{s<=t} Z_st (v_s^T A v_t + [s != t] v_t^T A v_s).
  Matrix<double> system = Matrix<double>::Zero(m + 1, face.size());
  Vector<double> wanted(m + 1);
  for (int k = 0; k <= m; ++k) {
    const int column = k == m ? 0 : k + 1;
    wanted(k) = k == m ? -target : program.cost(k);
    for (int j = 0; j < face.multipliers; ++j) system(k, j) = program.inequalities[rows[static_cast<std::size_t>(j)]](column);
    const Matrix<double> projected = v.transpose() * program.matrices[static_cast<std::size_t>(column)] * v;
    int index = face.multipliers;
    for (int s = 0; s < r; ++s) {
      for (int t = s; t < r; ++t) system(k, index++) = s == t ? projected(s, s) : projected(s, t) + projected(t, s);
    }
  }
  // Start at the solver's point; each unknown's change is weighed by its own
  // size (columns scaled by the solver's value), so that small multipliers
  // stay small and positive.
  Vector<double> unknown(face.size()), scale(face.size());
  for (int j = 0; j < face.multipliers; ++j) unknown(j) = solution.multipliers(rows[static_cast<std::size_t>(j)]);
  face.set_z(unknown, kept_values.asDiagonal());
  scale.head(face.multipliers) = unknown.head(face.multipliers);
  face.set_z(scale, (kept_values * kept_values.transpose()).cwiseSqrt());
  // Directions the equations barely see (singular values below 1e-9 of the
  // largest) are left alone: solving along them would turn the solver's
  // 1e-7 residuals into changes of order one.
  Eigen::CompleteOrthogonalDecomposition<Matrix<double>> least_squares;
  least_squares.setThreshold(1e-9);
  least_squares.compute(system * scale.asDiagonal());
  // Alternating projections: onto the equations (weighted least squares,
  // refined once), then onto the cone (negative multipliers to 0, Z's
  // negative eigenvalues to 0), ending on the equations; what negativity is
  // left the certifier charges.
  constexpr int kRounds = 30;
  for (int round = 0; round < kRounds; ++round) {
    for (int refine = 0; refine < 2; ++refine) unknown += scale.asDiagonal() * least_squares.solve(wanted - system * unknown);
    if (round + 1 == kRounds) break;
    unknown.head(face.multipliers) = unknown.head(face.multipliers).cwiseMax(0.0);
    if (r > 0) {
      const Eigen::SelfAdjointEigenSolver<Matrix<double>> parts(face.z(unknown));
      face.set_z(unknown, parts.eigenvectors() * parts.eigenvalues().cwiseMax(0.0).asDiagonal() *
                              parts.eigenvectors().transpose());
    }
  }
  SolvedProgram polished = solved;
  SdpSolution& dual = polished.solution;
  dual.multipliers = Vector<double>::Zero(p);
  for (int j = 0; j < face.multipliers; ++j) dual.multipliers(rows[static_cast<std::size_t>(j)]) = unknown(j);
  dual.dual_matrix = v * face.z(unknown) * v.transpose();
  dual.dual_objective = -target;
  return polished;
}

// The polished program and its certificate, by `certifier` (the program's own).
struct Polished {
  SolvedProgram program;
  Certificate certificate;
};

Polished polish(const SolvedProgram& solved, double target, Certificate (*certifier)(const SolvedProgram&)) {
  const SdpSolution& solution = solved.solution;
  if (solution.status == SdpStatus::primal_infeasible || solution.status == SdpStatus::dual_infeasible ||
      !solution.dual_matrix.allFinite() || !solution.multipliers.allFinite()) {
    return {solved, certifier(solved)};  // the certifier names the failure
  }
  // Which multipliers and eigenvalues are the face's and which the interior
  // point's leftovers is not known in advance: each cut is tried, every
  // result certified, and the least kept.
  Polished best{polish_on_face(solved, target, 1e-7), {}};
  best.certificate = certifier(best.program);
  for (const double cut : {1e-6, 1e-5, 1e-4, 1e-3}) {
    SolvedProgram candidate = polish_on_face(solved, target, cut);
    const Certificate c = certifier(candidate);
    if (c.verified && (!best.certificate.verified || c.upper < best.certificate.upper)) {
      best = {std::move(candidate), c};
    }
  }
  return best;
}

// The nonconvex program's certifier, with its default charges.
Certificate certify_nonconvex(const SolvedProgram& solved) { return certify(solved); }

}  // namespace

SolvedProgram polished_dual(const SolvedProgram& solved, double target) {
  return polish(solved, target, certify_nonconvex).program;
}

Certificate certify_polished(const SolvedProgram& solved, double target) {
  return polish(solved, target, certify_nonconvex).certificate;
}

Certificate certify_polished_convex(const SolvedProgram& solved, double target) {
  return polish(solved, target, certify_convex_program).certificate;
}

Certificate certify_nonconvex_at_any_horizon(long gradients, double h) {
  if (!(h > std::sqrt(3.0) && h < 2)) {
    throw std::invalid_argument("certify_nonconvex_at_any_horizon: h = alpha L must be in (sqrt 3, 2)");
  }
  const int quadratic_steps = quadratic_phase_length(h);
  const int head_gradients = quadratic_steps + 6, tail_begin = quadratic_steps + 2;
  if (gradients < head_gradients) {
    throw std::invalid_argument("certify_nonconvex_at_any_horizon: T must be at least Nbar + 6 = " +
                                std::to_string(head_gradients));
  }
  const SolvedProgram head = solve_gd_on_smooth_nonconvex(head_gradients, h, 2);
  const auto exact = closed_form_rate(head_gradients, h);
  return certify_with_repeated_tail(polished_dual(head, exact->value), gradients, tail_begin);
}

}  // namespace gdcheck::performance_estimation

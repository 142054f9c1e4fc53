#include "theorems/certificate_audit.hpp"

#include <cmath>
#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include <Eigen/Cholesky>

#include "lib/random.hpp"

namespace gdcheck::performance_estimation {

namespace {

// B: p x m, row i the coefficients b_i1..b_im of inequality i.
Matrix<double> row_coefficients(const SemidefiniteProgram& program) {
  const int p = static_cast<int>(program.inequalities.size());
  Matrix<double> b(p, program.variables);
  for (int i = 0; i < p; ++i) b.row(i) = program.inequalities[i].tail(program.variables).transpose();
  return b;
}

// The multipliers' change, over the rows other than `fixed` (-1: none),
// that keeps every residual rho_k = c_k - A_k.Y - sum_i lambda_i b_ik as it
// was when Y changes by dy and lambda by `spoil` (least squares, minimum
// norm): the spoiled dual then differs from the solver's only where a
// charge other than the residuals' has to pay for it.
Vector<double> compensation(const SemidefiniteProgram& program, const Matrix<double>& b, const Matrix<double>& dy,
                            const Vector<double>& spoil, int fixed) {
  Vector<double> target(program.variables);  // -(A_k.dy) - (B^T spoil)_k
  for (int k = 0; k < program.variables; ++k) {
    target(k) = -(program.matrices[k + 1].array() * dy.array()).sum();
  }
  target -= b.transpose() * spoil;
  Matrix<double> free = b;
  if (fixed >= 0) free.row(fixed).setZero();
  // Minimum norm over the rows: delta = B z with (B^T B) z = target (LDLT;
  // where B^T B is singular the residual left is charged, as any other).
  return free * (free.transpose() * free).ldlt().solve(target);
}

// The top eigenvector of a symmetric positive semidefinite matrix, by power
// iteration from the all-ones vector (enough for a direction to spoil along).
Vector<double> top_eigenvector(const Matrix<double>& a) {
  Vector<double> v = Vector<double>::Ones(a.rows()).normalized();
  for (int k = 0; k < 500; ++k) {
    const Vector<double> next = a * v;
    if (next.norm() == 0) break;
    v = next.normalized();
  }
  return v;
}

// The dual of horizon `from` (all pairs) moved to the program of horizon
// `to`: the multipliers of the rows both have, the leading block of Y; the
// rows and g's only one side has get 0 (or are dropped).
SdpSolution transplant(const SdpSolution& dual, int from, const SemidefiniteProgram& target, int to) {
  const NonconvexRows source{from, InterpolationPairs::all}, destination{to, InterpolationPairs::all};
  SdpSolution moved = dual;
  moved.multipliers = Vector<double>::Zero(static_cast<Eigen::Index>(target.inequalities.size()));
  const int points = std::min(source.points(), destination.points());
  for (int i = 0; i < points; ++i) {
    for (int j = 0; j < points; ++j) {
      if (i != j) moved.multipliers(destination.pair(i, j)) = dual.multipliers(source.pair(i, j));
    }
    moved.multipliers(destination.floor(i)) = dual.multipliers(source.floor(i));
  }
  for (int t = 0; t < std::min(from, to); ++t) moved.multipliers(destination.slack(t)) = dual.multipliers(source.slack(t));
  const int d = std::min(dual.dual_matrix.rows(), static_cast<Eigen::Index>(target.block_size));
  moved.dual_matrix = Matrix<double>::Zero(target.block_size, target.block_size);
  moved.dual_matrix.topLeftCorner(d, d) = dual.dual_matrix.topLeftCorner(d, d);
  return moved;
}

}  // namespace

std::optional<AuditFinding> audit_certifier(const SolvedProgram& solved, double reference, const Certifier& certifier,
                                            std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::pair<std::string, SolvedProgram>> spoiled;
  const Vector<double>& lambda = solved.solution.multipliers;
  for (const double eps : {1e-6, 1e-4, 1e-2}) {
    for (int draw = 0; draw < 4; ++draw) {
      SolvedProgram s = solved;
      for (Eigen::Index i = 0; i < lambda.size(); ++i) s.solution.multipliers(i) *= 1 + (rng.uniform01() < 0.5 ? -eps : eps);
      spoiled.emplace_back("multipliers scaled by 1 +- " + std::to_string(eps) + " (draw " + std::to_string(draw) + ")",
                           std::move(s));
    }
    SolvedProgram lowered = solved;
    lowered.solution.multipliers.array() -= eps * lambda.cwiseAbs().maxCoeff();
    spoiled.emplace_back("multipliers lowered by " + std::to_string(eps) + " max|lambda|", std::move(lowered));
  }
  const Matrix<double>& y = solved.solution.dual_matrix;
  for (const double eps : {1e-6, 1e-3}) {
    for (int draw = 0; draw < 2; ++draw) {
      Vector<double> u(y.rows());
      for (Eigen::Index i = 0; i < u.size(); ++i) u(i) = rng.normal();
      u.normalize();
      SolvedProgram s = solved;
      s.solution.dual_matrix -= eps * y.norm() * u * u.transpose();
      spoiled.emplace_back("dual matrix minus " + std::to_string(eps) + " ||Y|| u u^T (draw " + std::to_string(draw) +
                               ")",
                           std::move(s));
    }
  }
  // Spoils that only the PSD shift and the clipping can pay for: the
  // residuals are restored through the other multipliers, so what is left
  // is a dual matrix with a negative eigenvalue along the primal optimum's
  // top direction (S(x*).Y < 0, which weak duality excludes), or a negative
  // multiplier on the row with the most slack at x* (lambda_i r_i(x*) < 0).
  const SemidefiniteProgram& program = solved.program;
  const Vector<double>& x = solved.solution.x;
  const Matrix<double> b = row_coefficients(program);
  Matrix<double> gram = -program.matrices[0];
  for (int k = 0; k < program.variables; ++k) gram += x(k) * program.matrices[k + 1];
  const Vector<double> top = top_eigenvector((gram + gram.transpose()) / 2);
  Eigen::Index slackest = 0;
  Vector<double> slack(lambda.size());
  for (Eigen::Index i = 0; i < slack.size(); ++i) slack(i) = b.row(i).dot(x) - program.inequalities[i](0);
  if (slack.size() > 0) slack.maxCoeff(&slackest);
  for (const double eps : {1e-6, 1e-3}) {
    SolvedProgram indefinite = solved;
    const Matrix<double> dy = -eps * (1 + y.norm()) * top * top.transpose();
    indefinite.solution.dual_matrix += dy;
    indefinite.solution.multipliers += compensation(program, b, dy, Vector<double>::Zero(lambda.size()), -1);
    spoiled.emplace_back("dual matrix minus " + std::to_string(eps) +
                             " (1 + ||Y||) v v^T along the primal optimum's top direction, residuals restored",
                         std::move(indefinite));
    if (slack.size() == 0) continue;
    SolvedProgram negative = solved;
    Vector<double> spoil = Vector<double>::Zero(lambda.size());
    spoil(slackest) = -(negative.solution.multipliers(slackest) + eps * (1 + lambda.cwiseAbs().maxCoeff()));
    negative.solution.multipliers += spoil + compensation(program, b, Matrix<double>::Zero(y.rows(), y.cols()),
                                                          spoil, static_cast<int>(slackest));
    spoiled.emplace_back("multiplier of row " + std::to_string(slackest) + " (slack " +
                             std::to_string(slack(slackest)) + " at x*) set to -" + std::to_string(eps) +
                             " (1 + max|lambda|), residuals restored",
                         std::move(negative));
  }
  for (const double factor : {1 - 1e-3, 1 + 1e-3}) {
    const double h = solved.step_times_lipschitz * factor;
    if (!(h < 2)) continue;
    SolvedProgram s = solved;
    s.solution = solve_gd_on_smooth_nonconvex(solved.gradients, h).solution;
    spoiled.emplace_back("the dual of h = " + std::to_string(h), std::move(s));
  }
  // The neighbouring horizons' duals, where both programs take all pairs.
  if (solved.gradients <= kAllPairsUpTo) {
    for (const int neighbour : {solved.gradients - 1, solved.gradients + 1}) {
      if (neighbour < 1 || neighbour > kAllPairsUpTo) continue;
      const SolvedProgram other = solve_gd_on_smooth_nonconvex(neighbour, solved.step_times_lipschitz);
      SolvedProgram s = solved;
      s.solution = transplant(other.solution, neighbour, program, solved.gradients);
      spoiled.emplace_back("the dual of T = " + std::to_string(neighbour), std::move(s));
    }
  }
  const double allowed = reference * (1 - std::numeric_limits<double>::epsilon());
  for (auto& [what, s] : spoiled) {
    const Certificate c = certifier(s);
    if (c.verified ? c.upper >= allowed : !c.failure.empty()) continue;
    return AuditFinding{what, c, reference};
  }
  return std::nullopt;
}

}  // namespace gdcheck::performance_estimation

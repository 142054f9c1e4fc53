#include "theorems/performance_certificate.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/scalar/scalar_types.hpp"
#include "lib/symmetric_eigenvalues.hpp"

namespace gdcheck::performance_estimation {
namespace {

using D = Decimal100;

// The smallest double >= x.
double round_up(const D& x) {
  double d = static_cast<double>(x);
  if (D(d) < x) d = std::nextafter(d, std::numeric_limits<double>::infinity());
  return d;
}

// A certified s with Y + s I positive semidefinite, or a negative value when
// the factorisation fails. Y symmetric, d x d, at 100 digits.
D psd_shift(const Matrix<D>& y, double first_guess) {
  using std::abs;
  using std::sqrt;
  const int d = static_cast<int>(y.rows());
  const D s0 = D(first_guess);
  Matrix<D> r = Matrix<D>::Zero(d, d);  // upper triangular, R^T R = Y + s0 I + dA
  for (int j = 0; j < d; ++j) {
    D pivot = y(j, j) + s0;
    for (int k = 0; k < j; ++k) pivot -= r(k, j) * r(k, j);
    if (!(pivot > 0)) return D(-1);
    r(j, j) = sqrt(pivot);
    for (int i = j + 1; i < d; ++i) {
      D entry = y(j, i);
      for (int k = 0; k < j; ++k) entry -= r(k, j) * r(k, i);
      r(j, i) = entry / r(j, j);
    }
  }
  const Matrix<D> magnitude = r.cwiseAbs().transpose() * r.cwiseAbs();
  return s0 + rounding_bound<D>(d + 1.0, bound_norm(magnitude), double(d) * d);
}

// |x_k| <= X_k, by the variable's kind: a Gram entry, a value f_k, or one of
// the program's `extras` trailing scalars (derived in the header).
struct VariableBounds {
  double gram;
  double value;
  double extra;
  int extras;
};

Certificate certify_with(const SolvedProgram& solved, const VariableBounds& bounds,
                         const CertificateCharges& charges);

}  // namespace

Certificate certify_gd_on_smooth_nonconvex(int gradients, double h) {
  return certify(solve_gd_on_smooth_nonconvex(gradients, h));
}

Certificate certify(const SolvedProgram& solved, const CertificateCharges& charges) {
  return certify_with(solved, {2, 1, 2, 1}, charges);
}

Certificate certify_convex_program(const SolvedProgram& solved) { return certify_with(solved, {1, 0.5, 0, 0}, {}); }

Certificate certify_gd_on_smooth_convex(int steps, double h) {
  const SemidefiniteProgram program = gd_on_smooth_convex(steps, h);
  return certify_convex_program({steps, h, program, solve(program)});
}

Certificate certify_gd_on_smooth_strongly_convex(int steps, double h, double curvature_ratio) {
  const SemidefiniteProgram program = gd_on_smooth_strongly_convex(steps, h, curvature_ratio);
  return certify_convex_program({steps, h, program, solve(program)});
}

Certificate certify_one_step_descent(double h) {
  SolvedProgram solved{1, h, gd_one_step_descent(h), {}};
  SdpSolution& dual = solved.solution;
  dual.status = SdpStatus::optimal;
  dual.multipliers = Vector<double>::Zero(4);
  dual.multipliers(0) = 1;  // row_01
  Vector<double> v(2);
  v << -(1 - h), 1;
  dual.dual_matrix = v * v.transpose() / 4;
  return certify_with(solved, {9, 4, 0, 0}, {});
}

namespace {

// The closed-form dual of the header, by regime (every multiplier over R):
// forward and backward on the rows (k, k+1) and (k+1, k), `first` and
// `second` on the slack rows of g_k and g_{k+1} for each step, weight times
// the path Laplacian as Y, 1 on the f* row at T - 1 and 1/2 more on its
// slack. The regimes agree at h = 1 (forward 1, backward 0, first 1/2,
// second 1/4, weight 0).
template <class S>
struct ClosedFormDual {
  S r, forward, backward, first, second, weight;
};
template <class S>
ClosedFormDual<S> closed_form_dual(long gradients, const S& h) {
  const S steps = S(gradients - 1);
  if (h <= 1) {
    return {steps * h * (4 - h) / 4 + S(0.5), S(1), S(0), h * (3 - h) / 4, h / 4, (1 - h) / 4};
  }
  return {steps * h * (4 - h * h) / 4 + S(0.5), (1 + h) / 2, (h - 1) / 2, h * (3 - h * h) / 4, h / 4, S(0)};
}

// Coefficients of the rows of one step on the Gram entries: row (k, k+1) on
// G_kk, G_{k,k+1}, G_{k+1,k+1}, and row (k+1, k) (x_{k+1} - x_k = -h g_k
// flips the inner products' sign); both have -1/4 on G_{k+1,k+1}.
struct StepRows {
  explicit StepRows(const D& h)
      : forward_kk(h * h / 4 - h / 2 - D(0.25)), forward_cross((1 - h) / 2),
        backward_kk(h * h / 4 + h / 2 - D(0.25)), backward_cross((1 + h) / 2), next(D(-0.25)) {}
  D forward_kk, forward_cross, backward_kk, backward_cross, next;
};

// The charge of one variable's residual rho = -(sum of `terms`): (|rho| +
// its rounding bound) times the bound on the variable.
D residual_charge(std::initializer_list<D> terms, double bound) {
  using std::abs;
  D rho = 0, magnitude = 0;
  for (const D& term : terms) {
    rho -= term;
    magnitude += abs(term);
  }
  return (abs(rho) + rounding_bound<D>(12, magnitude)) * D(bound);
}

// A consecutive-rows dual around index k: the multipliers of steps k - 1
// and k on their rows (k, k+1) and (k+1, k) (0 where a step does not
// exist), the slack row's, Y's diagonal entry and twice its (k, k+1) entry,
// and what the f* row adds on G_kk and f_k.
struct StepWeights {
  D forward = 0, backward = 0;
};
struct IndexDual {
  StepWeights before, at;
  bool has_next = true;  // G_{k,k+1} is a variable (k < T - 1)
  D slack = 0, y_diagonal = 0, y_cross = 0, floor_gram = 0, floor_value = 0;
};

// The charges of the variables at index k: G_kk (Y_kk; steps k as g_k and
// k - 1 as g_{k+1}, both ways; the slack row; the f* row), G_{k,k+1} (Y;
// both rows of step k), f_k (+1 on (k, k+1) and (k, k-1), -1 on (k+1, k)
// and (k-1, k); the f* row).
D index_charge(const StepRows& rows, const IndexDual& dual) {
  const StepWeights &before = dual.before, &at = dual.at;
  D charge = residual_charge({dual.y_diagonal, at.forward * rows.forward_kk, at.backward * rows.backward_kk,
                              before.forward * rows.next, before.backward * rows.next, dual.slack, dual.floor_gram},
                             2);
  if (dual.has_next) {
    charge += residual_charge({dual.y_cross, at.forward * rows.forward_cross, at.backward * rows.backward_cross}, 2);
  }
  return charge + residual_charge({at.forward, -at.backward, -before.forward, before.backward, dual.floor_value}, 1);
}

void require_closed_form_step(const char* function, long gradients, double h) {
  if (!(h > 0 && h <= std::sqrt(3.0)) || gradients < 1) {
    throw std::invalid_argument(std::string(function) + ": h = alpha L must be in (0, sqrt 3] and T >= 1");
  }
}

}  // namespace

Certificate certify_nonconvex_in_closed_form(int gradients, double h) {
  require_closed_form_step("certify_nonconvex_in_closed_form", gradients, h);
  const NonconvexRows rows{gradients, InterpolationPairs::consecutive};
  SolvedProgram solved{gradients, h, gd_on_smooth_nonconvex(rows, h), {}, rows.band()};
  const ClosedFormDual<double> m = closed_form_dual(gradients, h);
  SdpSolution& dual = solved.solution;
  dual.status = SdpStatus::optimal;
  dual.multipliers = Vector<double>::Zero(rows.rows());
  for (int k = 0; k + 1 < gradients; ++k) {
    dual.multipliers(rows.pair(k, k + 1)) = m.forward / m.r;
    dual.multipliers(rows.pair(k + 1, k)) = m.backward / m.r;
    dual.multipliers(rows.slack(k)) += m.first / m.r;
    dual.multipliers(rows.slack(k + 1)) += m.second / m.r;
  }
  dual.multipliers(rows.slack(gradients - 1)) += 0.5 / m.r;
  dual.multipliers(rows.floor(gradients - 1)) = 1 / m.r;
  const int d = solved.program.block_size;
  const double w = m.weight / m.r;
  dual.dual_matrix = Matrix<double>::Zero(d, d);
  for (int k = 0; k + 1 < gradients; ++k) {
    dual.dual_matrix(k, k) += w;
    dual.dual_matrix(k + 1, k + 1) += w;
    dual.dual_matrix(k, k + 1) -= w;
    dual.dual_matrix(k + 1, k) -= w;
  }
  return certify(solved);
}

Certificate certify_nonconvex_in_closed_form_structured(long gradients, double h, const ClosedFormScales& scales) {
  using std::abs;
  require_closed_form_step("certify_nonconvex_in_closed_form_structured", gradients, h);
  const long t_count = gradients;
  const D hd(h);
  const ClosedFormDual<D> m = closed_form_dual(t_count, hd);
  const D one = D(1) / m.r, forward = m.forward / m.r * D(scales.forward), backward = m.backward / m.r * D(scales.backward),
          mu = m.first / m.r * D(scales.first), nu = m.second / m.r * D(scales.second), half = D(0.5) / m.r;
  const D w = m.weight / m.r * D(scales.weight);  // Y = w sum_k (e_k - e_{k+1})(e_k - e_{k+1})^T
  const StepRows step_rows(hd);
  // Multipliers: rows (k, k+1) and (k+1, k) for k < T - 1; slack rows; the f* row at T - 1.
  const auto step = [&](long k) {
    return k >= 0 && k + 1 < t_count ? StepWeights{forward, backward} : StepWeights{};
  };
  const auto slack = [&](long t) {
    D s = 0;
    if (t + 1 < t_count) s += mu;   // as the first point of step t
    if (t >= 1) s += nu;            // as the second point of step t - 1
    if (t == t_count - 1) s += half;
    return s;
  };
  const auto y_diagonal = [&](long k) { return w * D((k >= 1 ? 1 : 0) + (k + 1 < t_count ? 1 : 0)); };
  D charge = 0;
  // Y's (k, k+1) entry is -w, counted twice (A.Y for G_{k,k+1}); the f* row
  // at T - 1 has -1/2 on G_{T-1,T-1}, +1 on f_{T-1} and -1 on f_0.
  const auto charge_index = [&](long k, long times) {
    const bool last = k == t_count - 1;
    const IndexDual dual{step(k - 1), step(k), k + 1 < t_count, slack(k), y_diagonal(k), -2 * w,
                         last ? -one / 2 : D(0), (last ? one : D(0)) + (k == 0 ? -one : D(0))};
    charge += index_charge(step_rows, dual) * D(times);
  };
  // The boundary indices 0, 1 and T - 2, T - 1 each once; the interior
  // [2, T - 2) through k = 2, charged once per interior index.
  const long interior_begin = 2, interior_end = t_count - 2;
  for (long k = 0; k < std::min(t_count, interior_begin); ++k) charge_index(k, 1);
  if (interior_end > interior_begin) charge_index(interior_begin, interior_end - interior_begin);
  for (long k = std::max(interior_begin, interior_end); k < t_count; ++k) charge_index(k, 1);
  // tau: c = -1; each slack row has -1 on it. Slack multipliers: t = 0 and
  // t = T - 1 each their own, every 1 <= t <= T - 2 the same (mu + nu).
  D slack_sum = slack(0);
  if (t_count > 1) slack_sum += slack(t_count - 1);
  if (t_count > 2) slack_sum += slack(1) * D(t_count - 2);
  charge += residual_charge({D(1), -slack_sum}, 2);
  // The dual value: only the f* row has a constant (b_0 = -1, i.e. +1 in the row).
  const D dual = -one;
  const D total = -dual + rounding_bound<D>(4, abs(dual)) + charge + rounding_bound<D>(4, charge);
  Certificate certificate;
  certificate.solver_status = SdpStatus::optimal;
  certificate.solver_upper = certificate.solver_lower = static_cast<double>(one);
  certificate.upper = round_up(total);
  certificate.verified = true;
  return certificate;
}

namespace {

// What a dual shows, at 100 digits, before it is summed into a bound: for
// every feasible x, c.x >= dual - dual_rounding + sum_k rho_k x_k, with each
// |rho_k x_k| <= charge_k (its rounding and the variable's bound included).
struct DualAccount {
  std::string failure;  // empty: the account is valid
  D dual = 0, dual_magnitude = 0, dual_rounding = 0, shift = 0;
  std::vector<D> residual;           // rho_k
  std::vector<D> residual_rounding;  // a bound on rho_k's own rounding error
  std::vector<D> charge;             // (|rho_k| + its rounding bound) X_k
};

DualAccount account(const SolvedProgram& solved, const VariableBounds& bounds, const CertificateCharges& charges) {
  using std::abs;
  const SemidefiniteProgram& program = solved.program;
  const SdpSolution& solution = solved.solution;
  DualAccount out;
  // The variable bounds below rest on f_{k+1} <= f_k, i.e. on h < 2.
  if (!(solved.step_times_lipschitz < 2)) {
    out.failure = "the certificate's variable bounds need h = alpha L < 2 (monotone descent)";
    return out;
  }
  // The certificate's validity does not rest on the solver's claim of
  // optimality, only its tightness does: a dual that did not reach the gap
  // still certifies, more loosely. Infeasible or unbounded programs do not.
  if (solution.status == SdpStatus::primal_infeasible || solution.status == SdpStatus::dual_infeasible ||
      !solution.dual_matrix.allFinite() || !solution.multipliers.allFinite()) {
    out.failure = "solver: " + to_string(solution.status);
    return out;
  }
  const int m = program.variables, d = program.block_size;
  const int p = static_cast<int>(program.inequalities.size());

  // Y: the solver's dual matrix, symmetrised, shifted until certainly PSD.
  const Matrix<double> y_solver = (solution.dual_matrix + solution.dual_matrix.transpose()) / 2;
  const Spectrum<double> spectrum = SymmetricEigenvalues<double>::of(y_solver, 0);
  const double guess = std::max(0.0, spectrum.rounding - spectrum.eigenvalues(0)) + 1e-14 * (1 + y_solver.norm());
  const Matrix<D> y0 = convert<D>(y_solver);
  const D shift = charges.psd_shift ? psd_shift(y0, guess) : D(0);
  if (!(shift >= 0)) {
    out.failure = "dual matrix not positive semidefinite after a shift of " + std::to_string(guess);
    return out;
  }
  const Matrix<D> y = y0 + shift * Matrix<D>::Identity(d, d);
  out.shift = shift;

  Vector<D> lambda(p);
  for (int i = 0; i < p; ++i) {
    lambda(i) = D(charges.clipped_multipliers ? std::max(0.0, solution.multipliers(i)) : solution.multipliers(i));
  }

  // Per variable: rho_k and the bound on |x_k| derived in the header.
  const int gram_variables = d * (d + 1) / 2;
  const auto variable_bound = [&](int k) {
    return D(k < gram_variables ? bounds.gram : k < m - bounds.extras ? bounds.value : bounds.extra);
  };
  for (int k = 0; k < m; ++k) {
    // Only the nonzero entries of A_k and of the rows' coefficients: the
    // programs are sparse, and 100-digit arithmetic is slow.
    const Matrix<double>& a = program.matrices[k + 1];
    D rho = D(program.cost(k));
    D magnitude = abs(rho);
    for (int i = 0; i < d; ++i) {
      for (int j = 0; j < d; ++j) {
        if (a(i, j) == 0) continue;
        rho -= D(a(i, j)) * y(i, j);
        magnitude += abs(D(a(i, j)) * y(i, j));
      }
    }
    for (int i = 0; i < p; ++i) {
      const double b = program.inequalities[i](k + 1);
      if (b == 0 || lambda(i) == 0) continue;
      rho -= lambda(i) * D(b);
      magnitude += abs(lambda(i) * D(b));
    }
    out.residual.push_back(rho);
    out.residual_rounding.push_back(rounding_bound<D>(p + d * d + 2.0, magnitude));
    out.charge.push_back(charges.residuals ? (abs(rho) + out.residual_rounding.back()) * variable_bound(k) : D(0));
  }
  out.dual = (convert<D>(program.matrices[0]).array() * y.array()).sum();
  out.dual_magnitude = abs(out.dual);
  for (int i = 0; i < p; ++i) {
    out.dual += lambda(i) * D(program.inequalities[i](0));
    out.dual_magnitude += abs(lambda(i) * D(program.inequalities[i](0)));
  }
  out.dual_rounding = rounding_bound<D>(p + d * d + 2.0, out.dual_magnitude);
  return out;
}

// A certificate not yet verified, carrying what the solver said of its program.
Certificate from_solver(const SdpSolution& solution) {
  Certificate certificate;
  certificate.solver_upper = -solution.dual_objective;
  certificate.solver_lower = -solution.primal_objective;
  certificate.solver_status = solution.status;
  return certificate;
}

Certificate certify_with(const SolvedProgram& solved, const VariableBounds& bounds,
                         const CertificateCharges& charges) {
  using std::abs;
  Certificate certificate = from_solver(solved.solution);
  const DualAccount dual = account(solved, bounds, charges);
  if (!dual.failure.empty()) {
    certificate.failure = dual.failure;
    return certificate;
  }
  certificate.shift = round_up(dual.shift);
  D cost_of_residuals = 0;
  for (const D& charge : dual.charge) cost_of_residuals += charge;
  // min c.x >= dual - error - cost_of_residuals, and the worst case is -min c.x.
  const D upper = -dual.dual + dual.dual_rounding + cost_of_residuals;
  // Rounding of this last combination: three more operations on magnitudes below.
  const D total = upper + rounding_bound<D>(4, abs(dual.dual) + dual.dual_magnitude + cost_of_residuals);
  if (!(total >= 0)) {
    certificate.failure = "certified value negative";
    return certificate;
  }
  certificate.upper = round_up(total);
  certificate.verified = true;
  return certificate;
}

}  // namespace

Certificate certify_with_repeated_tail(const SolvedProgram& head, long gradients, int tail_begin) {
  using std::abs;
  const int t0 = head.gradients;
  const double h = head.step_times_lipschitz;
  if (head.band != 2 || !(tail_begin >= 1 && tail_begin + 3 <= t0) || gradients < t0 || !(h > 1 && h < 2)) {
    throw std::invalid_argument("certify_with_repeated_tail: needs a near-rows (band 2) program at h in (1, 2), "
                                "tail steps tail_begin..T0-2 (at least two), and T >= T0");
  }
  // The head's dual with its tail steps set to the pattern exactly (what
  // the head left there is charged at the junction like any residual).
  SolvedProgram dual = head;
  const NonconvexRows rows{t0, 2};
  Vector<double>& lambda = dual.solution.multipliers;
  const double scale = lambda(rows.floor(t0 - 1));
  const double forward = scale * (1 + h) / 2, backward = scale * (h - 1) / 2;
  const double first = scale * h * (3 - h * h) / 4, second = scale * h / 4;
  for (int i = 0; i <= t0; ++i) {
    for (int j = std::max(0, i - 2); j <= std::min(t0, i + 2); ++j) {
      if (i != j && std::max(i, j) > tail_begin) lambda(rows.pair(i, j)) = 0;
    }
  }
  for (int k = tail_begin; k + 1 < t0; ++k) {
    lambda(rows.pair(k, k + 1)) = forward;
    lambda(rows.pair(k + 1, k)) = backward;
  }
  for (int t = tail_begin + 1; t <= t0; ++t) {
    if (t < t0) lambda(rows.slack(t)) = t + 1 < t0 ? first + second : second + scale / 2;
    if (t != t0 - 1) lambda(rows.floor(t)) = 0;
  }
  Matrix<double>& y = dual.solution.dual_matrix;
  for (int a = 0; a < y.rows(); ++a) {
    for (int b = 0; b < y.cols(); ++b) {
      if (std::max(a, b) > tail_begin) y(a, b) = 0;
    }
  }
  const DualAccount head_account = account(dual, {2, 1, 2, 1}, {});
  Certificate certificate = from_solver(head.solution);
  if (!head_account.failure.empty()) {
    certificate.failure = head_account.failure;
    return certificate;
  }
  certificate.shift = round_up(head_account.shift);
  // Each inserted step (an interior index k far from both ends) adds its
  // variables' residuals: G_kk (the rows of steps k and k - 1, its slack),
  // G_{k,k+1} (both rows of step k), f_k (+-1 from the four rows: exactly 0);
  // Y and every other row are 0 there, so every other residual is the
  // head's, and the slack sum grows by first + second.
  const D slack = D(first) + D(second);
  const StepWeights step{D(forward), D(backward)};
  IndexDual interior;
  interior.before = interior.at = step;
  interior.slack = slack;
  const D inserted = index_charge(StepRows(D(h)), interior);
  // tau's residual is 1 + rho_tau = the slack multipliers' sum: with the
  // other charges, tau <= (-dual + charges) / (1 + rho_tau) (the header).
  const D steps = D(gradients - t0);
  const int tau = head.program.variables - 1;
  D others = 0;
  for (int k = 0; k < tau; ++k) others += head_account.charge[static_cast<std::size_t>(k)];
  const D numerator = -head_account.dual + head_account.dual_rounding + others + steps * inserted;
  const D rounding = rounding_bound<D>(8, abs(head_account.dual) + head_account.dual_magnitude + others + steps * inserted);
  // 1 + rho_tau, lowered by rho_tau's own rounding bound and that of the
  // three operations here.
  const D tau_residual = head_account.residual[static_cast<std::size_t>(tau)];
  const D denominator = 1 + tau_residual + steps * slack - head_account.residual_rounding[static_cast<std::size_t>(tau)] -
                        rounding_bound<D>(4, 1 + abs(tau_residual) + steps * slack);
  if (!(denominator > 0)) {
    certificate.failure = "the slack multipliers do not sum to a positive tau coefficient";
    return certificate;
  }
  const D upper = (numerator + rounding) / denominator;
  certificate.upper = round_up(upper * (1 + rounding_gamma<D>(2)));
  certificate.verified = true;
  return certificate;
}

}  // namespace gdcheck::performance_estimation

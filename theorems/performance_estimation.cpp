#include "theorems/performance_estimation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gdcheck::performance_estimation {
namespace {

// The variables: G_ab (a <= b) of the Gram matrix of the basis, then the
// values f_0..f_N, then `extra` scalars. The basis is (x_0 - x*, g_0, ..., g_N)
// when a reference point x* is modelled, else (g_0, ..., g_N) (only
// differences of iterates appear); x_k = x_0 - h sum_{i<k} g_i.
struct GramLayout {
  int steps;            // N
  bool with_reference;  // x* (= 0, g* = 0, f* = 0) is point -1
  int extra = 0;

  int offset() const { return with_reference ? 1 : 0; }
  int size() const { return steps + 1 + offset(); }
  int gram_index(int a, int b) const {
    if (a > b) std::swap(a, b);
    return a * size() - a * (a - 1) / 2 + (b - a);  // row-major upper triangle
  }
  int gram_variables() const { return size() * (size() + 1) / 2; }
  int value_index(int k) const { return gram_variables() + k; }
  int extra_index(int e) const { return gram_variables() + steps + 1 + e; }
  int variables() const { return gram_variables() + steps + 1 + extra; }

  Vector<double> x(int k, double h) const {
    Vector<double> c = Vector<double>::Zero(size());
    if (k < 0) return c;
    if (with_reference) c(0) = 1;
    for (int i = 0; i < k; ++i) c(offset() + i) = -h;
    return c;
  }
  Vector<double> g(int k) const {
    Vector<double> c = Vector<double>::Zero(size());
    if (k >= 0) c(offset() + k) = 1;
    return c;
  }
  // A constraint row [b_0, b_1..b_m] (sum_k x_k b_k - b_0 >= 0), all zero.
  Vector<double> row() const { return Vector<double>::Zero(variables() + 1); }
  // Adds scale <u, v> (= scale u^T G v) to a row's Gram coefficients.
  void add_inner(Vector<double>& r, const Vector<double>& u, const Vector<double>& v, double scale) const {
    for (int a = 0; a < size(); ++a) {
      for (int b = a; b < size(); ++b) {
        const double coefficient = a == b ? u(a) * v(a) : u(a) * v(b) + u(b) * v(a);
        r(1 + gram_index(a, b)) += scale * coefficient;
      }
    }
  }
  void add_value(Vector<double>& r, int k, double scale) const {
    if (k >= 0) r(1 + value_index(k)) += scale;
  }

  // The program with G >= 0 and no other constraint or cost yet.
  SemidefiniteProgram empty_program() const {
    SemidefiniteProgram program;
    program.variables = variables();
    program.block_size = size();
    program.cost = Vector<double>::Zero(program.variables);
    program.matrices.assign(program.variables + 1, Matrix<double>::Zero(size(), size()));
    for (int a = 0; a < size(); ++a) {
      for (int b = a; b < size(); ++b) {
        Matrix<double>& e = program.matrices[1 + gram_index(a, b)];
        e(a, b) = e(b, a) = 1;
      }
    }
    return program;
  }
};

// The interpolation row of L-smooth functions (L = 1) between points i and j:
//   f_i - f_j - <g_i + g_j, x_i - x_j>/2 - ||g_i - g_j||^2/4 + ||x_i - x_j||^2/4 >= 0.
Vector<double> smooth_interpolation_row(const GramLayout& layout, int i, int j, double h) {
  const Vector<double> dx = layout.x(i, h) - layout.x(j, h), dg = layout.g(i) - layout.g(j);
  Vector<double> r = layout.row();
  layout.add_value(r, i, 1);
  layout.add_value(r, j, -1);
  layout.add_inner(r, layout.g(i) + layout.g(j), dx, -0.5);
  layout.add_inner(r, dg, dg, -0.25);
  layout.add_inner(r, dx, dx, 0.25);
  return r;
}

// Every program here maximises the worst case as "minimise its negative".
WorstCase worst_case(const SemidefiniteProgram& program) {
  const SdpSolution solution = solve(program);
  return {solution.status, -solution.primal_objective, -solution.dual_objective};
}

// `largest_step`: the convex program models the theorem's setting h < 2; the
// nonconvex one also serves the negative control beyond 2/L.
void require_setting(const char* where, int steps, double h, double largest_step) {
  if (steps < 1) throw std::invalid_argument(std::string(where) + ": steps = " + std::to_string(steps) + " < 1");
  if (!(h > 0 && h < largest_step)) {
    throw std::invalid_argument(std::string(where) + ": h = alpha L must be in (0, " +
                                std::to_string(largest_step).substr(0, 3) + ")");
  }
}

}  // namespace

SemidefiniteProgram gd_on_smooth_convex(int steps, double h) {
  require_setting("gd_on_smooth_convex", steps, h, 2);
  const GramLayout layout{steps, true};
  SemidefiniteProgram program = layout.empty_program();
  program.cost(layout.value_index(steps)) = -1;  // minimise -f_N
  for (int i = -1; i <= steps; ++i) {
    for (int j = -1; j <= steps; ++j) {
      if (i == j) continue;
      // f_i - f_j - <g_j, x_i - x_j> - ||g_i - g_j||^2 / 2 >= 0
      Vector<double> r = layout.row();
      layout.add_value(r, i, 1);
      layout.add_value(r, j, -1);
      layout.add_inner(r, layout.g(j), layout.x(i, h) - layout.x(j, h), -1);
      layout.add_inner(r, layout.g(i) - layout.g(j), layout.g(i) - layout.g(j), -0.5);
      program.inequalities.push_back(r);
    }
  }
  Vector<double> radius = layout.row();  // 1 - G_00 >= 0
  radius(0) = -1;
  radius(1 + layout.gram_index(0, 0)) = -1;
  program.inequalities.push_back(radius);
  return program;
}

SemidefiniteProgram gd_on_smooth_strongly_convex(int steps, double h, double curvature_ratio) {
  require_setting("gd_on_smooth_strongly_convex", steps, h, 2);
  if (!(curvature_ratio > 0 && curvature_ratio < 1)) {
    throw std::invalid_argument("gd_on_smooth_strongly_convex: mu/L must be in (0, 1)");
  }
  const double kappa = curvature_ratio;
  const GramLayout layout{steps, true};
  SemidefiniteProgram program = layout.empty_program();
  Vector<double> objective = layout.row();  // ||x_N - x*||^2 as a row, to read its coefficients
  layout.add_inner(objective, layout.x(steps, h), layout.x(steps, h), 1);
  program.cost = -objective.tail(layout.variables());  // minimise -||x_N - x*||^2
  for (int i = -1; i <= steps; ++i) {
    for (int j = -1; j <= steps; ++j) {
      if (i == j) continue;
      // f_i - f_j - <g_j, x_i - x_j>
      //   - (||g_i - g_j||^2 + kappa ||x_i - x_j||^2 - 2 kappa <g_j - g_i, x_j - x_i>) / (2 (1 - kappa)) >= 0
      const Vector<double> dx = layout.x(i, h) - layout.x(j, h), dg = layout.g(i) - layout.g(j);
      const double weight = -1 / (2 * (1 - kappa));
      Vector<double> r = layout.row();
      layout.add_value(r, i, 1);
      layout.add_value(r, j, -1);
      layout.add_inner(r, layout.g(j), dx, -1);
      layout.add_inner(r, dg, dg, weight);
      layout.add_inner(r, dx, dx, weight * kappa);
      layout.add_inner(r, dg, dx, -2 * kappa * weight);  // <g_j - g_i, x_j - x_i> = <dg, dx>
      program.inequalities.push_back(r);
    }
  }
  Vector<double> radius = layout.row();  // 1 - ||x_0 - x*||^2 >= 0
  radius(0) = -1;
  radius(1 + layout.gram_index(0, 0)) = -1;
  program.inequalities.push_back(radius);
  return program;
}

WorstCase gd_on_smooth_strongly_convex_worst_case(int steps, double h, double curvature_ratio) {
  return worst_case(gd_on_smooth_strongly_convex(steps, h, curvature_ratio));
}

double strongly_convex_contraction(int steps, double h, double curvature_ratio) {
  const double rate = std::max(std::abs(1 - h), std::abs(1 - h * curvature_ratio));
  return std::pow(rate, 2 * steps);
}

SemidefiniteProgram gd_on_smooth_nonconvex(int gradients, double h, InterpolationPairs pairs) {
  return gd_on_smooth_nonconvex(NonconvexRows{gradients, pairs}, h);
}

SemidefiniteProgram gd_on_smooth_nonconvex(const NonconvexRows& rows, double h) {
  const int gradients = rows.gradients;
  require_setting("gd_on_smooth_nonconvex", gradients, h, kLargestNonconvexStep);
  const GramLayout layout{gradients, false, 1};  // points x_0..x_T; extra: tau
  const int tau = layout.extra_index(0);
  SemidefiniteProgram program = layout.empty_program();
  program.inequalities.resize(rows.rows());
  program.cost(tau) = -1;  // minimise -tau
  for (int i = 0; i <= gradients; ++i) {
    for (int j = 0; j <= gradients; ++j) {
      if (i == j || std::abs(i - j) > rows.band()) continue;
      program.inequalities[rows.pair(i, j)] = smooth_interpolation_row(layout, i, j, h);
    }
  }
  for (int t = 0; t < gradients; ++t) {  // ||g_t||^2 - tau >= 0
    Vector<double> r = layout.row();
    layout.add_inner(r, layout.g(t), layout.g(t), 1);
    r(1 + tau) = -1;
    program.inequalities[rows.slack(t)] = r;
  }
  // f >= f* = f_0 - 1 everywhere implies, at every point, f_i - ||g_i||^2/2 >= f*
  // (L-smoothness: f(x_i - g_i) <= f_i - ||g_i||^2/2): f_i - f_0 - ||g_i||^2/2 + 1 >= 0.
  for (int i = 0; i <= gradients; ++i) {
    Vector<double> r = layout.row();
    r(0) = -1;
    layout.add_value(r, i, 1);
    layout.add_value(r, 0, -1);
    layout.add_inner(r, layout.g(i), layout.g(i), -0.5);
    program.inequalities[rows.floor(i)] = r;
  }
  return program;
}

WorstCase gd_on_smooth_nonconvex_worst_case(int gradients, double h, InterpolationPairs pairs) {
  return worst_case(gd_on_smooth_nonconvex(gradients, h, pairs));
}

SolvedProgram solve_gd_on_smooth_nonconvex(int gradients, double h) {
  return solve_gd_on_smooth_nonconvex(gradients, h, gradients <= kAllPairsUpTo ? gradients : 2);
}

SolvedProgram solve_gd_on_smooth_nonconvex(int gradients, double h, int band) {
  const NonconvexRows rows{gradients, band};
  SolvedProgram solved{gradients, h, gd_on_smooth_nonconvex(rows, h), {}, rows.band()};
  solved.solution = solve(solved.program);
  return solved;
}

SemidefiniteProgram gd_one_step_descent(double h) {
  require_setting("gd_one_step_descent", 1, h, 2);
  const GramLayout layout{1, false};  // basis (g_0, g_1); x_0 = 0, x_1 = -h g_0
  SemidefiniteProgram program = layout.empty_program();
  // minimise (f_0 - f_1) - h (1 - h/2) ||g_0||^2: the decrease beyond the lemma's demand
  program.cost(layout.value_index(0)) = 1;
  program.cost(layout.value_index(1)) = -1;
  program.cost(layout.gram_index(0, 0)) = -h * (1 - h / 2);
  for (const auto& [i, j] : {std::pair{0, 1}, std::pair{1, 0}}) {
    program.inequalities.push_back(smooth_interpolation_row(layout, i, j, h));
  }
  for (const double sign : {1.0, -1.0}) {  // ||g_0||^2 = 1 as two rows: +-(G_00 - 1) >= 0
    Vector<double> r = layout.row();
    r(0) = sign;
    r(1 + layout.gram_index(0, 0)) = sign;
    program.inequalities.push_back(r);
  }
  return program;
}

WorstCase gd_on_smooth_convex_worst_case(int steps, double h) {
  return worst_case(gd_on_smooth_convex(steps, h));
}

double drori_teboulle_value(int steps, double h) { return 1 / (4 * steps * h + 2); }

}  // namespace gdcheck::performance_estimation

#include "theorems/performance_estimation.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace gdcheck::performance_estimation {
namespace {

// The program's variables: G_ab (a <= b) of the (N + 2) x (N + 2) Gram
// matrix, then f_0..f_N; and the coefficient vectors of x_k - x* and g_k in
// the Gram basis (x_0 - x*, g_0, ..., g_N).
struct GramLayout {
  int size;   // N + 2
  int steps;  // N
  int gram_index(int a, int b) const {
    if (a > b) std::swap(a, b);
    return a * size - a * (a - 1) / 2 + (b - a);  // row-major upper triangle
  }
  int gram_variables() const { return size * (size + 1) / 2; }
  int value_index(int k) const { return gram_variables() + k; }
  int variables() const { return gram_variables() + steps + 1; }

  // point -1 is x* (x* = 0, g* = 0).
  Vector<double> x(int k, double h) const {
    Vector<double> c = Vector<double>::Zero(size);
    if (k < 0) return c;
    c(0) = 1;
    for (int i = 0; i < k; ++i) c(1 + i) = -h;
    return c;
  }
  Vector<double> g(int k) const {
    Vector<double> c = Vector<double>::Zero(size);
    if (k >= 0) c(1 + k) = 1;
    return c;
  }
  // Adds scale <u, v> (= scale u^T G v) to the row's Gram coefficients.
  void add_inner(Vector<double>& row, const Vector<double>& u, const Vector<double>& v, double scale) const {
    for (int a = 0; a < size; ++a) {
      for (int b = a; b < size; ++b) {
        const double coefficient = a == b ? u(a) * v(a) : u(a) * v(b) + u(b) * v(a);
        row(1 + gram_index(a, b)) += scale * coefficient;
      }
    }
  }
};

}  // namespace

SemidefiniteProgram gd_on_smooth_convex(int steps, double h) {
  if (steps < 1) throw std::invalid_argument("gd_on_smooth_convex: steps = " + std::to_string(steps) + " < 1");
  if (!(h > 0 && h < 2)) throw std::invalid_argument("gd_on_smooth_convex: h = alpha L must be in (0, 2)");
  const GramLayout layout{steps + 2, steps};
  SemidefiniteProgram program;
  program.variables = layout.variables();
  program.block_size = layout.size;
  program.cost = Vector<double>::Zero(program.variables);
  program.cost(layout.value_index(steps)) = -1;  // minimise -f_N
  program.matrices.assign(program.variables + 1, Matrix<double>::Zero(layout.size, layout.size));
  for (int a = 0; a < layout.size; ++a) {
    for (int b = a; b < layout.size; ++b) {
      Matrix<double>& e = program.matrices[1 + layout.gram_index(a, b)];
      e(a, b) = e(b, a) = 1;
    }
  }
  // Row layout [b_0, b_1..b_m]: the constraint is sum_k x_k b_k - b_0 >= 0.
  for (int i = -1; i <= steps; ++i) {
    for (int j = -1; j <= steps; ++j) {
      if (i == j) continue;
      Vector<double> row = Vector<double>::Zero(program.variables + 1);
      if (i >= 0) row(1 + layout.value_index(i)) += 1;
      if (j >= 0) row(1 + layout.value_index(j)) -= 1;
      layout.add_inner(row, layout.g(j), layout.x(i, h) - layout.x(j, h), -1);
      layout.add_inner(row, layout.g(i) - layout.g(j), layout.g(i) - layout.g(j), -0.5);
      program.inequalities.push_back(row);
    }
  }
  Vector<double> radius = Vector<double>::Zero(program.variables + 1);
  radius(0) = -1;                              // 1 - G_00 >= 0
  radius(1 + layout.gram_index(0, 0)) = -1;
  program.inequalities.push_back(radius);
  return program;
}

WorstCase gd_on_smooth_convex_worst_case(int steps, double h) {
  const SdpSolution solution = solve(gd_on_smooth_convex(steps, h));
  return {solution.status, -solution.primal_objective, -solution.dual_objective};
}

double drori_teboulle_value(int steps, double h) { return 1 / (4 * steps * h + 2); }

}  // namespace gdcheck::performance_estimation

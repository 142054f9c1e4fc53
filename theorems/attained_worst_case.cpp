#include "theorems/attained_worst_case.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <numeric>
#include <utility>
#include <vector>

#include <Eigen/Eigenvalues>

#include "lib/objectives/smooth_interpolant.hpp"
#include "lib/optimizers/gradient_descent.hpp"

namespace gdcheck::performance_estimation {
namespace {

// Integral of f' over [a, a + d] for the profile with curvature sigma then
// -sigma (switch where the slopes meet), from slope s to slope e.
struct Profile {
  double switch_offset;  // m - a
  double integral;
};
Profile profile(double s, double e, double d, double sigma) {
  const double m = d / 2 + (e - s) / (2 * sigma);
  const double integral = s * m + sigma * m * m / 2 + e * (d - m) + sigma * (d - m) * (d - m) / 2;
  return {m, integral};
}

// sigma(theta) for theta in [-1, 1]: |sigma| from the linear profile's
// |e - s|/d (theta = 0) to L = 1 (|theta| = 1), sign of theta.
double sigma_of(double theta, double s, double e, double d) {
  const double least = std::max(std::abs(e - s) / d, 1e-300);
  const double magnitude = least + std::abs(theta) * (1 - least);
  return theta >= 0 ? magnitude : -magnitude;
}


// The solver's point: the Gram matrix of g_0..g_T and f_0..f_T, shifted so
// that f* = 0 and f_0 = 1 (the program's normalisation f_0 - f* = 1).
struct ProgramPoint {
  Matrix<double> gram;
  std::vector<double> value;
};
std::optional<ProgramPoint> read_point(const SolvedProgram& solved, std::string& reason) {
  const SdpSolution& solution = solved.solution;
  if (solution.status == SdpStatus::primal_infeasible || solution.status == SdpStatus::dual_infeasible) {
    reason = "solver: " + to_string(solution.status);
    return std::nullopt;
  }
  const int size = solved.gradients + 1;
  ProgramPoint point{Matrix<double>(size, size), std::vector<double>(size)};
  int index = 0;
  for (int a = 0; a < size; ++a)
    for (int b = a; b < size; ++b) point.gram(a, b) = point.gram(b, a) = solution.x(index++);
  for (int t = 0; t < size; ++t) point.value[t] = solution.x(index + t) - solution.x(index) + 1;
  return point;
}

AttainedWorstCase from_top_eigenvector(const SolvedProgram& solved) {
  AttainedWorstCase out;
  out.construction = "top eigenvector of the optimal Gram matrix";
  const double h = solved.step_times_lipschitz;
  const auto point = read_point(solved, out.reason);
  if (!point) return out;
  const Matrix<double>& gram = point->gram;
  const std::vector<double>& value = point->value;
  const int size = solved.gradients + 1;
  // The top eigenpair by power iteration (G is positive semidefinite), and
  // the second eigenvalue's size from the trace: lambda_2 <= tr G - lambda_1.
  Vector<double> v = Vector<double>::Ones(size) / std::sqrt(double(size));
  double top = 0;
  for (int iteration = 0; iteration < 10000; ++iteration) {
    const Vector<double> w = gram * v;
    const double norm = w.norm();
    if (!(norm > 0)) break;
    const bool settled = std::abs(norm - top) <= 1e-15 * norm;
    top = norm;
    v = w / norm;
    if (settled) break;
  }
  if (!(top > 0)) {
    out.reason = "the optimal Gram matrix is zero";
    return out;
  }
  out.rank_one = gram.trace() - top <= 1e-7 * top;
  Vector<double> g = std::sqrt(top) * v;
  if (g(0) < 0) g = -g;
  std::vector<double> x(size);
  for (int t = 0; t < size; ++t) x[t] = t == 0 ? 0.0 : x[t - 1] - h * g(t - 1);
  std::vector<int> order(size);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int i, int j) { return x[i] < x[j]; });
  for (int k = 0; k + 1 < size; ++k) {
    if (!(x[order[k + 1]] - x[order[k]] > 1e-12)) {
      out.reason = "two iterates coincide";
      return out;
    }
  }
  // Pieces: left of the first point curvature +1; between x-neighbours two
  // pieces (sigma, -sigma); right of the last point +1.
  PiecewiseCurvatureSpec& spec = out.instance;
  spec.curvatures.push_back(1);
  for (int k = 0; k + 1 < size; ++k) {
    const int i = order[k], j = order[k + 1];
    const double d = x[j] - x[i], s = g(i), e = g(j);
    if (std::abs(e - s) > d * (1 + 1e-9)) {
      out.reason = "slopes of x-neighbours differ by more than L times their distance";
      return out;
    }
    // Bisection on theta for the integral f_j - f_i, clipped to [I(-1), I(1)].
    const double target = std::clamp(value[j] - value[i], profile(s, e, d, sigma_of(-1, s, e, d)).integral,
                                     profile(s, e, d, sigma_of(1, s, e, d)).integral);
    double lo = -1, hi = 1;
    for (int step = 0; step < 200; ++step) {
      const double mid = (lo + hi) / 2;
      (profile(s, e, d, sigma_of(mid, s, e, d)).integral < target ? lo : hi) = mid;
    }
    const double sigma = sigma_of((lo + hi) / 2, s, e, d);
    const double m = std::clamp(profile(s, e, d, sigma).switch_offset, 0.0, d);
    spec.breakpoints.push_back(x[i]);
    if (m > 0 && m < d) {
      spec.curvatures.push_back(sigma);
      spec.breakpoints.push_back(x[i] + m);
      spec.curvatures.push_back(-sigma);
    } else {
      spec.curvatures.push_back(m <= 0 ? -sigma : sigma);
    }
  }
  spec.breakpoints.push_back(x[order[size - 1]]);
  spec.curvatures.push_back(1);
  spec.anchor_value = value[order[0]];
  spec.anchor_slope = g(order[0]);
  out.start = x[0];

  out.built = true;
  return out;
}

}  // namespace

namespace {

// The library's GD at 100 digits: `steps` steps of alpha = h (L = 1) from
// `start`, each iterate shown to `observer`.
template <class Objective, class Observer>
RunResult<Decimal100> run_at_100_digits(const Objective& f, const Vector<Decimal100>& start, int steps, double h,
                                        Observer&& observer) {
  GradientDescentOptions<Decimal100> options;
  options.step = Decimal100(h);
  options.max_iterations = steps;
  return gradient_descent(f, start, options, observer);
}
template <class Observer>
RunResult<Decimal100> run_at_100_digits(const PiecewiseCurvature<Decimal100>& f, double start, int steps, double h,
                                        Observer&& observer) {
  return run_at_100_digits(f, Vector<Decimal100>::Constant(1, Decimal100(start)), steps, h, observer);
}

// min_{t<T} ||grad f(x_t)||^2 / (L (f(x_0) - f*)) of the library's GD on f
// (its exact infimum f*), T steps of alpha = h (L = 1) from `start`.
template <class Objective>
double ratio_of_run(const Objective& f, const Vector<Decimal100>& start, int gradients, double h) {
  Decimal100 smallest = -1, start_value = 0;
  run_at_100_digits(f, start, gradients, h, [&](const Iterate<Decimal100>& it) {
    if (it.t == 0) start_value = it.value;
    if (it.t < gradients) {
      const Decimal100 squared = it.gradient.squaredNorm();
      if (smallest < 0 || squared < smallest) smallest = squared;
    }
  });
  return static_cast<double>(smallest / (start_value - f.lower_bound()->value));
}

using Data = std::vector<InterpolationPoint<Decimal100>>;

// GD's data in R^d from gradients g_0..g_T: x_0 = 0, x_{t+1} = x_t - h g_t.
Data gd_data(const std::vector<Vector<Decimal100>>& gradients, const std::vector<Decimal100>& values, double h) {
  Data data;
  Vector<Decimal100> x = Vector<Decimal100>::Zero(gradients[0].size());
  for (std::size_t t = 0; t < gradients.size(); ++t) {
    data.push_back({x, values[t], gradients[t]});
    x = x - Decimal100(h) * gradients[t];
  }
  return data;
}

// The Gram matrix's own instance (issue 25, item 1), for when the worst case
// is not one-dimensional: every eigen-direction of the solver's Gram matrix
// kept (rank r), the data (x_t, f_t, g_t) it describes in R^r, and the
// L-smooth function through them (SmoothInterpolant: in the class whatever
// the data, through them when their interpolation conditions hold). The
// solver's point meets its rows only to its accuracy (slacks ~ -1e-8), so it
// is first mixed with a strictly feasible point -- GD on the quadratic
// (x + 1)^2 / 4 from 0, curvature 1/2, whose every slack is
// (1 - 1/4) ||x_i - x_j||^2 / 4 > 0 -- as Gram matrices: the direct sum
// (sqrt(1 - w) g_t, sqrt(w) g'_t) in R^{r+1} with values (1 - w) f + w f',
// which every row (linear in the Gram matrix and f) sees as the mixture.
// w is twice the least weight that makes every slack positive, so the ratio
// loses about w of its value; every slack is then re-checked at 100 digits
// and the library's GD run on the interpolant with its exact infimum.
struct MixedInterpolant {
  AttainedWorstCase attained;
  double weight = 1;  // of the strictly feasible partner mixed in; 1 until mixed
};
MixedInterpolant from_gram_interpolant(const SolvedProgram& solved) {
  MixedInterpolant result;
  AttainedWorstCase& out = result.attained;
  out.construction = "interpolant of the optimal Gram matrix";
  const auto point = read_point(solved, out.reason);
  if (!point) return result;
  const int size = solved.gradients + 1;
  const double h = solved.step_times_lipschitz;
  using D = Decimal100;
  const Eigen::SelfAdjointEigenSolver<Matrix<double>> eigen(point->gram);
  const Vector<double>& spectrum = eigen.eigenvalues();
  std::vector<int> kept;
  for (int k = 0; k < size; ++k) {
    if (spectrum(k) > 1e-12 * spectrum.maxCoeff()) kept.push_back(k);
  }
  if (kept.empty()) {
    out.reason = "the optimal Gram matrix is zero";
    return result;
  }
  std::vector<Vector<D>> g(size, Vector<D>(kept.size())), g_partner(size, Vector<D>(1));
  std::vector<D> f(size), f_partner(size);
  D x_partner = 0;
  for (int t = 0; t < size; ++t) {
    for (std::size_t k = 0; k < kept.size(); ++k) {
      g[t](k) = D(eigen.eigenvectors()(t, kept[k])) * sqrt(D(spectrum(kept[k])));
    }
    f[t] = D(point->value[t]);
    g_partner[t](0) = (x_partner + 1) / 2;
    f_partner[t] = (x_partner + 1) * (x_partner + 1) / 4;
    x_partner -= D(h) * g_partner[t](0);
  }
  const Data solver = gd_data(g, f, h), partner = gd_data(g_partner, f_partner, h);
  D weight = D(1e-40);  // enough for margins far above 100-digit rounding
  for (int i = 0; i < size; ++i) {
    for (int j = 0; j < size; ++j) {
      if (i == j) continue;
      const D slack = interpolation_slack(solver[i], solver[j], D(1));
      const D margin = interpolation_slack(partner[i], partner[j], D(1));
      if (slack < 0) weight = std::max(weight, D(2 * -slack / (margin - slack)));
    }
  }
  if (weight > D(0.5)) {
    out.reason = "the solver's point is too far from its rows to mix (weight " + describe_value(double(weight)) + ")";
    return result;
  }
  std::vector<Vector<D>> mixed_g(size, Vector<D>(kept.size() + 1));
  std::vector<D> mixed_f(size);
  for (int t = 0; t < size; ++t) {
    mixed_g[t] << sqrt(1 - weight) * g[t], sqrt(weight) * g_partner[t];
    mixed_f[t] = (1 - weight) * f[t] + weight * f_partner[t];
  }
  result.weight = static_cast<double>(weight);
  const SmoothInterpolant<D> instance(gd_data(mixed_g, mixed_f, h), D(1));
  for (int t = 0; t < size; ++t) {
    if (!(instance.vertex_margin(instance.points()[t].x) >= 0)) {
      out.reason = "the mixed data miss an interpolation condition at x_" + std::to_string(t);
      return result;
    }
  }
  char name[160];
  std::snprintf(name, sizeof name, "interpolant of the optimal Gram matrix (dimension %zu, mixed with weight %.0e)",
                kept.size() + 1, double(weight));
  out.construction = name;
  out.dimension = static_cast<int>(kept.size()) + 1;
  try {
    out.ratio = ratio_of_run(instance, instance.points()[0].x, solved.gradients, h);
  } catch (const std::domain_error& e) {
    out.reason = e.what();
    return result;
  }
  out.built = true;
  return result;
}

// A quadratic c x^2 / 2 (minimiser 0, f* = 0) as the family's instance.
PiecewiseCurvatureSpec quadratic_spec(double curvature) {
  PiecewiseCurvatureSpec spec;
  spec.curvatures = {curvature};
  return spec;
}

}  // namespace

// min_{t<T} f'(x_t)^2 / (L (f(x_0) - f*)) of the library's GD on the
// instance, T steps of alpha = h (L = 1) from `start`, at 100 digits.
double measured_ratio(const PiecewiseCurvatureSpec& spec, double start, int gradients, double h) {
  return ratio_of_run(PiecewiseCurvature<Decimal100>(spec), Vector<Decimal100>::Constant(1, Decimal100(start)),
                      gradients, h);
}

PiecewiseCurvatureSpec dip_profile(int gradients, double h) {
  PiecewiseCurvatureSpec spec;
  spec.curvatures = {1};  // left of x_{T-1}
  for (int t = gradients - 1; t >= 1; --t) {
    const double x = -t * h;  // x_t; the segment [x_t, x_{t-1}] dips at its middle
    spec.breakpoints.insert(spec.breakpoints.end(), {x, x + h / 2});
    spec.curvatures.insert(spec.curvatures.end(), {-1, 1});
  }
  // f'(x_0) = 1 at the first breakpoint's side: anchored at t_1 = x_{T-1}
  // (f' = 1 there too), or at 0 for T = 1.
  spec.anchor_slope = 1;
  return spec;
}

double dip_profile_value(int gradients, double h) { return 4 / (2 + (gradients - 1) * h * (4 - h)); }

namespace {

// x_N of the library's GD on the instance, N steps of alpha = h from x_0 = 1, at 100 digits.
Decimal100 end_point(const PiecewiseCurvature<Decimal100>& f, int steps, double h) {
  return run_at_100_digits(f, 1, steps, h, [](const auto&) {}).x(0);
}

}  // namespace

AttainedValue attained_gd_on_smooth_convex(int steps, double h) {
  const double tau = 1 / (2 * steps * h + 1);
  PiecewiseCurvatureSpec huber;
  huber.breakpoints = {-tau, tau};
  huber.curvatures = {0, 1, 0};
  huber.anchor_value = tau * tau / 2;  // f(-tau), so that f(0) = 0 = f*
  huber.anchor_slope = -tau;
  AttainedValue best{-1, ""};
  for (const auto& [spec, name] : {std::pair{huber, "Huber function (Drori & Teboulle)"},
                                   std::pair{quadratic_spec(1), "quadratic L x^2/2"}}) {
    const PiecewiseCurvature<Decimal100> f(spec);
    const Decimal100 x = end_point(f, steps, h);
    const double value = static_cast<double>(f.value(Vector<Decimal100>::Constant(1, x)) -
                                             f.value(Vector<Decimal100>::Zero(1)));
    if (value > best.value) best = {value, name};
  }
  return best;
}

AttainedValue attained_gd_on_smooth_strongly_convex(int steps, double h, double curvature_ratio) {
  AttainedValue best{-1, ""};
  for (const auto& [curvature, name] : {std::pair{1.0, "quadratic L x^2/2"}, std::pair{curvature_ratio, "quadratic mu x^2/2"}}) {
    const Decimal100 x = end_point(PiecewiseCurvature<Decimal100>(quadratic_spec(curvature)), steps, h);
    const double value = static_cast<double>(x * x);
    if (value > best.value) best = {value, name};
  }
  return best;
}

AttainedWorstCase attained_gd_on_smooth_nonconvex(int gradients, double h) {
  return attain(solve_gd_on_smooth_nonconvex(gradients, h));
}

AttainedWorstCase attain(const SolvedProgram& solved) {
  AttainedWorstCase best = from_top_eigenvector(solved);
  if (best.built) best.ratio = measured_ratio(best.instance, best.start, solved.gradients, solved.step_times_lipschitz);
  // The quadratic L x^2 / 2 from x_0 = 1: the worst case at T = 1 (||g_0||^2 =
  // 2 L (f_0 - f*), the most L-smoothness allows) and for every T once h >= 2
  // (|g_t| = |1 - h|^t |g_0| never shrinks), and a lower bound everywhere.
  AttainedWorstCase quadratic;
  quadratic.built = true;
  quadratic.construction = "quadratic L x^2/2";
  quadratic.instance = quadratic_spec(1);
  quadratic.start = 1;
  quadratic.ratio = measured_ratio(quadratic.instance, quadratic.start, solved.gradients, solved.step_times_lipschitz);
  AttainedWorstCase dip;
  dip.built = true;
  dip.construction = "dip profile";
  dip.instance = dip_profile(solved.gradients, solved.step_times_lipschitz);
  dip.ratio = measured_ratio(dip.instance, 0, solved.gradients, solved.step_times_lipschitz);
  // A program with rows between near pairs only (T > kAllPairsUpTo) may
  // return a point that misses far rows, which the interpolant needs (at
  // alpha L = 1.9, T = 25..50, rows within 2 miss them, within 6 meet them
  // all); while no candidate reaches the solver's value, re-solve with the
  // band doubled, up to every pair.
  MixedInterpolant mixed = from_gram_interpolant(solved);
  const double solver_value = -solved.solution.primal_objective;
  for (int band = 2 * solved.band; mixed.weight > 1e-6 && solved.band > 0 && band < 2 * solved.gradients; band *= 2) {
    const double reached = std::max({best.built ? best.ratio : 0.0, quadratic.ratio, dip.ratio,
                                     mixed.attained.built ? mixed.attained.ratio : 0.0});
    if (reached >= (1 - 1e-5) * solver_value) break;
    mixed = from_gram_interpolant(solve_gd_on_smooth_nonconvex(solved.gradients, solved.step_times_lipschitz, band));
    AttainedWorstCase& interpolant = mixed.attained;
    if (interpolant.built) interpolant.construction += ", re-solved with rows within " + std::to_string(std::min(band, solved.gradients));
  }
  AttainedWorstCase& interpolant = mixed.attained;
  // `reason` keeps why each candidate that could not be built was not.
  std::string reasons;
  for (const AttainedWorstCase* candidate : {&best, &interpolant}) {
    if (!candidate->built) reasons += (reasons.empty() ? "" : "; ") + candidate->construction + ": " + candidate->reason;
  }
  for (AttainedWorstCase* candidate : {&quadratic, &dip, &interpolant}) {
    if (candidate->built && (!best.built || candidate->ratio > best.ratio)) best = *candidate;
  }
  best.reason = reasons;
  return best;
}

}  // namespace gdcheck::performance_estimation

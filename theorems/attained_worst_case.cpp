#include "theorems/attained_worst_case.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

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


AttainedWorstCase from_top_eigenvector(const SolvedProgram& solved) {
  AttainedWorstCase out;
  out.construction = "top eigenvector of the optimal Gram matrix";
  const int gradients = solved.gradients;
  const double h = solved.step_times_lipschitz;
  const SdpSolution& solution = solved.solution;
  if (solution.status == SdpStatus::primal_infeasible || solution.status == SdpStatus::dual_infeasible) {
    out.reason = "solver: " + to_string(solution.status);
    return out;
  }
  const int size = gradients + 1;
  Matrix<double> gram(size, size);
  int index = 0;
  for (int a = 0; a < size; ++a)
    for (int b = a; b < size; ++b) gram(a, b) = gram(b, a) = solution.x(index++);
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
  std::vector<double> x(size), value(size);
  const double f0 = solution.x(index);
  for (int t = 0; t < size; ++t) {
    x[t] = t == 0 ? 0.0 : x[t - 1] - h * g(t - 1);
    value[t] = solution.x(index + t) - f0 + 1;  // f* = 0, f_0 = 1
  }
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

// The library's GD on a 1-D instance at 100 digits: `steps` steps of
// alpha = h (L = 1) from `start`, each iterate shown to `observer`.
template <class Observer>
RunResult<Decimal100> run_at_100_digits(const PiecewiseCurvature<Decimal100>& f, double start, int steps, double h,
                                        Observer&& observer) {
  GradientDescentOptions<Decimal100> options;
  options.step = Decimal100(h);
  options.max_iterations = steps;
  return gradient_descent(f, Vector<Decimal100>::Constant(1, Decimal100(start)), options, observer);
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
  const PiecewiseCurvature<Decimal100> f(spec);
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
  for (AttainedWorstCase* candidate : {&quadratic, &dip}) {
    if (!best.built || candidate->ratio > best.ratio) {
      candidate->reason = best.reason;
      best = *candidate;
    }
  }
  return best;
}

}  // namespace gdcheck::performance_estimation

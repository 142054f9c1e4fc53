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
#include "theorems/exact_gd_rate.hpp"

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

// GD's data from gradients g_0..g_T and values f_0..f_T in R^d, made
// strictly interpolable and run. Data that meet their interpolation rows only
// to their maker's accuracy (a solver's point: slacks ~ -1e-8), or exactly
// (a closed form's tight rows, at 100-digit rounding), are first mixed with a
// strictly feasible point -- GD on the linear function x from 0, x_t = -h t,
// whose every slack is ||x_i - x_j||^2 / 4 = h^2 (i - j)^2 / 4 > 0 (a
// contracting partner's margins fade: on the quadratic (x + 1)^2 / 4 they
// fall as (1 - h/2)^{2t}, below 100-digit rounding at alpha L = 1.8 by
// t = 38) -- as Gram matrices: the direct sum (sqrt(1 - w) g_t, sqrt(w) g'_t) in R^{d+1}
// with values (1 - w) f + w f', which every row (linear in the Gram matrix
// and f) sees as the mixture. w is twice the least weight that makes every
// slack positive, at least 1e-40, so the ratio loses about w of its value;
// every point is then re-checked at 100 digits and the library's GD run on
// the L-smooth function through the mixed data (SmoothInterpolant: in the
// class whatever the data, through them when their rows hold) with its exact
// infimum.
struct MixedInterpolant {
  AttainedWorstCase attained;
  double weight = 1;  // of the strictly feasible partner mixed in; 1 until mixed
};
using D = Decimal100;
MixedInterpolant run_on_interpolant(const std::vector<Vector<D>>& g, const std::vector<D>& f, double h,
                                    int gradients, const std::string& construction) {
  MixedInterpolant result;
  AttainedWorstCase& out = result.attained;
  out.construction = construction;
  const std::size_t size = g.size(), dimension = static_cast<std::size_t>(g[0].size());
  std::vector<Vector<D>> g_partner(size, Vector<D>::Ones(1));
  std::vector<D> f_partner(size);
  for (std::size_t t = 0; t < size; ++t) f_partner[t] = -D(h) * static_cast<long>(t);
  const Data data = gd_data(g, f, h), partner = gd_data(g_partner, f_partner, h);
  D weight = D(1e-40);  // enough for margins far above 100-digit rounding
  for (std::size_t i = 0; i < size; ++i) {
    for (std::size_t j = 0; j < size; ++j) {
      if (i == j) continue;
      const D slack = interpolation_slack(data[i], data[j], D(1));
      const D margin = interpolation_slack(partner[i], partner[j], D(1));
      if (slack < 0) weight = std::max(weight, D(2 * -slack / (margin - slack)));
    }
  }
  if (weight > D(0.5)) {
    out.reason = "the data are too far from their rows to mix (weight " + describe_value(double(weight)) + ")";
    return result;
  }
  std::vector<Vector<D>> mixed_g(size, Vector<D>(dimension + 1));
  std::vector<D> mixed_f(size);
  for (std::size_t t = 0; t < size; ++t) {
    mixed_g[t] << sqrt(1 - weight) * g[t], sqrt(weight) * g_partner[t];
    mixed_f[t] = (1 - weight) * f[t] + weight * f_partner[t];
  }
  result.weight = static_cast<double>(weight);
  const SmoothInterpolant<D> instance(gd_data(mixed_g, mixed_f, h), D(1));
  for (std::size_t t = 0; t < size; ++t) {
    if (!(instance.vertex_margin(instance.points()[t].x) >= 0)) {
      out.reason = "the mixed data miss an interpolation condition at x_" + std::to_string(t);
      return result;
    }
  }
  char name[200];
  std::snprintf(name, sizeof name, "%s (dimension %zu, mixed with weight %.0e)", construction.c_str(),
                dimension + 1, double(weight));
  out.construction = name;
  out.dimension = static_cast<int>(dimension) + 1;
  try {
    out.ratio = ratio_of_run(instance, instance.points()[0].x, gradients, h);
  } catch (const std::domain_error& e) {
    out.reason = e.what();
    return result;
  }
  out.built = true;
  return result;
}

// The Gram matrix's own instance (issue 25, item 1), for when no closed form
// gives the worst case: every eigen-direction of the solver's Gram matrix
// kept (rank r), the data (x_t, f_t, g_t) it describes in R^r, run as above.
MixedInterpolant from_gram_interpolant(const SolvedProgram& solved) {
  const std::string construction = "interpolant of the optimal Gram matrix";
  MixedInterpolant result;
  result.attained.construction = construction;
  const auto point = read_point(solved, result.attained.reason);
  if (!point) return result;
  const int size = solved.gradients + 1;
  const Eigen::SelfAdjointEigenSolver<Matrix<double>> eigen(point->gram);
  const Vector<double>& spectrum = eigen.eigenvalues();
  std::vector<int> kept;
  for (int k = 0; k < size; ++k) {
    if (spectrum(k) > 1e-12 * spectrum.maxCoeff()) kept.push_back(k);
  }
  if (kept.empty()) {
    result.attained.reason = "the optimal Gram matrix is zero";
    return result;
  }
  std::vector<Vector<D>> g(size, Vector<D>(kept.size()));
  std::vector<D> f(size);
  for (int t = 0; t < size; ++t) {
    for (std::size_t k = 0; k < kept.size(); ++k) {
      g[t](k) = D(eigen.eigenvectors()(t, kept[k])) * sqrt(D(spectrum(kept[k])));
    }
    f[t] = D(point->value[t]);
  }
  return run_on_interpolant(g, f, solved.step_times_lipschitz, solved.gradients, construction);
}

// Rotaru, Glineur & Patrinos's worst case for 1 < h < 2 (exact_gd_rate.hpp;
// the data of their tightness proof, written out here at 100 digits), past
// the quadratic phase (N = T - 1 > Nbar; up to it the quadratic L x^2/2
// attains the rate). L = 1, n = 1 - h, m = 1 + h, K = Nbar, gradients scaled
// so that min_t ||g_t|| = 1:
//  - t <= K: GD on the saddle quadratic (x_1^2 - x_2^2)/2, g_t = (n^{t-K} a,
//    m^{t-K} b, 0) with a^2 = (m^2 - 1)/(m^2 - n^2), b^2 = 1 - a^2, so
//    ||g_K|| = 1 and the earlier gradients are longer (T_i >= 0 for i <= K);
//  - t > K: g_t = n g_{t-1} + (m - n)/(1 + q^2) (0, u - q v, q u + v) with
//    (u, v) the last two entries of g_{t-1} and
//    q = (-1)^{t-K-1} sqrt((m^2 - 1)(1 - n^{2(t-K-1)})/(1 - n^2)): each step
//    turns the gradient in the (x_2, x_3) plane, keeping its norm 1;
//  - f_t = h (4 - h^2)/4 ((N - t) - (h/2) sum_{i=1}^{K-t} T_i), so f_N = 0,
//    f* = -1/2 and f_0 - f* is the rate's 1 + D over 2.
bool rotating_worst_case_applies(int gradients, double h) {
  return h > 1 && h < 2 && gradients - 1 > quadratic_phase_length(h);
}
MixedInterpolant rotating_worst_case(int gradients, double step) {
  const std::string construction = "rotating worst case (Rotaru, Glineur & Patrinos)";
  MixedInterpolant result;
  result.attained.construction = construction;
  if (!rotating_worst_case_applies(gradients, step)) {
    result.attained.reason = "only for 1 < h < 2 past the quadratic phase (T - 1 > Nbar)";
    return result;
  }
  const int steps = gradients - 1, quadratic_steps = quadratic_phase_length(step);
  const D h(step), n = 1 - h, m = 1 + h;
  const D a = sqrt((m * m - 1) / (m * m - n * n)), b = sqrt(1 - a * a);
  std::vector<Vector<D>> g(static_cast<std::size_t>(steps) + 1, Vector<D>(3));
  for (int t = 0; t <= steps; ++t) {
    Vector<D>& gt = g[static_cast<std::size_t>(t)];
    if (t <= quadratic_steps) {
      gt << pow(n, t - quadratic_steps) * a, pow(m, t - quadratic_steps) * b, 0;
      continue;
    }
    const Vector<D>& before = g[static_cast<std::size_t>(t) - 1];
    const int turn = t - quadratic_steps - 1;
    const D q = (turn % 2 == 0 ? 1 : -1) * sqrt((m * m - 1) * (1 - pow(n, 2 * turn)) / (1 - n * n));
    const D u = before(1), v = before(2), scale = (m - n) / (1 + q * q);
    gt = n * before;
    gt(1) += scale * (u - q * v);
    gt(2) += scale * (q * u + v);
  }
  std::vector<D> f(static_cast<std::size_t>(steps) + 1);
  for (int t = 0; t <= steps; ++t) {
    D excess = 0;
    for (int i = 1; i <= quadratic_steps - t; ++i) excess += (2 - pow(n, -2 * i) - pow(m, -2 * i)) / h;
    f[static_cast<std::size_t>(t)] = h * (4 - h * h) / 4 * ((steps - t) - h / 2 * excess);
  }
  return run_on_interpolant(g, f, step, gradients, construction);
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

AttainedWorstCase gram_interpolant(const SolvedProgram& solved) { return from_gram_interpolant(solved).attained; }

AttainedWorstCase rotating_worst_case_instance(int gradients, double h) {
  return rotating_worst_case(gradients, h).attained;
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
  // For 1 < h < 2 past the quadratic phase, the closed form's own instance.
  MixedInterpolant rotating = rotating_worst_case(solved.gradients, solved.step_times_lipschitz);
  // The solver's own point, for where no closed form applies. (Beyond
  // kAllPairsUpTo the program keeps near rows only and its point may miss far
  // rows, which the interpolant needs; the closed forms cover those cells.)
  MixedInterpolant mixed = from_gram_interpolant(solved);
  AttainedWorstCase& interpolant = mixed.attained;
  // `reason` keeps why each candidate that could not be built was not (the
  // rotating instance only where it applies).
  std::string reasons;
  for (const AttainedWorstCase* candidate : {&best, &interpolant}) {
    if (!candidate->built) reasons += (reasons.empty() ? "" : "; ") + candidate->construction + ": " + candidate->reason;
  }
  if (!rotating.attained.built && rotating_worst_case_applies(solved.gradients, solved.step_times_lipschitz)) {
    reasons += (reasons.empty() ? "" : "; ") + rotating.attained.construction + ": " + rotating.attained.reason;
  }
  for (AttainedWorstCase* candidate : {&quadratic, &dip, &interpolant, &rotating.attained}) {
    if (candidate->built && (!best.built || candidate->ratio > best.ratio)) best = *candidate;
  }
  best.reason = reasons;
  return best;
}

}  // namespace gdcheck::performance_estimation

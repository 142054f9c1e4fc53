#include "theorems/linear_net_saddles.hpp"

#include <algorithm>

#include "lib/optimizers/perturbed_gradient_descent.hpp"
#include "lib/random.hpp"
#include "lib/sampling.hpp"
#include "theorems/library_optimizers.hpp"

namespace gdcheck::linear_net_saddles {

long library_gd_escape_steps(int depth, double phi, double step, double delta, double radius, long budget,
                             const Vector<double>& direction) {
  return escape_steps<double>(depth, phi, step, delta, radius, budget, LibraryGradientDescent{}, direction);
}

long library_gd_escape_steps(int depth, double phi, double step, const Decimal50& delta, double radius, long budget) {
  return escape_steps<Decimal50>(depth, phi, step, delta, radius, budget, LibraryGradientDescent{});
}

OriginCheck<Decimal50> check_origin_at_50_digits(const DeepLinearChainSpec& spec) {
  return check_origin(DeepLinearChain<Decimal50>(spec), convert<Decimal50>(deep_linear_target(spec)));
}

DirectionCheck<Decimal50> check_random_direction_at_50_digits(const DeepLinearChainSpec& spec,
                                                              std::uint64_t direction_seed, double t) {
  const DeepLinearChain<Decimal50> f(spec);
  Rng rng(direction_seed);
  const Vector<Decimal50> direction = convert<Decimal50>(uniform_on_sphere(rng, f.dimension()));
  return check_direction(f, convert<Decimal50>(deep_linear_target(spec)), spec.depth, direction, Decimal50(t));
}

DirectionCheck<Decimal50> check_descent_direction_at_50_digits(const DeepLinearChainSpec& spec, double t) {
  const DeepLinearChain<Decimal50> f(spec);
  const Matrix<Decimal50> target = convert<Decimal50>(deep_linear_target(spec));
  const int n = spec.width;
  Vector<Decimal50> descent = Vector<Decimal50>::Zero(f.dimension());
  descent.head(n * n) = Eigen::Map<const Vector<Decimal50>>(target.data(), n * n);
  for (int i = 1; i < spec.depth; ++i) {
    descent.segment(i * n * n, n * n) = Eigen::Map<const Vector<Decimal50>>(Matrix<Decimal50>::Identity(n, n).eval().data(), n * n);
  }
  descent /= descent.norm();
  return check_direction(f, target, spec.depth, descent, Decimal50(t));
}

PgdAtDeepOrigin pgd_at_deep_origin(double epsilon, std::uint64_t seed) {
  const DeepLinearChainSpec spec{3, 1, 1.0, 0};
  const DeepLinearChain<double> f(spec);
  PerturbedGradientDescentOptions<double> options;
  options.constants = perturbed_gradient_descent_constants({9, 26, epsilon, 1, 0.1, 0.5, 3});
  options.seed = seed;
  PgdAtDeepOrigin run;
  const auto result = perturbed_gradient_descent(f, Vector<double>::Zero(3), options, [&](const Iterate<double>& it) {
    run.largest_norm = std::max(run.largest_norm, it.x.norm());
  });
  run.converged = result.run.status == RunStatus::converged;
  Vector<double> g;
  f.gradient(result.run.x, g);
  run.gradient_norm = g.norm();
  const auto spectrum = hessian_spectrum(f, result.run.x);
  run.lowest_eigenvalue = spectrum.eigenvalues(0);
  run.eigenvalue_rounding = spectrum.rounding;
  run.at_origin = result.run.x.norm() == 0;
  run.value_at_output = f.value(result.run.x);
  if (run.at_origin) {
    const DeepLinearChain<Decimal50> exact(spec);
    const Matrix<Decimal50> phi = Matrix<Decimal50>::Constant(1, 1, 1);
    const Vector<Decimal50> diagonal = Vector<Decimal50>::Constant(3, 1 / sqrt(Decimal50(3)));
    run.along_balanced = check_direction(exact, phi, 3, diagonal, Decimal50(0.5));
    run.value_half_unit_along =
        static_cast<double>(exact.value(Vector<Decimal50>::Constant(3, Decimal50(0.5) / sqrt(Decimal50(3)))));
  }
  return run;
}

}  // namespace gdcheck::linear_net_saddles

// Test traits of each objective family for objective_family_checks.hpp: its
// generator, its test points, and where its exact constants are attained.
#pragma once

#include <cmath>
#include <utility>

#include "lib/objectives/quadratic.hpp"
#include "lib/objectives/deep_linear_chain.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "lib/objectives/nesterov_saddle.hpp"
#include "lib/objectives/octopus.hpp"
#include "lib/objectives/piecewise_curvature.hpp"
#include "lib/objectives/ridge_sum.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/two_layer_relu.hpp"
#include "properties/objective_generators.hpp"
#include "tests/lib/objectives/objective_family_checks.hpp"

namespace gdcheck::testing {

struct QuadraticTraits {
  template <class S> using Family = Quadratic<S>;
  using Spec = QuadraticSpec;
  static rc::Gen<Spec> specs() { return gen::quadratic({.max_dimension = 12}); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng); }
  static Vector<double> lipschitz_witness(const Family<double>& f) { return Vector<double>::Zero(f.dimension()); }
};

// The point Q y for a separable family, from coordinates y of the pieces.
template <class F>
Vector<double> from_piece_coordinates(const F& f, const Vector<double>& y) {
  return f.rotation() * y;
}

// Index of the piece with the largest curvature bound / third-derivative bound.
template <class Pieces, class Key>
int argmax_piece(const Pieces& pieces, Key key) {
  int best = 0;
  for (int i = 1; i < static_cast<int>(pieces.size()); ++i) {
    if (key(pieces[i]) > key(pieces[best])) best = i;
  }
  return best;
}

// Where a well piece's sup |h''| is reached: 0 when s - c >= c, else far out
// (sech^2(40) ~ 7e-35, so h''(40) = c to double precision).
template <class Piece>
double piece_curvature_witness(const Piece& p) {
  return p.depth - p.curvature >= p.curvature ? 0.0 : 40.0;
}
// A pair straddling atanh(1/sqrt 3), where |h'''| = 4 s / (3 sqrt 3) is attained.
inline std::pair<double, double> piece_third_witness() {
  const double peak = std::atanh(1 / std::sqrt(3.0));
  return {peak - 1e-4, peak + 1e-4};
}

struct SeparableWellsTraits {
  template <class S> using Family = SeparableWells<S>;
  using Spec = SeparableWellsSpec;
  static rc::Gen<Spec> specs() { return gen::separable_wells({.tilted = true}); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng, 2); }
  static Vector<double> lipschitz_witness(const Family<double>& f) {
    const auto& pieces = f.pieces();
    const int i = argmax_piece(pieces, [](const auto& p) { return p.curvature_bound(); });
    Vector<double> y = Vector<double>::Zero(f.dimension());
    y(i) = piece_curvature_witness(pieces[i]);
    return from_piece_coordinates(f, y);
  }
  static std::pair<Vector<double>, Vector<double>> hessian_lipschitz_witness(const Family<double>& f) {
    const int i = argmax_piece(f.pieces(), [](const auto& p) { return p.third_bound(); });
    Vector<double> a = Vector<double>::Zero(f.dimension()), b = a;
    std::tie(a(i), b(i)) = piece_third_witness();
    return {from_piece_coordinates(f, a), from_piece_coordinates(f, b)};
  }
};

struct RidgeSumTraits {
  template <class S> using Family = RidgeSum<S>;
  using Spec = RidgeSumSpec;
  static rc::Gen<Spec> specs() { return gen::ridge_sum(12); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng, 2); }
};

struct PiecewiseCurvatureTraits {
  template <class S> using Family = PiecewiseCurvature<S>;
  using Spec = PiecewiseCurvatureSpec;
  static rc::Gen<Spec> specs() { return gen::piecewise_curvature(12, true); }
  static Vector<double> point(const Family<double>&, Rng& rng) {
    return Vector<double>::Constant(1, 30 * rng.uniform01() - 15);
  }
  // The midpoint of each interval (and a point beyond each end): one of them
  // lies in the piece of largest |c|.
  static Vector<double> lipschitz_witness(const Family<double>& f) {
    const auto& t = f.breakpoints();
    std::vector<double> candidates;
    if (t.empty()) {
      candidates.push_back(0);
    } else {
      candidates = {t.front() - 1, t.back() + 1};
      for (std::size_t k = 0; k + 1 < t.size(); ++k) candidates.push_back((t[k] + t[k + 1]) / 2);
    }
    double best = candidates.front();
    for (double c : candidates) {
      if (std::abs(f.hessian(Vector<double>::Constant(1, c))(0, 0)) >
          std::abs(f.hessian(Vector<double>::Constant(1, best))(0, 0))) {
        best = c;
      }
    }
    return Vector<double>::Constant(1, best);
  }
};

struct NesterovSaddleTraits {
  template <class S> using Family = NesterovSaddle<S>;
  using Spec = NesterovSaddleSpec;
  static rc::Gen<Spec> specs() { return rc::gen::just(NesterovSaddleSpec{}); }
  static Vector<double> point(const Family<double>&, Rng& rng) { return normal_point(2, rng, 1.5); }
};

// Points inside the octopus's domain: a random first small index i, the
// entries before it beyond 2 tau, x_i within 2 tau, the rest within tau.
struct OctopusTraits {
  template <class S> using Family = Octopus<S>;
  using Spec = OctopusSpec;
  static constexpr bool local_pairs_only = true;  // the domain is not convex
  static rc::Gen<Spec> specs() { return gen::octopus(8); }
  static Vector<double> point(const Family<double>& f, Rng& rng) {
    const double tau = f.tau();
    const int d = f.dimension();
    const int first = static_cast<int>(rng.uniform01() * (d + 1));
    Vector<double> x(d);
    const auto sign = [&] { return rng.uniform01() < 0.5 ? -1.0 : 1.0; };
    for (int j = 0; j < d; ++j) {
      const double u = 0.02 + 0.96 * rng.uniform01();  // keep off the region boundaries
      if (j < first) x(j) = sign() * tau * (2 + 4 * u);
      else if (j == first) x(j) = sign() * tau * 2 * u;
      else x(j) = sign() * tau * u;
    }
    return x;
  }
};

struct LeastSquaresTraits {
  template <class S> using Family = LeastSquares<S>;
  using Spec = LeastSquaresSpec;
  static rc::Gen<Spec> specs() { return gen::least_squares(8); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng, 2); }
  static Vector<double> lipschitz_witness(const Family<double>& f) { return Vector<double>::Zero(f.dimension()); }
};

struct SaddleFiniteSumTraits {
  template <class S> using Family = SaddleFiniteSum<S>;
  using Spec = SaddleFiniteSumSpec;
  static rc::Gen<Spec> specs() { return gen::saddle_finite_sum(8); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng, 2); }
  // L is the larger of the saddle piece's sup |h''| and the least-squares L:
  // both are reached at x_0 = the piece's witness (the rest has constant Hessian).
  static Vector<double> lipschitz_witness(const Family<double>& f) {
    Vector<double> x = Vector<double>::Zero(f.dimension());
    const double zero_curvature = std::abs(f.hessian(x)(0, 0));
    x(0) = zero_curvature >= f.gradient_lipschitz()->value * 0.99 ? 0.0 : 40.0;
    return x;
  }
  static std::pair<Vector<double>, Vector<double>> hessian_lipschitz_witness(const Family<double>& f) {
    Vector<double> a = Vector<double>::Zero(f.dimension()), b = a;
    std::tie(a(0), b(0)) = piece_third_witness();
    return {a, b};
  }
};

struct DeepLinearChainTraits {
  template <class S> using Family = DeepLinearChain<S>;
  using Spec = DeepLinearChainSpec;
  static rc::Gen<Spec> specs() { return gen::deep_linear_chain(4, 3); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng, 0.8); }
};

struct TwoLayerReluTraits {
  template <class S> using Family = TwoLayerRelu<S>;
  using Spec = TwoLayerReluSpec;
  static rc::Gen<Spec> specs() { return gen::two_layer_relu(); }
  static Vector<double> point(const Family<double>& f, Rng& rng) { return normal_point(f.dimension(), rng); }
};

}  // namespace gdcheck::testing

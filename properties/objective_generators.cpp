#include "properties/objective_generators.hpp"

#include <algorithm>
#include <cmath>

#include "lib/validate.hpp"
#include "properties/generators.hpp"

namespace gdcheck::gen {
namespace {
rc::Gen<int> small_integer(int lo, int hi) { return rc::gen::cast<int>(integer(lo, hi)); }
}  // namespace

rc::Gen<SeparableWellsSpec> separable_wells(const SeparableWellsRanges& ranges) {
  return rc::gen::mapcat(small_integer(ranges.min_dimension, ranges.max_dimension), [ranges](int d) {
    const int max_wells = std::min(d, ranges.max_double_wells);
    return rc::gen::mapcat(small_integer(0, max_wells), [ranges, d](int wells) {
      const auto piece = rc::gen::tuple(log_uniform(0.1, 10), log_uniform(0.1, 10), unit_fraction(), unit_fraction());
      return rc::gen::map(
          rc::gen::pair(rc::gen::container<std::vector<std::tuple<double, double, double, double>>>(d, piece),
                        seed()),
          [ranges, d, wells](const auto& drawn) {
            SeparableWellsSpec spec;
            for (int i = 0; i < d; ++i) {
              const auto [c, ratio, convexity, tilt] = drawn.first[i];
              const bool well = i < wells;
              WellPieceSpec piece{c, well ? c * (1 + ratio) : 0.9 * c * convexity, 0};
              if (well && ranges.tilted) {
                // a tilt up to half the largest that keeps two wells (separable_wells.cpp)
                const double turn = std::acosh(std::sqrt(piece.depth / piece.curvature));
                const double critical = piece.depth * std::tanh(turn) - piece.curvature * turn;
                piece.tilt = 0.5 * critical * (2 * tilt - 1);
              }
              spec.pieces.push_back(piece);
              spec.shapes.push_back(well ? PieceShape::double_well : PieceShape::convex);
            }
            spec.rotation = RotationSpec{d, ranges.rotated ? d : 0, drawn.second};
            return spec;
          });
    });
  });
}

namespace {

// Rotated (or axis-aligned) wells with a strict saddle at the origin: one
// curvature c log-uniform in [0.5, 2]; pieces 0..k-1 double wells with
// s = c (1 + lo + (hi - lo) u), the rest convex with s = c convex_depth u,
// u uniform in [0, 1]; k in [1, min(d - 1, max_wells)], so the origin has a
// convex direction and is a saddle, not a maximum.
struct OriginSaddleShape {
  int min_dimension, max_dimension, max_wells;
  double excess_lo, excess_hi;  // s/c - 1 of the double wells
  double convex_depth;          // largest s/c of the convex pieces
  bool rotated;
};

rc::Gen<SeparableWellsSpec> origin_saddle(const OriginSaddleShape& shape) {
  return rc::gen::mapcat(small_integer(std::max(2, shape.min_dimension), shape.max_dimension), [shape](int d) {
    return rc::gen::map(
        rc::gen::tuple(small_integer(1, std::min(d - 1, shape.max_wells)), log_uniform(0.5, 2),
                       rc::gen::container<std::vector<double>>(d, unit_fraction()), seed()),
        [shape, d](const auto& drawn) {
          const auto& [wells, c, fractions, rotation_seed] = drawn;
          SeparableWellsSpec spec;
          for (int i = 0; i < d; ++i) {
            const bool well = i < wells;
            const double u = fractions[i];
            spec.pieces.push_back(
                {c, well ? c * (1 + shape.excess_lo + (shape.excess_hi - shape.excess_lo) * u) : c * shape.convex_depth * u, 0});
            spec.shapes.push_back(well ? PieceShape::double_well : PieceShape::convex);
          }
          spec.rotation = RotationSpec{d, shape.rotated ? d : 0, rotation_seed};
          return spec;
        });
  });
}

}  // namespace

rc::Gen<PowerOfTwoScalingSpec<SeparableWellsSpec>> scaled_separable_wells(Precision run) {
  const bool in_float = run == Precision::float32;
  const int argument_span = in_float ? 77 : 900, span = in_float ? 84 : 980;
  return rc::gen::exec([argument_span, span] {
    PowerOfTwoScalingSpec<SeparableWellsSpec> spec;
    spec.base = *separable_wells({.tilted = true});
    const int b = static_cast<int>(*integer(-argument_span, argument_span));
    const int lo = std::max({-span, 2 * b - span, b - span}), hi = std::min({span, 2 * b + span, b + span});
    spec.argument_exponent = b;
    spec.value_exponent = static_cast<int>(*integer(lo, hi));
    return spec;
  });
}

rc::Gen<SeparableWellsSpec> origin_saddle_wells(int min_dimension, int max_dimension, bool rotated) {
  return origin_saddle({min_dimension, max_dimension, max_dimension, 0.05, 0.25, 0.5, rotated});
}

rc::Gen<SeparableWellsSpec> strong_saddle_wells(int min_dimension, int max_dimension) {
  return origin_saddle({min_dimension, max_dimension, 3, 1.0, 2.0, 0.5, true});
}

rc::Gen<RidgeSumSpec> ridge_sum(int max_dimension) {
  return rc::gen::map(rc::gen::tuple(small_integer(1, max_dimension), small_integer(1, 20), uniform(0, 2),
                                     log_uniform(0.1, 3), log_uniform(0.1, 3), seed()),
                      [](const auto& t) {
                        const auto [d, k, mu, amplitude, frequency, s] = t;
                        return RidgeSumSpec{d, k, mu, amplitude, frequency, s};
                      });
}

rc::Gen<PiecewiseCurvatureSpec> piecewise_curvature(int max_breakpoints, bool bounded_below) {
  return rc::gen::mapcat(small_integer(0, max_breakpoints), [bounded_below](int count) {
    return rc::gen::map(
        rc::gen::tuple(rc::gen::container<std::vector<double>>(count, uniform(-10, 10)),
                       rc::gen::container<std::vector<double>>(count + 1, uniform(-1, 1)),
                       log_uniform(1e-2, 1e2), uniform(-5, 5), uniform(-5, 5)),
        [bounded_below](const auto& t) {
          auto [breakpoints, fractions, lipschitz, value, slope] = t;
          std::sort(breakpoints.begin(), breakpoints.end());
          breakpoints.erase(std::unique(breakpoints.begin(), breakpoints.end()), breakpoints.end());
          PiecewiseCurvatureSpec spec{breakpoints, {}, value, slope};
          for (std::size_t k = 0; k <= breakpoints.size(); ++k) spec.curvatures.push_back(lipschitz * fractions[k]);
          if (bounded_below) {
            spec.curvatures.front() = std::max(std::abs(spec.curvatures.front()), 1e-3 * lipschitz);
            spec.curvatures.back() = std::max(std::abs(spec.curvatures.back()), 1e-3 * lipschitz);
          }
          return spec;
        });
  });
}

rc::Gen<OctopusSpec> octopus(int max_dimension) {
  return rc::gen::map(rc::gen::tuple(small_integer(1, max_dimension), uniform(0.5, 5), log_uniform(0.1, 10),
                                     log_uniform(0.1, 10)),
                      [](const auto& t) {
                        const auto [d, tau, curvature, gamma] = t;
                        return OctopusSpec{d, tau, curvature, gamma};
                      });
}

rc::Gen<LeastSquaresSpec> least_squares(int max_dimension) {
  return rc::gen::mapcat(small_integer(1, max_dimension), [](int d) {
    return rc::gen::map(rc::gen::tuple(small_integer(d, 4 * d + 4), uniform(0, 1), seed()), [d](const auto& t) {
      const auto [m, noise, s] = t;
      return LeastSquaresSpec{m, d, noise, s};
    });
  });
}

rc::Gen<SaddleFiniteSumSpec> saddle_finite_sum(int max_dimension) {
  return rc::gen::map(rc::gen::tuple(log_uniform(0.1, 10), log_uniform(0.1, 10), least_squares(max_dimension - 1)),
                      [](const auto& t) {
                        const auto [c, ratio, rest] = t;
                        return SaddleFiniteSumSpec{WellPieceSpec{c, c * (1 + ratio), 0}, rest};
                      });
}

rc::Gen<SaddleFiniteSumSpec> strong_saddle_finite_sum(int max_rest_dimension) {
  const auto rest = rc::gen::mapcat(small_integer(1, max_rest_dimension), [](int d) {
    return rc::gen::map(rc::gen::tuple(small_integer(d + 1, 4 * d + 4), uniform(0, 1), seed()), [d](const auto& t) {
      const auto [m, noise, s] = t;
      return LeastSquaresSpec{m, d, noise, s};
    });
  });
  return rc::gen::map(rc::gen::tuple(log_uniform(0.5, 2), uniform(0, 1), rest), [](const auto& t) {
    const auto [c, u, rest_spec] = t;
    return SaddleFiniteSumSpec{WellPieceSpec{c, c * (2 + u), 0}, rest_spec};
  });
}

rc::Gen<DeepLinearChainSpec> deep_linear_chain(int max_depth, int max_width) {
  return rc::gen::map(rc::gen::tuple(small_integer(1, max_depth), small_integer(1, max_width), uniform(0.25, 2), seed()),
                      [](const auto& t) {
                        const auto [k, n, scale, s] = t;
                        return DeepLinearChainSpec{k, n, scale, s};
                      });
}

rc::Gen<std::vector<WellPieceSpec>> annealing_landscape() {
  const auto well = rc::gen::map(rc::gen::tuple(log_uniform(0.5, 2), uniform(0.5, 1.5), uniform(0.3, 1)),
                                 [](const auto& t) {
                                   const auto [c, r, u] = t;
                                   return WellPieceSpec{c, c * (1 + r), u * c * r / 4};
                                 });
  return rc::gen::mapcat(integer(1, 3), [well](std::int64_t k) {
    return rc::gen::container<std::vector<WellPieceSpec>>(static_cast<std::size_t>(k), well);
  });
}

rc::Gen<TwoLayerReluSpec> two_layer_relu() {
  return rc::gen::map(rc::gen::tuple(small_integer(1, 8), small_integer(1, 5), small_integer(1, 16), seed()),
                      [](const auto& t) {
                        const auto [n, p, m, s] = t;
                        return TwoLayerReluSpec{n, p, m, s};
                      });
}

}  // namespace gdcheck::gen

namespace gdcheck {
namespace {
template <class T>
void show_list(const std::vector<T>& values, std::ostream& os) {
  os << "{";
  for (std::size_t i = 0; i < values.size(); ++i) os << (i ? ", " : "") << describe_value(values[i]);
  os << "}";
}
}  // namespace

void showValue(const WellPieceSpec& p, std::ostream& os) {
  os << "{c=" << describe_value(p.curvature) << ", s=" << describe_value(p.depth) << ", t=" << describe_value(p.tilt) << "}";
}
void showValue(const PowerOfTwoScalingSpec<SeparableWellsSpec>& spec, std::ostream& os) {
  os << "PowerOfTwoScalingSpec{value_exponent=" << spec.value_exponent
     << ", argument_exponent=" << spec.argument_exponent << ", base=";
  showValue(spec.base, os);
  os << "}";
}

void showValue(const SeparableWellsSpec& spec, std::ostream& os) {
  os << "SeparableWellsSpec{pieces={";
  for (std::size_t i = 0; i < spec.pieces.size(); ++i) {
    os << (i ? ", " : "") << (spec.shapes[i] == PieceShape::double_well ? "well" : "convex");
    showValue(spec.pieces[i], os);
  }
  os << "}, rotation=";
  showValue(spec.rotation, os);
  os << "}";
}
void showValue(const RidgeSumSpec& s, std::ostream& os) {
  os << "RidgeSumSpec{d=" << s.dimension << ", ridges=" << s.ridges << ", mu=" << describe_value(s.mu)
     << ", amplitude=" << describe_value(s.amplitude) << ", frequency=" << describe_value(s.frequency)
     << ", seed=" << s.seed << "}";
}
void showValue(const PiecewiseCurvatureSpec& s, std::ostream& os) {
  os << "PiecewiseCurvatureSpec{breakpoints=";
  show_list(s.breakpoints, os);
  os << ", curvatures=";
  show_list(s.curvatures, os);
  os << ", anchor_value=" << describe_value(s.anchor_value) << ", anchor_slope=" << describe_value(s.anchor_slope) << "}";
}
void showValue(const OctopusSpec& s, std::ostream& os) {
  os << "OctopusSpec{d=" << s.dimension << ", tau=" << describe_value(s.tau) << ", L=" << describe_value(s.curvature)
     << ", gamma=" << describe_value(s.gamma) << "}";
}
void showValue(const LeastSquaresSpec& s, std::ostream& os) {
  os << "LeastSquaresSpec{m=" << s.samples << ", d=" << s.dimension << ", noise=" << describe_value(s.noise)
     << ", seed=" << s.seed << "}";
}
void showValue(const SaddleFiniteSumSpec& s, std::ostream& os) {
  os << "SaddleFiniteSumSpec{saddle=";
  showValue(s.saddle, os);
  os << ", rest=";
  showValue(s.rest, os);
  os << "}";
}
void showValue(const DeepLinearChainSpec& s, std::ostream& os) {
  os << "DeepLinearChainSpec{depth=" << s.depth << ", width=" << s.width
     << ", target_scale=" << describe_value(s.target_scale) << ", seed=" << s.seed << "}";
}
void showValue(const TwoLayerReluSpec& s, std::ostream& os) {
  os << "TwoLayerReluSpec{n=" << s.samples << ", p=" << s.inputs << ", m=" << s.width << ", seed=" << s.seed << "}";
}
void showValue(const NesterovSaddleSpec&, std::ostream& os) { os << "NesterovSaddleSpec{}"; }

}  // namespace gdcheck

GDCHECK_DRAWN_SPECS(GDCHECK_DEFINE_DRAW)

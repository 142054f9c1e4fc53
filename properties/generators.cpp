#include "properties/generators.hpp"

#include <algorithm>
#include <cmath>

#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck::gen {

rc::Gen<std::int64_t> integer(std::int64_t lo, std::int64_t hi) {
  return rc::gen::resize(100, rc::gen::inRange<std::int64_t>(lo, hi + 1));
}

rc::Gen<double> unit_fraction() {
  return rc::gen::map(integer(0, std::int64_t{1} << 52),
                      [](std::int64_t k) { return std::ldexp(static_cast<double>(k), -52); });
}

rc::Gen<double> uniform(double lo, double hi) {
  return rc::gen::map(unit_fraction(), [lo, hi](double u) { return lo + (hi - lo) * u; });
}

rc::Gen<double> log_uniform(double lo, double hi) {
  return rc::gen::map(uniform(std::log(lo), std::log(hi)), [lo, hi](double e) {
    return std::clamp(std::exp(e), lo, hi);
  });
}

rc::Gen<double> near_below(double end, double min_gap, double max_gap) {
  return rc::gen::map(log_uniform(min_gap, max_gap),
                      [end](double gap) { return end * (1 - gap); });
}

rc::Gen<int> binade_at_every_scale() {
  return rc::gen::map(rc::gen::oneOf(integer(-1074, 1023), integer(-1130, -1000)),
                      [](std::int64_t e) { return static_cast<int>(e); });
}

rc::Gen<std::uint64_t> seed() {
  return rc::gen::noShrink(rc::gen::map(integer(0, std::int64_t{1} << 62), [](std::int64_t low) -> std::uint64_t {
    return static_cast<std::uint64_t>(low) * 0x9E3779B97F4A7C15ull;
  }));
}

rc::Gen<std::vector<double>> spectrum(int dimension, double gradient_lipschitz, double condition,
                                      bool allow_negative) {
  // Fractions in [0, 1] place each inner eigenvalue on the log scale between
  // L / condition and L; shrinking fractions to 0 and signs to + gives all = L.
  const auto inner = rc::gen::container<std::vector<std::pair<double, bool>>>(
      std::max(dimension - 2, 0),
      rc::gen::pair(unit_fraction(), allow_negative ? rc::gen::arbitrary<bool>() : rc::gen::just(false)));
  const auto last_negative = allow_negative ? rc::gen::arbitrary<bool>() : rc::gen::just(false);
  return rc::gen::map(rc::gen::pair(inner, last_negative), [=](const auto& drawn) {
    std::vector<double> eigenvalues{gradient_lipschitz};
    for (const auto& [fraction, negative] : drawn.first) {
      const double lambda = gradient_lipschitz * std::pow(condition, -fraction);
      eigenvalues.push_back(negative ? -lambda : lambda);
    }
    if (dimension >= 2) {
      const double smallest = gradient_lipschitz / condition;
      eigenvalues.push_back(drawn.second ? -smallest : smallest);
    }
    return eigenvalues;
  });
}

rc::Gen<QuadraticSpec> quadratic(const QuadraticRanges& ranges) {
  return rc::gen::mapcat(
      rc::gen::tuple(rc::gen::cast<int>(integer(ranges.min_dimension, ranges.max_dimension)),
                     log_uniform(ranges.min_lipschitz, ranges.max_lipschitz),
                     log_uniform(1.0, ranges.max_condition), rc::gen::arbitrary<bool>(), seed()),
      [ranges](const std::tuple<int, double, double, bool, std::uint64_t>& drawn) {
        const auto [dimension, lipschitz, condition, rotated, rotation_seed] = drawn;
        return rc::gen::map(
            spectrum(dimension, lipschitz, condition, ranges.allow_negative),
            [=](std::vector<double> eigenvalues) {
              return QuadraticSpec{std::move(eigenvalues),
                                   RotationSpec{dimension, rotated ? dimension : 0, rotation_seed}};
            });
      });
}

Vector<double> StartPoint::realize(int dimension) const {
  Rng rng(seed);
  const double scale = std::pow(10.0, log10_scale);
  Vector<double> x(dimension);
  for (double& entry : x) entry = scale * rng.normal();
  return x;
}

rc::Gen<StartPoint> start_point() {
  return rc::gen::map(rc::gen::pair(seed(), uniform(-3, 3)), [](const auto& drawn) {
    return StartPoint{drawn.first, drawn.second};
  });
}

}  // namespace gdcheck::gen

namespace gdcheck {

void showValue(const RotationSpec& spec, std::ostream& os) {
  os << "RotationSpec{dimension=" << spec.dimension << ", reflections=" << spec.reflections
     << ", seed=" << spec.seed << "}";
}

void showValue(const gen::StartPoint& start, std::ostream& os) {
  os << "StartPoint{seed=" << start.seed << ", log10_scale=" << describe_value(start.log10_scale) << "}";
}

void showValue(const QuadraticSpec& spec, std::ostream& os) {
  os << "QuadraticSpec{eigenvalues={";
  for (std::size_t i = 0; i < spec.eigenvalues.size(); ++i) {
    os << (i ? ", " : "") << describe_value(spec.eigenvalues[i]);
  }
  os << "}, rotation=";
  showValue(spec.rotation, os);
  os << "}";
}

}  // namespace gdcheck

GDCHECK_DRAWN_BASIC_TYPES(GDCHECK_DEFINE_DRAW)

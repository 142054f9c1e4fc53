// RapidCheck generators for real numbers, seeds, spectra and instances.
//
// RapidCheck's own floating-point generators are not usable here (design.md:
// arbitrary<double> gives integers up to 9e18; there is no inRange<double>),
// so every real is built from an integer drawn uniformly from [0, 2^52] at a
// fixed size (RapidCheck scales integer ranges with the test size, which would
// pin early cases to the minimum). Each generator shrinks toward its "simple"
// end, named in its comment.
#pragma once

#include <cmath>
#include <cstdint>
#include <ostream>
#include <vector>

#include <rapidcheck.h>

#include "lib/objectives/quadratic.hpp"

namespace gdcheck::gen {

// Integer in [lo, hi], uniform whatever the test size; shrinks toward lo.
rc::Gen<std::int64_t> integer(std::int64_t lo, std::int64_t hi);

// A fraction k / 2^52 in [0, 1]; shrinks toward 0.
rc::Gen<double> unit_fraction();

// Uniform on [lo, hi]; shrinks toward lo.
rc::Gen<double> uniform(double lo, double hi);

// Log-uniform on [lo, hi], 0 < lo < hi; shrinks toward lo.
rc::Gen<double> log_uniform(double lo, double hi);

// end * (1 - gap) with gap log-uniform on [min_gap, max_gap]: values close
// below `end`, down to relative distance min_gap; shrinks toward the farthest
// (end * (1 - max_gap)).
rc::Gen<double> near_below(double end, double min_gap, double max_gap);

// A binary exponent for the bound-soundness properties (issue 22): uniform
// over double's whole range [-1074, 1023], or, half the time, in the band
// [-1130, -1000] around the subnormals (where products underflow); shrinks
// toward -1074 or -1130.
rc::Gen<int> binade_at_every_scale();

// A 64-bit seed; seeds do not shrink (a smaller seed is not a simpler case).
rc::Gen<std::uint64_t> seed();

// Eigenvalues for a dimension and condition number L / lambda_min = condition:
// the extremes are L and L / condition, the rest log-uniform between them;
// with allow_negative, each but the first may flip sign (L stays the largest
// modulus). Shrinks toward all eigenvalues equal to L.
rc::Gen<std::vector<double>> spectrum(int dimension, double gradient_lipschitz, double condition,
                                      bool allow_negative);

struct QuadraticRanges {
  int min_dimension = 1;
  int max_dimension = 50;
  double max_condition = 1e6;      // condition numbers log-uniform on [1, max_condition]
  double min_lipschitz = 1e-3;     // L log-uniform on [min_lipschitz, max_lipschitz]
  double max_lipschitz = 1e3;
  bool allow_negative = true;      // indefinite quadratics too
};

// A random quadratic: dimension, L, condition, spectrum, rotation (identity
// or d random reflections). Shrinks toward dimension 1, axis-aligned, L = lo.
rc::Gen<QuadraticSpec> quadratic(const QuadraticRanges& ranges = {});

// A start point: standard normal entries drawn from `seed`, times 10^log10_scale.
struct StartPoint {
  std::uint64_t seed = 0;
  double log10_scale = 0;
  Vector<double> realize(int dimension) const;
};

// log10_scale uniform in [-3, 3]; shrinks toward scale 1e-3.
rc::Gen<StartPoint> start_point();

}  // namespace gdcheck::gen

// RapidCheck's `*gen` (Gen<T>::operator*: the draw, its mapping to
// rc::detail::Any and the shrinks) for the types properties draw most is
// compiled once, in the properties library: instantiated in every unit that
// draws, it was about a quarter of a property unit's compile time
// (descent_lemma 4.1 -> 3.0 s, issue 23). A type not listed is drawn as
// before, compiled where it is drawn. objective_generators.hpp lists the
// families' specs the same way.
#define GDCHECK_DRAWN_BASIC_TYPES(X) \
  X(double) X(int) X(bool) X(std::int64_t) X(std::uint64_t) X(gdcheck::gen::StartPoint) X(gdcheck::QuadraticSpec)
#define GDCHECK_EXTERN_DRAW(T) extern template T rc::Gen<T>::operator*() const;
#define GDCHECK_DEFINE_DRAW(T) template T rc::Gen<T>::operator*() const;
GDCHECK_DRAWN_BASIC_TYPES(GDCHECK_EXTERN_DRAW)

namespace gdcheck {
// How RapidCheck prints a generated instance in a counterexample: every
// number with 17 significant digits, so it can be typed back in exactly.
void showValue(const QuadraticSpec& spec, std::ostream& os);
void showValue(const RotationSpec& spec, std::ostream& os);
void showValue(const gen::StartPoint& start, std::ostream& os);
}  // namespace gdcheck

// Seeded randomness. Every random quantity in gdcheck is drawn from an Rng
// constructed from an explicit seed, never from global state, so a seed
// reproduces a run exactly. The samplers below are written out rather than
// taken from <random>'s distributions, whose algorithms the C++ standard
// leaves to each library: the same seed gives the same numbers everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace gdcheck {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t bits() { return engine_(); }

  // Uniform on [0, 1) with 53 random bits: exactly representable doubles.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Standard normal by Box-Muller (both outputs used).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = 1.0 - uniform01();  // in (0, 1]: log is finite
    const double u2 = uniform01();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

  // A seed for an independent sub-stream (one per run of a Monte Carlo loop).
  std::uint64_t derive_seed() { return engine_(); }

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace gdcheck

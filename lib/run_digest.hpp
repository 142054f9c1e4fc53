// A digest of Monte Carlo runs (issue 27): which runs were drawn and how each
// ended, in 64 bits, so that a results line shows not only the verdict but
// that the same runs were done. Fixed and documented, so a digest printed
// today can be recomputed by anyone:
//   run i's hash h_i = FNV-1a (64-bit: offset 14695981039346656037, prime
//   1099511628211) over the little-endian bytes of i (uint64), then of each
//   value added in order (doubles as their IEEE-754 bits, integers as uint64);
//   the digest of runs S = sum over i in S of splitmix64(h_i), mod 2^64.
// The sum makes digests of disjoint slices add up to the whole run's (a
// merge of shards adds them); the index inside h_i makes the order count
// (run i and run j swapping their outcomes changes the digest). Same seed ->
// same digest on any thread or shard count; a run drawing one different start
// bit changes it (up to 64-bit collisions).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace gdcheck {

class RunHash {
 public:
  explicit RunHash(std::uint64_t run_index) { add(run_index); }
  RunHash& add(std::uint64_t value) {
    for (int byte = 0; byte < 8; ++byte) {
      state_ ^= (value >> (8 * byte)) & 0xFF;
      state_ *= 1099511628211ull;
    }
    return *this;
  }
  RunHash& add(double value) {
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return add(bits);
  }
  // splitmix64 of the FNV-1a state: this run's term of the digest.
  std::uint64_t term() const {
    std::uint64_t z = state_ + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_ = 14695981039346656037ull;
};

// 16 lowercase hex digits, as results lines write a digest.
inline std::string digest_text(std::uint64_t digest) {
  static const char* digits = "0123456789abcdef";
  std::string text(16, '0');
  for (int k = 15; k >= 0; --k, digest >>= 4) text[k] = digits[digest & 0xF];
  return text;
}

}  // namespace gdcheck

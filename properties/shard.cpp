#include "properties/shard.hpp"

#include <cstdlib>
#include <stdexcept>

namespace gdcheck {
namespace {

// A positive integer, all of `text`; 0 when it is not one.
long positive_integer(const std::string& text) {
  if (text.empty() || text.size() > 9) return 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stol(text);
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const long k = slash == std::string::npos ? 0 : positive_integer(text.substr(0, slash));
  const long n = slash == std::string::npos ? 0 : positive_integer(text.substr(slash + 1));
  if (k < 1 || n < 1) {
    throw std::invalid_argument("GDCHECK_SHARD=" + text + ": expected k/n with positive integers k and n");
  }
  if (k > n) throw std::invalid_argument("GDCHECK_SHARD=" + text + ": shard k = " + std::to_string(k) + " > n = " + std::to_string(n));
  return Shard{static_cast<int>(k), static_cast<int>(n)};
}

const Shard& current_shard() {
  static const Shard shard = [] {
    const char* text = std::getenv("GDCHECK_SHARD");
    if (text == nullptr) return Shard{};
    const Shard parsed = parse_shard(text);
    const char* params = std::getenv("RC_PARAMS");
    if (parsed.active() && (params == nullptr || std::string(params).find("seed=") == std::string::npos)) {
      throw std::invalid_argument("GDCHECK_SHARD=" + parsed.text() +
                                  " needs RC_PARAMS=\"seed=N\", the same N in every shard, so that the shards "
                                  "check the same generated instances");
    }
    return parsed;
  }();
  return shard;
}

std::pair<long, long> slice_of(long runs, const Shard& shard) {
  return {runs * (shard.index - 1) / shard.count, runs * shard.index / shard.count};
}

std::pair<long, long> shard_range(long runs) { return slice_of(runs, current_shard()); }

}  // namespace gdcheck

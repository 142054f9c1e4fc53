// Monte Carlo runs on every core, with results that do not depend on how many
// there are: run i computes fn(i) from its own inputs (its own seed), and the
// results come back in index order.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <stdexcept>
#include <cerrno>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gdcheck {

// GDCHECK_THREADS if set (a whole number in 1..4096), else the hardware's
// count. Anything else set there throws std::invalid_argument naming the
// variable: a typo must not silently run on every core (or on none).
inline unsigned default_thread_count() {
  if (const char* text = std::getenv("GDCHECK_THREADS"); text != nullptr) {
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || value < 1 || value > 4096) {
      throw std::invalid_argument(std::string("GDCHECK_THREADS=") + text + ": expected a whole number of threads in 1..4096");
    }
    return static_cast<unsigned>(value);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

// {fn(0), ..., fn(count - 1)}, computed by `threads` workers taking indices in
// turn. fn must be safe to call concurrently (no shared mutable state). The
// first exception any call throws is rethrown here after all workers stop.
template <class Fn>
auto parallel_map(std::size_t count, Fn fn, unsigned threads = default_thread_count())
    -> std::vector<decltype(fn(std::size_t{0}))> {
  using Result = decltype(fn(std::size_t{0}));
  // One slot object per run: std::vector<bool> packs its elements into
  // shared words, so two workers writing neighbouring bools would race.
  struct Slot {
    Result value;
  };
  std::vector<Slot> slots(count);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        slots[i].value = fn(i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;  // the others stop at their next index
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned k = 1; k < std::min<std::size_t>(threads, count); ++k) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
  std::vector<Result> results;
  results.reserve(count);
  for (Slot& slot : slots) results.push_back(std::move(slot.value));
  return results;
}

}  // namespace gdcheck

// The octopus experiment runs millions of GD steps: value_and_gradient of the
// octopus must not touch the heap in double (issue "escaping saddles", Speed).
// Counted by replacing the global operator new in this test program.
#include <atomic>
#include <cstdlib>
#include <new>

#include <gtest/gtest.h>

#include "lib/objectives/octopus.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace gdcheck {
namespace {

TEST(OctopusAllocations, ValueAndGradientAllocateNothingInDouble) {
  const Octopus<double> f(OctopusSpec{10, 2.718281828459045, 1, 1});
  Vector<double> x = Vector<double>::Constant(10, 0.3), g(10);
  x(0) = 11.0;  // past the first saddle
  x(1) = 4.0;   // in the transition region of the second
  double sink = f.value_and_gradient(x, g);  // g already has the right size
  const long before = allocations.load();
  for (int k = 0; k < 100; ++k) {
    x(2) = 0.01 * k;
    sink += f.value_and_gradient(x, g);
  }
  EXPECT_EQ(allocations.load() - before, 0) << sink;
}

}  // namespace
}  // namespace gdcheck

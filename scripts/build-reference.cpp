// The machine's yardstick for scripts/check-build-budget.sh: a fixed unit of
// the kind gdcheck's units are made of (Eigen expressions over a
// Boost.Multiprecision scalar), which no change to gdcheck alters. The budgets
// are seconds on the machine that measured them; the ratio of this unit's time
// on another machine to its time there (the "@reference" line of
// scripts/build-budgets.txt) scales every budget, so a slower CI machine does
// not turn a unit red, and a unit that grew still does.
#include <Eigen/Dense>
#include <boost/multiprecision/cpp_dec_float.hpp>
using Decimal50 = boost::multiprecision::cpp_dec_float_50;
template <class T>
T probe(int n) {
  using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  Matrix a = Matrix::Identity(n, n);
  for (int i = 0; i + 1 < n; ++i) a(i, i + 1) = a(i + 1, i) = T(1) / T(i + 2);
  return (a * a.transpose()).sum();
}
template Decimal50 probe<Decimal50>(int);

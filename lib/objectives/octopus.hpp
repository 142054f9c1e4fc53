// Du, Jin, Lee, Jordan, Poczos, Singh (2017), "Gradient descent can take
// exponential time to escape saddle points", arXiv 1705.10412, equations
// (6)-(10) (theory.md section 3): the "octopus", a chain of d strict saddles
// GD passes in turn, each escape slower than the last.
//
// With a_j = |x_j| and i the first index with a_i <= 2 tau (0-based here):
//   a_i <= tau:        f = L sum_{j<i} (a_j - 4tau)^2 - gamma x_i^2 + L sum_{j>i} x_j^2 - i nu
//   tau < a_i <= 2tau: f = L sum_{j<i} (a_j - 4tau)^2 + g1(a_i) + g2(a_i) x_{i+1}^2
//                          + L sum_{j>i+1} x_j^2 - i nu
//   no such i:         f = L sum_j (a_j - 4tau)^2 - d nu
// (for i = d-1 the x_{i+1} terms are absent). The construction's domain is
// where a_j <= tau for every j > i: in_domain(x). Outside it the formulas are
// still evaluated, but the construction's claims do not hold (g2 < 0 makes f
// unbounded below in x_{i+1}).
//
// Constants, all claims ON THE DOMAIN:
//   L: bound, max(2L, 2 gamma, Gershgorin row sums of the (i, i+1) block of
//      region (7) with |x_{i+1}| <= tau);
//   rho: bound, the Frobenius norm of the third-derivative block there;
//   f* = -d nu, exact, at (4tau, ..., 4tau).
// Critical points (positive orthant; the sign flips of any nonzero entry are
// critical too): saddle k = (4tau x k, 0 x (d-k)), f = -k nu, hess
// diag(2L x k, -2 gamma, 2L x (d-k-1)); the minimum (4tau x d).
#pragma once

#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"

namespace gdcheck {

struct OctopusSpec {
  int dimension = 2;
  double tau = 2.718281828459045;  // e, as in the paper's experiments
  double curvature = 1;            // the paper's L
  double gamma = 1;
  void validate() const;
};

template <Scalar S>
class Octopus {
 public:
  using Scalar = S;
  explicit Octopus(const OctopusSpec& spec);

  int dimension() const { return dimension_; }
  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
    gradient(x, g);
    return value(x);
  }
  Matrix<S> hessian(const Vector<S>& x) const;

  std::optional<Certified<S>> gradient_lipschitz() const { return Certified<S>{lipschitz_, Certainty::bound}; }
  std::optional<Certified<S>> hessian_lipschitz() const { return Certified<S>{hessian_lipschitz_, Certainty::bound}; }
  std::optional<Certified<S>> lower_bound() const { return Certified<S>{-S(dimension_) * nu_, Certainty::exact}; }

  // gamma_{d+30} times the magnitudes of the terms: d additions, the products
  // of the degree <= 5 polynomials, and the rounding of h = |x_i| - tau or
  // x - 2tau (<= 3 u tau), which moves a degree-p term by <= 3 p u times its size.
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  bool in_domain(const Vector<S>& x) const;
  int first_small(const Vector<S>& x) const;  // i, or d when every |x_j| > 2 tau
  std::vector<CriticalPoint<S>> critical_points() const;

  // The splines, exposed for the tests of the construction's claims.
  S g1(const S& a) const;
  S g1_d1(const S& a) const;
  S g1_d2(const S& a) const;
  S g2(const S& a) const;
  S g2_d1(const S& a) const;
  S g2_d2(const S& a) const;
  const S& nu() const { return nu_; }
  const S& tau() const { return tau_; }

 private:
  struct Terms;  // value terms with their magnitudes
  S evaluate(const Vector<S>& x, S* magnitude) const;
  void evaluate_gradient(const Vector<S>& x, Vector<S>& g, Vector<S>* magnitudes) const;

  int dimension_;
  S tau_, curvature_, gamma_, cubic_, quartic_, nu_;
  S lipschitz_, hessian_lipschitz_;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(Octopus);

}  // namespace gdcheck

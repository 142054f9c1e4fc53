// Wide two-layer ReLU nets: what Du, Zhai, Poczos, Singh (2018, arXiv
// 1810.02054, "Gradient descent provably optimizes over-parameterized neural
// networks") promise, and which finite parts of it are checked here.
// theory.md section 8; lecture, "Desired result for neural nets".
//
// Net u_i = m^{-1/2} sum_r a_r ReLU(w_r . x_i) on unit inputs x_i, a_r = +-1
// fixed, w_r(0) ~ N(0, I), loss ||u - y||^2/2 (lib/objectives/two_layer_relu.hpp).
//  - H^inf_ij = E_w[x_i.x_j 1{w.x_i >= 0, w.x_j >= 0}] = x_i.x_j (pi - arccos(x_i.x_j)) / (2 pi)
//    (the probability that a Gaussian w has both signs is (pi - angle)/(2 pi));
//    their Theorem 3.1: lambda_0 = lambda_min(H^inf) > 0 if no two x_i are parallel.
//    Two equal inputs make two rows of H^inf equal, so lambda_0 = 0 exactly.
//  - H(0)_ij = (1/m) sum_r x_i.x_j 1{w_r.x_i >= 0, w_r.x_j >= 0} is a mean of m
//    independent terms in an interval of length |x_i.x_j| <= 1, so (Hoeffding,
//    union bound over the n(n+1)/2 entries) with probability >= 1 - delta every
//    entry is within t = sqrt(ln(n(n+1)/delta) / (2m)) of H^inf (their Lemma 3.1
//    uses the same argument).
//  - While no activation pattern 1{w_r.x_i > 0} has changed, u is linear in W
//    with Jacobian J, J J^T = H(0), so one GD step gives exactly
//    u(k+1) - y = (I - eta H(0)) (u(k) - y), hence for eta lambda_max(H(0)) <= 1
//        ||u(k+1) - y||^2 <= (1 - eta lambda_min(H(0)))^2 ||u(k) - y||^2,
//    and with lambda_min(H(0)) >= lambda_0/2 this is their rate 1 - eta lambda_0/2
//    (their Theorem 4.1's argument). The theorem's full statement needs
//    m = Omega(n^6/(lambda_0^4 delta^3)) with unstated constants, out of reach
//    here: the suite checks the one-step contraction wherever the pattern is
//    certified unchanged, and measures how often the rate holds over K steps
//    at feasible widths (an experiment, not a proof).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "lib/linear_algebra.hpp"
#include "lib/objectives/two_layer_relu.hpp"
#include "lib/random.hpp"
#include "lib/symmetric_eigenvalues.hpp"
#include "theorems/verdict.hpp"

namespace gdcheck::wide_relu {

// Roundings in an entry of H^inf for inputs in R^p: the inner product (p),
// the arccos (a few ulps in Boost.Math: 4), the product and division (4).
inline int limit_gram_roundings(int inputs) { return inputs + 8; }

inline constexpr std::string_view name = "wide-relu-convergence";
inline constexpr std::string_view statement =
    "two-layer ReLU, unit inputs: lambda_0(H^inf) > 0 if no two inputs are parallel; H(0) within the "
    "Hoeffding radius of H^inf w.p. >= 1 - delta; frozen activation pattern: "
    "||u(k+1) - y||^2 <= (1 - eta lambda_min(H(0)))^2 ||u(k) - y||^2 for eta lambda_max(H(0)) <= 1";

// The spec's inputs (lib's two_layer_relu_data), each column renormalised in
// S so that it is a unit vector to S's precision, as limit_gram and lambda_0
// require. Instantiated for double and Decimal50.
template <Scalar S>
Matrix<S> unit_inputs(const TwoLayerReluSpec& spec);

// H^inf for the columns of `inputs` (p x n, unit norm). Throws
// std::invalid_argument for a non-unit column (norm off 1 by more than 1e-12).
template <Scalar S>
Matrix<S> limit_gram(const Matrix<S>& inputs);

// lambda_0 = lambda_min(H^inf) for inputs that meet Theorem 3.1's hypothesis.
// Throws std::invalid_argument naming the pair when two inputs are parallel
// (|x_i . x_j| within 1e-12 of 1) or naming a non-unit input.
template <Scalar S>
struct LeastEigenvalue;
template <Scalar S>
LeastEigenvalue<S> lambda_0(const Matrix<S>& inputs);

// lambda_min of a Gram matrix with its rounding bound: `entry_roundings`
// roundings per entry, then the eigensolver's.
template <Scalar S>
struct LeastEigenvalue {
  S value = 0;
  S rounding = 0;
};
template <Scalar S>
LeastEigenvalue<S> least_eigenvalue(const Matrix<S>& gram, int entry_roundings);

// The negative control's mechanism: the inputs with x_j := x_i (i != j),
// which lambda_0 refuses. Their H^inf has rows i and j equal, exactly in S's
// arithmetic (each entry is computed from the same operands), and a least
// eigenvalue within its rounding bound of 0. Instantiated for Decimal50.
template <Scalar S>
bool duplicate_gives_equal_gram_columns(Matrix<S> inputs, int i, int j);
template <Scalar S>
LeastEigenvalue<S> least_eigenvalue_with_duplicate(Matrix<S> inputs, int i, int j, int entry_roundings);

// H(0) for first-layer weights W (m x p) in double, and how many of its
// indicator factors 1{w_r.x_i >= 0} were within rounding of the boundary
// (|w_r.x_i| <= gamma_{p+1} |w_r|.|x_i|): each such uncertain sign may move
// entries of row i and column i by |x_i.x_j|/m.
struct InitialGram {
  Matrix<double> gram;
  Matrix<double> uncertainty;  // entrywise bound on the error of `gram` (signs and rounding)
};
InitialGram initial_gram(const Matrix<double>& inputs, const Matrix<double>& weights);

// t = sqrt(ln(n(n+1)/delta) / (2m)). Throws std::invalid_argument unless
// n >= 1, m >= 1 and 0 < delta < 1.
double hoeffding_radius(int samples, int width, double failure_probability);

// max |H(0)_ij - H^inf_ij| against t: lhs = the deviation plus its uncertainty
// (so a pass is certain), rhs = t.
Verdict check_concentration(const InitialGram& initial, const Matrix<double>& limit, double limit_rounding,
                            double radius);

// The frozen-pattern argument on one GD run. First-layer weights W(0) with
// N(0, 1) entries drawn from `weights_seed`, eta = step_fraction /
// lambda_max(H(0)) (certified upper bound); GD for `steps` steps on the
// family's net. Every step whose two ends have the same certified activation
// pattern (each sign of W x_i decided beyond the rounding of W x_i, Higham
// 3.5) lies in one linear region of u, where u(t+1) - y = (I - eta H_t)(u(t)
// - y) exactly, H_t that pattern's Gram matrix; the claim
//   ||u(t+1) - y||^2 <= (1 - eta lambda_min(H_t))^2 ||u(t) - y||^2
// is judged for the exact step from each iterate on the precision ladder,
// lambda_min(H_t) certified from below. With `require_small_step`, only steps
// with eta lambda_max(H_t) <= 1 (certified) are judged: the claim's hypothesis.
// Stops at the first violation.
struct FrozenPatternRun {
  long frozen_steps = 0;             // steps judged
  std::optional<Verdict> violation;  // the first step that did not contract
  long violation_step = -1;
  double rate = 0;  // that step's claimed factor on ||u - y||^2
};
FrozenPatternRun check_frozen_pattern_run(const TwoLayerReluSpec& spec, std::uint64_t weights_seed,
                                          double step_fraction, long steps, bool require_small_step);

// Runs first..last-1 (`runs`) of the concentration claim at width m: run i
// draws W(0) with `draw` from Rng(seed + 0x9E3779B97F4A7C15 (i + 1)) and
// counts as leaving when H(0) is not certainly within `radius` of `limit`
// (a violated or undecided verdict: conservative for the claim). The digest
// hashes run i with its draw's sum and its outcome (lib/run_digest.hpp), so
// a shard's slice adds up to the whole run's.
using WeightDraw = std::function<Matrix<double>(Rng&, int width, int inputs)>;
struct ConcentrationTally {
  long left = 0, runs = 0;
  std::uint64_t digest = 0;
};
ConcentrationTally concentration_runs(const Matrix<double>& x, const Matrix<double>& limit, double limit_rounding,
                                      double radius, int width, std::uint64_t seed, const WeightDraw& draw,
                                      std::pair<long, long> runs);

// Runs first..last-1 (`runs`) of Du et al.'s conclusion at a feasible width
// m, on the net of `inputs` (x its unit inputs in double, p x n): run i
// draws W(0) with N(0, 1) entries from Rng(seed + 0x9E3779B97F4A7C15 (i + 1)
// + m) and takes `steps` GD steps of size `step`. Counted: runs where
// ||u(k) - y||^2 <= (1 - eta lambda_0/2)^k ||u(0) - y||^2 held at every k,
// where lambda_min(H(0)) >= lambda_0/2, and where every w_r stayed within
// R' = 4 sqrt(n) ||y - u(0)|| / (sqrt(m) lambda_0) of its start; the digest
// hashes run i with m, its last loss and the three outcomes. In double: an
// experiment's tally, not a verdict.
struct LinearRateTally {
  long rate_held = 0, well_conditioned = 0, stayed_near = 0;
  std::uint64_t digest = 0;
};
LinearRateTally linear_rate_runs(const TwoLayerReluSpec& inputs, int width, const Matrix<double>& x, double step,
                                 long steps, double lambda_0, std::uint64_t seed, std::pair<long, long> runs);

}  // namespace gdcheck::wide_relu

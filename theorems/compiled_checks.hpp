// Theorem checks compiled once, in the theorems library (issue 23).
//
// A check that judges a claim on one objective (descent_lemma::check_step,
// check_gd_iterate, the stationarity bound's run, the Jacobian's spectrum...)
// is a template over the objective F = Family<S>, and a property evaluates it
// at each rung of the precision ladder. Left to implicit instantiation, every
// unit that called it compiled it four times over, Boost.Multiprecision's
// arithmetic inlined each time (a property unit took 20-35 s). Instead:
//
//  - a theorem header lists its checks once, as a macro CHECKS(PREFIX, F)
//    whose every entry reads `PREFIX template <the check's signature for F>;`;
//  - a family list (below) names the families they are compiled for;
//  - at the header's end, GDCHECK_DECLARE_COMPILED(LIST, CHECKS) declares
//    every (family, scalar) instance `extern`, so no unit that includes the
//    header compiles one;
//  - theorems/CMakeLists.txt's gdcheck_compile_checks() generates one unit
//    per scalar type S that includes the headers with
//    GDCHECK_COMPILING_CHECKS_IN defined as S; there the same line defines
//    the instances in S (`PREFIX` empty). The header's line is the only list.
//
// A heavy check starts with GDCHECK_REQUIRE_COMPILED(Group, F): called on a
// family the library does not compile it for, the build stops there, naming
// the check, the family and the scalar ("In instantiation of ... [with F =
// ...]"), instead of silently compiling it in the caller. Add the family to
// the group's list to compile it once for everyone.
#pragma once

#include "lib/objectives/any_objective.hpp"
#include "lib/objectives/finite_sums.hpp"
#include "lib/objectives/octopus.hpp"
#include "lib/objectives/piecewise_curvature.hpp"
#include "lib/objectives/power_of_two_scaling.hpp"
#include "lib/objectives/quadratic.hpp"
#include "lib/objectives/ridge_sum.hpp"
#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/two_layer_relu.hpp"
#include "lib/scalar/scalar_types.hpp"
#include "theorems/precision_ladder.hpp"

namespace gdcheck {

// Separable wells with every argument and value scaled by powers of two (the
// rounding-at-every-scale properties); an alias, so that it is one macro token.
template <class S>
using ScaledSeparableWells = PowerOfTwoScaled<SeparableWells, SeparableWellsSpec>::Of<S>;

// compiled_once<Group, F>: the theorems library compiles Group's checks for F.
template <class Group, class F>
inline constexpr bool compiled_once = false;

// The groups: which families a theorem's checks are compiled for.
// GD runs, the descent lemma, the stationarity bound; AnyObjective is every
// family at once (the run checks over ObjectiveLadder call these).
struct GradientDescentFamilies {};
struct DiffeomorphismFamilies {};   // the gradient map's Jacobian, injectivity, preimages
struct CriticalPointFamilies {};    // Hessian spectra
struct StrictSaddleFamilies {};     // second-order points, stable sets, escapes, PGD's budget

#define GDCHECK_GRADIENT_DESCENT_FAMILIES(X, ...)                                                       \
  X(SeparableWells, __VA_ARGS__)                                                                        \
  X(RidgeSum, __VA_ARGS__) X(PiecewiseCurvature, __VA_ARGS__) X(LeastSquares, __VA_ARGS__)             \
  X(SaddleFiniteSum, __VA_ARGS__) X(Quadratic, __VA_ARGS__) X(ScaledSeparableWells, __VA_ARGS__)           \
  X(AnyObjective, __VA_ARGS__)
#define GDCHECK_DIFFEOMORPHISM_FAMILIES(X, ...)                                                         \
  X(SeparableWells, __VA_ARGS__)                                                                        \
  X(RidgeSum, __VA_ARGS__) X(PiecewiseCurvature, __VA_ARGS__) X(SaddleFiniteSum, __VA_ARGS__)          \
  X(Quadratic, __VA_ARGS__) X(AnyObjective, __VA_ARGS__)
#define GDCHECK_CRITICAL_POINT_FAMILIES(X, ...)                                                         \
  X(SeparableWells, __VA_ARGS__)                                                                        \
  X(RidgeSum, __VA_ARGS__) X(PiecewiseCurvature, __VA_ARGS__) X(SaddleFiniteSum, __VA_ARGS__)          \
  X(Quadratic, __VA_ARGS__) X(Octopus, __VA_ARGS__)
#define GDCHECK_FINITE_SUM_FAMILIES(X, ...) X(LeastSquares, __VA_ARGS__) X(SaddleFiniteSum, __VA_ARGS__)
// Checks over a scalar type alone (the neural nets' and the SGD covariance's):
// their "family" maps S to S itself.
template <class S>
using ScalarItself = S;
#define GDCHECK_EVERY_SCALAR(X, ...) X(ScalarItself, __VA_ARGS__)
#define GDCHECK_STRICT_SADDLE_FAMILIES(X, ...) X(SeparableWells, __VA_ARGS__) X(Quadratic, __VA_ARGS__) X(Octopus, __VA_ARGS__)

// The scalar types of the ladder, as the generated units spell them.
#define GDCHECK_EACH_LADDER_SCALAR(X, ...) \
  X(double, __VA_ARGS__) X(::gdcheck::Float128, __VA_ARGS__) X(::gdcheck::Decimal50, __VA_ARGS__) X(::gdcheck::Decimal100, __VA_ARGS__)

// One family in one scalar type: CHECKS(PREFIX, Family<S>).
#define GDCHECK_CHECKS_FOR(Family, CHECKS, PREFIX, S) CHECKS(PREFIX, Family<S>)
// Every family of LIST in scalar type S.
#define GDCHECK_CHECKS_IN(S, LIST, CHECKS, PREFIX) LIST(GDCHECK_CHECKS_FOR, CHECKS, PREFIX, S)
// Marks Family<S> compiled for Group.
#define GDCHECK_MARK_ONE(Family, Group, S) \
  template <>                              \
  inline constexpr bool compiled_once<Group, Family<S>> = true;
#define GDCHECK_MARK_IN(S, LIST, Group) LIST(GDCHECK_MARK_ONE, Group, S)

GDCHECK_EACH_LADDER_SCALAR(GDCHECK_MARK_IN, GDCHECK_GRADIENT_DESCENT_FAMILIES, GradientDescentFamilies)
GDCHECK_EACH_LADDER_SCALAR(GDCHECK_MARK_IN, GDCHECK_DIFFEOMORPHISM_FAMILIES, DiffeomorphismFamilies)
GDCHECK_EACH_LADDER_SCALAR(GDCHECK_MARK_IN, GDCHECK_CRITICAL_POINT_FAMILIES, CriticalPointFamilies)
GDCHECK_EACH_LADDER_SCALAR(GDCHECK_MARK_IN, GDCHECK_STRICT_SADDLE_FAMILIES, StrictSaddleFamilies)

// The families that properties put on an InstanceLadder, with their specs:
// the ladders and their instances seen as AnyObjective (precision_ladder.hpp)
// are compiled once too, in theorems/precision_ladder.cpp, not in every unit
// that builds a ladder. (The scaled wells' ladder is built by one property
// only, with PowerOfTwoScaled's member template, which an alias cannot name.)
#define GDCHECK_LADDER_FAMILIES(X, ...)                                                               \
  X(SeparableWells, SeparableWellsSpec, __VA_ARGS__)                                                  \
  X(RidgeSum, RidgeSumSpec, __VA_ARGS__) X(PiecewiseCurvature, PiecewiseCurvatureSpec, __VA_ARGS__)   \
  X(LeastSquares, LeastSquaresSpec, __VA_ARGS__) X(SaddleFiniteSum, SaddleFiniteSumSpec, __VA_ARGS__) \
  X(Quadratic, QuadraticSpec, __VA_ARGS__) X(Octopus, OctopusSpec, __VA_ARGS__)                       \
  X(TwoLayerRelu, TwoLayerReluSpec, __VA_ARGS__)
#define GDCHECK_ERASED_IN(S, Family, PREFIX) PREFIX template class ErasedObjective<Family<S>>;
#define GDCHECK_LADDER_INSTANCES(Family, Spec, PREFIX) \
  PREFIX template class InstanceLadder<Family, Spec>;  \
  GDCHECK_EACH_LADDER_SCALAR(GDCHECK_ERASED_IN, Family, PREFIX)
GDCHECK_LADDER_FAMILIES(GDCHECK_LADDER_INSTANCES, extern)
GDCHECK_EACH_LADDER_SCALAR(GDCHECK_ERASED_IN, ScaledSeparableWells, extern)

// In a theorem header, at namespace gdcheck scope after its checks: every
// instance of CHECKS over LIST and the four scalars is compiled elsewhere;
// in the generated unit for scalar type S, the instances in S are defined.
#ifdef GDCHECK_COMPILING_CHECKS_IN
#define GDCHECK_DECLARE_COMPILED(LIST, CHECKS) GDCHECK_CHECKS_IN(GDCHECK_COMPILING_CHECKS_IN, LIST, CHECKS, )
#else
#define GDCHECK_DECLARE_COMPILED(LIST, CHECKS) GDCHECK_EACH_LADDER_SCALAR(GDCHECK_CHECKS_IN, LIST, CHECKS, extern)
#endif

// The first line of a heavy check's body (see above).
#define GDCHECK_REQUIRE_COMPILED(Group, F)                                                            \
  static_assert(::gdcheck::compiled_once<Group, F>,                                                  \
                "this check is compiled once in the theorems library, for the families of " #Group   \
                " (theorems/compiled_checks.hpp); the objective type in the instantiation above is " \
                "not one of them: add its family there")

}  // namespace gdcheck

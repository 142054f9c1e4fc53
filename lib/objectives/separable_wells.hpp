// f(x) = sum_i h_i(y_i), y = Q^T x: one-dimensional well pieces
// h(y) = c y^2/2 - s log cosh(y) + t y (well_piece.hpp) composed with a
// seeded random rotation Q.
//
// Two families in one (issue "objective families", items 2 and 8):
//  - the rotated strict-saddle family: no tilt, some pieces double wells
//    (s > c): every critical point is known, every saddle is strict;
//  - double wells for Langevin dynamics, in 1-D or d-D: tilted double-well
//    pieces, so the global minimum is unique.
// The curvature is globally bounded, so L and rho are global and exact:
//   L = max_i max(c_i, s_i - c_i)  (h'' ranges over [c - s, c]; c is approached
//       as |y| -> infinity, c - s attained at 0),
//   rho = max_i 4 s_i / (3 sqrt 3) (attained where tanh y_i = 1/sqrt 3),
//   f* = sum_i min h_i, attained at the product of the pieces' minimisers.
#pragma once

#include <optional>
#include <vector>

#include "lib/objectives/objective.hpp"
#include "lib/objectives/random_rotation.hpp"
#include "lib/objectives/well_piece.hpp"

namespace gdcheck {

enum class PieceShape {
  convex,      // s < c: h'' > 0, one minimum
  double_well, // s > c: h''(0) < 0, two wells (one of them global if t != 0)
};

struct SeparableWellsSpec {
  std::vector<WellPieceSpec> pieces;  // the dimension is their count
  std::vector<PieceShape> shapes;     // one per piece: what each piece must be
  RotationSpec rotation;              // rotation.dimension == pieces.size()

  int dimension() const { return static_cast<int>(pieces.size()); }
  // Throws std::invalid_argument naming the field: c <= 0, s < 0, a
  // non-finite number, s <= c for a double well, s >= c for a convex piece.
  void validate() const;
};

template <Scalar S>
class SeparableWells {
 public:
  using Scalar = S;

  explicit SeparableWells(const SeparableWellsSpec& spec);

  int dimension() const { return static_cast<int>(pieces_.size()); }

  S value(const Vector<S>& x) const;
  void gradient(const Vector<S>& x, Vector<S>& g) const;
  S value_and_gradient(const Vector<S>& x, Vector<S>& g) const;
  Matrix<S> hessian(const Vector<S>& x) const;

  std::optional<Certified<S>> gradient_lipschitz() const { return Certified<S>{lipschitz_, Certainty::exact}; }
  std::optional<Certified<S>> hessian_lipschitz() const { return Certified<S>{hessian_lipschitz_, Certainty::exact}; }
  std::optional<Certified<S>> lower_bound() const;

  // With delta_y = (||fl(Q) - Q|| + gamma_d sqrt(d)) ||x|| >= ||fl(Q^T x) - Q^T x||:
  //   value:    ||h'(y)|| delta_y + L delta_y^2 / 2 + gamma_{d+16} sum_i |terms of h_i|
  //   gradient: (||fl(Q) - Q|| + gamma_d sqrt(d)) ||h'(y)|| + L delta_y + gamma_16 ||terms of h'||
  // (16 roundings cover a piece: exp, log1p, log and tanh within a few ulps each).
  S value_rounding_error(const Vector<S>& x) const;
  S gradient_rounding_error(const Vector<S>& x) const;

  // Every critical point (the product of the pieces' roots) when there are
  // at most `limit` of them; empty otherwise.
  std::vector<CriticalPoint<S>> critical_points(std::size_t limit = 4096) const;

  const Matrix<S>& rotation() const { return rotation_; }
  const std::vector<WellPiece<S>>& pieces() const { return pieces_; }

 private:
  Vector<S> rotated(const Vector<S>& x) const { return rotation_.transpose() * x; }

  // The critical points of each piece, solved on first use (Newton on tanh
  // is costly at 100 digits, and most uses never need them). Not thread-safe:
  // share an instance across threads only after calling lower_bound() once.
  const std::vector<std::vector<S>>& roots() const;

  std::vector<WellPiece<S>> pieces_;
  mutable std::vector<std::vector<S>> roots_;
  Matrix<S> rotation_;
  S rotation_error_;  // ||fl(Q) - Q|| + gamma_d sqrt(d)
  S product_underflow_;  // underflow part of ||fl(Q v) - Q v||: d products per entry
  S lipschitz_, hessian_lipschitz_;
};

GDCHECK_EXTERN_TEMPLATE_FOR_EACH_SCALAR(SeparableWells);

}  // namespace gdcheck

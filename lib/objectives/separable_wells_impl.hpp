#pragma once

#include <algorithm>
#include <cmath>

#include "lib/objectives/separable_wells.hpp"
#include "lib/objectives/well_piece_impl.hpp"

namespace gdcheck {

template <Scalar S>
SeparableWells<S>::SeparableWells(const SeparableWellsSpec& spec) {
  using std::max;
  using std::sqrt;
  spec.validate();
  const int d = spec.dimension();
  lipschitz_ = 0;
  hessian_lipschitz_ = 0;
  for (const WellPieceSpec& piece_spec : spec.pieces) {
    const WellPiece<S> piece(piece_spec);
    pieces_.push_back(piece);
    lipschitz_ = max(lipschitz_, piece.curvature_bound());
    hessian_lipschitz_ = max(hessian_lipschitz_, piece.third_bound());
  }
  rotation_ = rotation_matrix<S>(spec.rotation);
  // Relative (a factor of ||x||); the underflows are product_underflow_ below.
  rotation_error_ = rotation_rounding_error<S>(spec.rotation) + rounding_gamma<S>(d) * sqrt(S(d));
  // fl(Q v) - Q v: the relative part above, and d products per entry underflowing.
  product_underflow_ = underflow_bound<S>(d, d);
}

template <Scalar S>
const std::vector<std::vector<S>>& SeparableWells<S>::roots() const {
  if (roots_.empty()) {
    for (const auto& piece : pieces_) roots_.push_back(piece.critical_points());
  }
  return roots_;
}

template <Scalar S>
std::optional<Certified<S>> SeparableWells<S>::lower_bound() const {
  S total = 0;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    S lowest = pieces_[i].value(roots()[i].front());
    for (const S& root : roots()[i]) lowest = std::min(lowest, pieces_[i].value(root));
    total += lowest;
  }
  return Certified<S>{total, Certainty::exact};
}

template <Scalar S>
S SeparableWells<S>::value(const Vector<S>& x) const {
  const Vector<S> y = rotated(x);
  S total = 0;
  for (int i = 0; i < dimension(); ++i) total += pieces_[i].value(y(i));
  return total;
}

template <Scalar S>
void SeparableWells<S>::gradient(const Vector<S>& x, Vector<S>& g) const {
  const Vector<S> y = rotated(x);
  Vector<S> slopes(dimension());
  for (int i = 0; i < dimension(); ++i) slopes(i) = pieces_[i].first(y(i));
  g.noalias() = rotation_ * slopes;
}

template <Scalar S>
S SeparableWells<S>::value_and_gradient(const Vector<S>& x, Vector<S>& g) const {
  const Vector<S> y = rotated(x);
  Vector<S> slopes(dimension());
  S total = 0;
  for (int i = 0; i < dimension(); ++i) {
    total += pieces_[i].value(y(i));
    slopes(i) = pieces_[i].first(y(i));
  }
  g.noalias() = rotation_ * slopes;
  return total;
}

template <Scalar S>
Matrix<S> SeparableWells<S>::hessian(const Vector<S>& x) const {
  const Vector<S> y = rotated(x);
  Vector<S> curvatures(dimension());
  for (int i = 0; i < dimension(); ++i) curvatures(i) = pieces_[i].second(y(i));
  Matrix<S> h = rotation_ * curvatures.asDiagonal() * rotation_.transpose();
  return (h + h.transpose()) / 2;
}

template <Scalar S>
S SeparableWells<S>::value_rounding_error(const Vector<S>& x) const {
  const Vector<S> y = rotated(x);
  const S delta_y = rotation_error_ * bound_norm(x) + product_underflow_;
  Vector<S> slopes(dimension());
  S magnitude = 0;
  for (int i = 0; i < dimension(); ++i) {
    slopes(i) = pieces_[i].first(y(i));
    magnitude += pieces_[i].value_magnitude(y(i));
  }
  return 2 * (bound_norm(slopes) * delta_y + lipschitz_ * delta_y * delta_y / 2 +
              // d pieces of <= 16 roundings each: d (d + 16) >= 16 d underflow units
              rounding_bound<S>(dimension() + 16.0, magnitude, double(dimension()) * dimension()));
}

template <Scalar S>
S SeparableWells<S>::gradient_rounding_error(const Vector<S>& x) const {
  const Vector<S> y = rotated(x);
  Vector<S> slopes(dimension()), magnitudes(dimension());
  for (int i = 0; i < dimension(); ++i) {
    slopes(i) = pieces_[i].first(y(i));
    magnitudes(i) = pieces_[i].first_magnitude(y(i));
  }
  // The error of y = Q x moves the slopes by L times it; Q slopes adds its own.
  const S delta_y = rotation_error_ * bound_norm(x) + product_underflow_;
  return 2 * (rotation_error_ * bound_norm(slopes) + product_underflow_ + lipschitz_ * delta_y +
              rounding_bound<S>(16, bound_norm(magnitudes), dimension()));
}

template <Scalar S>
std::vector<CriticalPoint<S>> SeparableWells<S>::critical_points(std::size_t limit) const {
  std::size_t count = 1;
  for (const auto& roots : roots()) {
    count *= roots.size();
    if (count > limit) return {};
  }
  std::vector<CriticalPoint<S>> points;
  std::vector<std::size_t> choice(dimension(), 0);
  for (std::size_t n = 0; n < count; ++n) {
    Vector<S> y(dimension()), curvatures(dimension());
    bool every_piece_at_its_lowest = true;
    for (int i = 0; i < dimension(); ++i) {
      y(i) = roots()[i][choice[i]];
      curvatures(i) = pieces_[i].second(y(i));
      for (const S& other : roots()[i]) {
        if (pieces_[i].value(other) < pieces_[i].value(y(i))) every_piece_at_its_lowest = false;
      }
    }
    std::sort(curvatures.begin(), curvatures.end());
    CriticalKind kind;
    if (curvatures(0) > 0) {
      kind = every_piece_at_its_lowest ? CriticalKind::global_minimum : CriticalKind::local_minimum;
    } else if (curvatures(dimension() - 1) < 0) {
      kind = CriticalKind::local_maximum;
    } else {
      kind = CriticalKind::strict_saddle;  // validate() rules out h'' = 0 at a root
    }
    points.push_back({rotation_ * y, curvatures, kind});
    for (int i = 0; i < dimension(); ++i) {  // next combination (odometer)
      if (++choice[i] < roots()[i].size()) break;
      choice[i] = 0;
    }
  }
  return points;
}

}  // namespace gdcheck

// The escape law near a strict saddle, and what precision does to a start on
// its stable set (theorems/saddle_escape.hpp).
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "lib/run_digest.hpp"
#include "properties/experiment_cells.hpp"
#include "properties/figure.hpp"
#include "properties/generators.hpp"
#include "properties/objective_generators.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/saddle_escape.hpp"

namespace gdcheck {
namespace {

namespace escape = saddle_escape;

std::string theorem() { return std::string(escape::name); }

// Distances from the stable set the law is checked at (0: a start exactly on
// it, where only rounding moves the iterate off).
const std::vector<double> kDistances = {1e-8, 1e-16, 1e-32, 1e-64, 1e-90, 0.0};

struct EscapeCase {
  SeparableWellsSpec spec;  // an origin_saddle_wells instance: piece 0 a double well
  double step = 0;          // alpha, as a fraction of 1/L times 1/L
  double stable_offset = 0; // b: the start's component along a stable direction
};

struct EscapeOutcome {
  long steps = -1;  // -1: still within the slab after the horizon
  escape::EscapeWindow window;
  long horizon = 0;
  double final_distance = 0;  // ||x_T - x*|| at the end of the run
};

// Runs GD in S from x* + delta0 u + b w (u the unstable direction of piece 0,
// w the stable direction of the last piece) until |<x - x*, u>| > r, with
// r = 0.1 sqrt(3 lambda / s), where G_min = 1 + alpha lambda - alpha s r^2/3 =
// 1 + 0.99 alpha lambda (tanh(y)/y >= 1 - y^2/3), G_max = 1 + alpha lambda.
template <Scalar S>
EscapeOutcome escape_in(const EscapeCase& c, double delta0) {
  const SeparableWells<S> f(c.spec);
  const int d = c.spec.dimension();
  const WellPiece<S>& piece = f.pieces()[0];
  const S alpha(c.step);
  const S lambda = piece.depth - piece.curvature;  // |lambda_min| along u
  using std::sqrt;
  const S radius = sqrt(3 * lambda / piece.depth) / 10;
  const Vector<S> unstable = f.rotation().col(0);
  const Vector<S> start = S(delta0) * unstable + S(c.stable_offset) * f.rotation().col(d - 1);
  const double growth_max = static_cast<double>(1 + alpha * lambda);
  const double growth_min = static_cast<double>(1 + alpha * lambda - alpha * piece.depth * radius * radius / 3);
  // The horizon: three times the law's steps from the rounding floor, 1e-110.
  const long horizon = 3 * static_cast<long>(std::log(static_cast<double>(radius) / 1e-110) / std::log(growth_min));
  const auto run = escape::run_until_escape(f, start, Vector<S>::Zero(d), unstable, alpha, radius, horizon);
  // |fl(u)^T x - u^T x| <= (||fl(Q) - Q|| + gamma_d) ||x||, ||x|| <= ||x_0|| + r.
  const double measurement = static_cast<double>((rotation_rounding_error<S>(c.spec.rotation) + rounding_gamma<S>(d)) *
                                                     (bound_norm(start) + radius) +
                                                 underflow_bound<S>(d));
  EscapeOutcome outcome;
  outcome.steps = run.escape_step;
  outcome.horizon = horizon;
  outcome.window = escape::escape_window(delta0, static_cast<double>(radius), growth_min, growth_max,
                                         static_cast<double>(run.max_step_error), measurement);
  outcome.final_distance = static_cast<double>(run.last.norm());
  return outcome;
}

// Judges earliest <= steps <= latest (an escape never seen within the
// horizon counts as step infinity); fails the case with the numbers.
void check_window(const EscapeOutcome& o, std::string_view precision, double delta0, const EscapeCase& c) {
  const double observed = o.steps < 0 ? INFINITY : static_cast<double>(o.steps);
  const bool inside = observed >= o.window.earliest && observed <= o.window.latest;
  if (std::isfinite(o.window.latest) && observed <= o.window.latest) {
    property_log().ratio(observed / o.window.latest);
  }
  if (inside) return;
  std::ostringstream text;
  text << precision << ", delta_0 = " << delta0 << ": escaped at step " << observed << ", law's window ["
       << o.window.earliest << ", " << o.window.latest << "]; alpha = " << describe_value(c.step) << ", instance ";
  showValue(c.spec, text);
  RC_FAIL(text.str());
}

EscapeCase random_case() {
  EscapeCase c;
  c.spec = *gen::origin_saddle_wells(2, 3, true);
  c.step = *gen::uniform(0.3, 0.95) / c.spec.pieces[0].curvature;  // L = c, as s - c <= c/4
  c.stable_offset = *gen::uniform(0.1, 1.0);
  return c;
}

TEST(SaddleEscapeLaw_HighPrecision, EscapeStepsFollowTheLawInEveryPrecision) {
  check_property({"saddle-escape/law-in-every-precision", theorem(), PropertyKind::holds, 12}, [] {
    const EscapeCase c = random_case();
    const double delta0 = kDistances[*gen::integer(0, kDistances.size() - 1)];
    check_window(escape_in<double>(c, delta0), "double", delta0, c);
    check_window(escape_in<Float128>(c, delta0), "float128", delta0, c);
    check_window(escape_in<Decimal50>(c, delta0), "50 digits", delta0, c);
    check_window(escape_in<Decimal100>(c, delta0), "100 digits", delta0, c);
  });
}

// The table of docs/saddle-escape.md on one fixed instance: alpha = 0.9,
// h_0 = y^2/2 - 1.5 log cosh y (lambda = -0.5 at 0), h_1 = y^2/2 - 0.25 log
// cosh y, rotated; b = 0.5. Claims: every cell is inside its window; from an
// exact start on the stable set, double and 128-bit runs escape within the
// horizon and more digits stay longer; on the axis-aligned instance (where
// rounding cannot leave the set) every precision converges to the saddle.
TEST(SaddleEscapeLaw_Experiment, EscapeStepsByPrecisionAndDistance) {
  check_property({"saddle-escape/table", theorem(), PropertyKind::experiment, 1}, [] {
    EscapeCase c;
    c.spec.pieces = {{1.0, 1.5, 0.0}, {1.0, 0.25, 0.0}};
    c.spec.shapes = {PieceShape::double_well, PieceShape::convex};
    c.spec.rotation = {2, 2, 7};
    c.step = 0.9;
    c.stable_offset = 0.5;
    const char* precisions[] = {"double", "float128", "50 digits", "100 digits"};
    const auto escape_at = [](int precision, const EscapeCase& e, double delta0) {
      switch (precision) {
        case 0: return escape_in<double>(e, delta0);
        case 1: return escape_in<Float128>(e, delta0);
        case 2: return escape_in<Decimal50>(e, delta0);
        default: return escape_in<Decimal100>(e, delta0);
      }
    };
    EscapeCase axis_aligned = c;
    axis_aligned.spec.rotation = {2, 0, 0};  // Q^T x is exact, the set y_0 = 0 is kept exactly
    // The cells: every (delta_0, precision), each whole in one shard with its
    // window check, {steps, horizon}; then, axis-aligned from on the set, one
    // per precision, {1 if the run converged to the saddle}.
    const long table_cells = static_cast<long>(kDistances.size()) * 4;
    const auto cells = experiment_cells(table_cells + 4, [&](long index) {
      if (index >= table_cells) {
        const EscapeOutcome o = escape_at(static_cast<int>(index - table_cells), axis_aligned, 0.0);
        return CellTally{{o.steps < 0 && o.final_distance < 1e-30}, 0};
      }
      const int precision = static_cast<int>(index % 4);
      const double delta0 = kDistances[static_cast<std::size_t>(index / 4)];
      const EscapeOutcome o = escape_at(precision, c, delta0);
      check_window(o, precisions[precision], delta0, c);
      return CellTally{{o.steps, o.horizon}, 0};
    }, CellSplit::whole_cells());
    if (!cells) return;  // a shard: merge_shards assembles the table from every shard's cells
    std::ostringstream table;
    table << "| delta_0 | double | float128 | 50 digits | 100 digits | law log(r/delta_0)/log(1 + alpha|lambda|) |\n"
          << "|---|---|---|---|---|---|\n";
    std::vector<long> exact_start;
    Figure figure{"Escape steps from a strict saddle by precision", "log10(r / delta_0), r = 0.1",
                  "steps to leave the ball of radius r", false, false, {}};
    for (const char* name : precisions) figure.series.push_back({name, "points", {}});
    figure.series.push_back({"law log(r/delta_0)/log(1 + alpha|lambda|)", "lines", {}});
    for (std::size_t row = 0; row < kDistances.size(); ++row) {
      const double delta0 = kDistances[row];
      std::ostringstream distance;
      distance << std::setprecision(3) << delta0;
      table << "| " << (delta0 == 0 ? std::string("0 (on the set)") : distance.str()) << " |";
      for (int k = 0; k < 4; ++k) {
        const long steps = (*cells)[4 * row + k].counts[0], horizon = (*cells)[4 * row + k].counts[1];
        table << " " << (steps < 0 ? std::string("none in ") + std::to_string(horizon) : std::to_string(steps)) << " |";
        if (delta0 == 0) exact_start.push_back(steps);
        if (delta0 > 0 && steps >= 0) figure.series[k].points.push_back({std::log10(0.1 / delta0), static_cast<double>(steps)});
      }
      const double law = delta0 == 0 ? NAN : std::log(0.1 / delta0) / std::log(1 + 0.9 * 0.5);
      table << " " << (delta0 == 0 ? std::string("-") : std::to_string(law)) << " |\n";
      if (delta0 > 0) figure.series.back().points.push_back({std::log10(0.1 / delta0), law});
    }
    std::cout << table.str();
    property_log().field("table", table.str());
    property_log().field("digest", digest_text(cells_digest(figure)));  // no random draw: its cells
    log_figure(figure);
    RC_ASSERT(exact_start[0] > 0);
    RC_ASSERT(exact_start[1] > exact_start[0]);
    RC_ASSERT(exact_start[2] < 0 || exact_start[2] > exact_start[1]);
    RC_ASSERT(exact_start[3] < 0 || exact_start[3] > exact_start[2]);
    // Axis-aligned, from on the set: every precision converges to the saddle.
    for (long k = 0; k < 4; ++k) RC_ASSERT((*cells)[table_cells + k].counts[0] == 1);
  });
}

}  // namespace
}  // namespace gdcheck

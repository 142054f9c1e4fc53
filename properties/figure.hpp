// A figure an experiment asks the report to draw (apps/report): written to the
// results line as its "figure" field, so the report is drawn from the same run
// that decided the verdict. The report writes each series to a data file and
// plots it with gnuplot; nothing here draws.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "properties/results_file.hpp"

namespace gdcheck {

struct FigureSeries {
  std::string name;
  // "points", "lines" (a fitted law, drawn as a line), "errorbars" (each
  // point x, y, y_low, y_high), "xbars" (x, y, x_low, x_high: a level drawn
  // across x_low..x_high) or "marks" (points circled, unconnected).
  std::string style = "points";
  std::vector<std::vector<double>> points;
  int color = 0;  // 0: the next colour; k > 0: gnuplot's line colour k (series that belong together share one)
};

struct Figure {
  std::string title, x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<FigureSeries> series;

  Json to_json() const;
};

// The running property's figure (one per property).
void log_figure(const Figure& figure);

// The digest (lib/run_digest.hpp) of an experiment that draws nothing at
// random: each plotted point is a cell, hashed with its series and index,
// summed. Its line then carries a digest like every Monte Carlo line, one that
// changes when any computed cell does.
std::uint64_t cells_digest(const Figure& figure);

}  // namespace gdcheck

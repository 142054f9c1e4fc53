// A figure an experiment asks the report to draw (apps/report): written to the
// results line as its "figure" field, so the report is drawn from the same run
// that decided the verdict. The report writes each series to a data file and
// plots it with gnuplot; nothing here draws.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "lib/run_digest.hpp"
#include "properties/property.hpp"
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

  Json to_json() const {
    Json out = {{"title", title}, {"x_label", x_label}, {"y_label", y_label}, {"log_x", log_x}, {"log_y", log_y}};
    out["series"] = Json::array();
    for (const auto& s : series) {
      Json points = Json::array();
      for (const auto& p : s.points) {
        Json point = Json::array();
        for (double v : p) point.push_back(json_number(v));
        points.push_back(std::move(point));
      }
      out["series"].push_back({{"name", s.name}, {"style", s.style}, {"points", std::move(points)}});
      if (s.color > 0) out["series"].back()["color"] = s.color;
    }
    return out;
  }
};

// The running property's figure (one per property).
inline void log_figure(const Figure& figure) { property_log().field("figure", figure.to_json()); }

// The digest (lib/run_digest.hpp) of an experiment that draws nothing at
// random: each plotted point is a cell, hashed with its series and index,
// summed. Its line then carries a digest like every Monte Carlo line, one that
// changes when any computed cell does.
inline std::uint64_t cells_digest(const Figure& figure) {
  std::uint64_t digest = 0, cell = 0;
  for (const FigureSeries& series : figure.series) {
    for (const auto& point : series.points) {
      RunHash hash(cell++);
      for (const double value : point) hash.add(value);
      digest += hash.term();
    }
  }
  return digest;
}

}  // namespace gdcheck

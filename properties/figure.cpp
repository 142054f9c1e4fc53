// Compiled once in the properties library: ten experiments draw figures, and
// the JSON writing was compiled again in each of their units (issue 23).
#include "properties/figure.hpp"

#include "lib/run_digest.hpp"
#include "properties/property.hpp"

namespace gdcheck {

Json Figure::to_json() const {
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

void log_figure(const Figure& figure) { property_log().field("figure", figure.to_json()); }

std::uint64_t cells_digest(const Figure& figure) {
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

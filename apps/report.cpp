// report RESULTS.jsonl OUTDIR
//
// The main job's report, drawn from the results file of the run that decided
// the verdicts: OUTDIR/index.html (open it in a browser; it links the PNGs
// beside it) and OUTDIR/report.md (the same for CI logs): the verdict table,
// one figure per experiment that logged a "figure" (properties/figure.hpp),
// and the Monte Carlo rates of the statistical properties ("monte_carlo")
// with their two-sided 95% Clopper-Pearson intervals. Each figure's data sits
// in OUTDIR/<name>.dat (one gnuplot data block per series, its name in a
// comment) and is plotted by OUTDIR/<name>.gp with gnuplot.
//
// Exits 0 when every file is written, 2 when the results file is missing,
// empty or malformed (the message names the line) or gnuplot fails: a report
// with nothing in it must not look like one.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "apps/run_tool.hpp"
#include "apps/verdict_rows.hpp"
#include "theorems/binomial_bound.hpp"

namespace {

using gdcheck::Json;
namespace fs = std::filesystem;

struct ReportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "octopus/gd-pgd-noisy-gd" -> "octopus-gd-pgd-noisy-gd": a file name.
std::string slug(const std::string& property) {
  std::string out;
  for (const char c : property) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

// A gnuplot double-quoted string.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string html_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  out.close();
  if (!out) throw ReportError("cannot write " + path.string());
}

struct Drawn {
  std::string name;     // file stem in OUTDIR
  std::string title;
  std::string caption;  // where it came from and how to reproduce it
};

// The command that replays the property's whole run.
std::string reproduce_command(const Json& line) {
  const std::string program = gdcheck::field_text(line, "program");
  const std::string test = gdcheck::field_text(line, "test");
  if (program.empty()) return "";
  return "cd build && RC_PARAMS=\"seed=" + gdcheck::field_text(line, "seed") + "\" ./properties/" + program +
         (test.empty() ? "" : " --gtest_filter='" + test + "'");
}

std::string caption_of(const Json& line) {
  return "Property " + gdcheck::field_text(line, "property") + " (" + gdcheck::field_text(line, "kind") +
         ", verdict " + gdcheck::field_text(line, "verdict") + "), seed " + gdcheck::field_text(line, "seed") +
         ". Reproduce: " + reproduce_command(line);
}

// Writes NAME.dat and NAME.gp for a figure spec (properties/figure.hpp) and runs gnuplot.
void draw(const fs::path& dir, const std::string& name, const Json& figure, const std::string& extra_settings = "") {
  std::ostringstream data, script;
  script << "set terminal pngcairo size 1200,600 noenhanced font \",10\"\n"
         << "set output " << quoted(name + ".png") << "\n"
         << "set title " << quoted(figure.value("title", "")) << "\n"
         << "set xlabel " << quoted(figure.value("x_label", "")) << "\n"
         << "set ylabel " << quoted(figure.value("y_label", "")) << "\n"
         << "set key outside right top box opaque\nset grid\nset autoscale xfix\nset offsets graph 0.02, graph 0.02, 0, 0\n";
  if (figure.value("log_x", false)) script << "set logscale x\n";
  if (figure.value("log_y", false)) script << "set logscale y\n";
  script << extra_settings << "plot ";
  int block = 0;
  for (const Json& series : figure.at("series")) {
    const std::string style = series.value("style", "points");
    if (style != "points" && style != "lines" && style != "errorbars" && style != "xbars" && style != "marks") {
      throw ReportError("figure " + name + ": series \"" + series.value("name", "") + "\" has style \"" + style +
                        "\" (known: points, lines, errorbars, xbars, marks)");
    }
    const Json& points = series.at("points");
    if (points.empty()) continue;
    data << "# " << series.value("name", "") << "\n";
    for (const Json& point : points) {
      for (std::size_t k = 0; k < point.size(); ++k) data << (k ? " " : "") << (point[k].is_number() ? point[k].dump() : "NaN");
      data << "\n";
    }
    data << "\n\n";
    script << (block ? ", \\\n     " : "") << quoted(name + ".dat") << " index " << block
           << (style == "lines"       ? " using 1:2 with lines lw 2"
               : style == "errorbars" ? " using 1:2:3:4 with yerrorbars pt 7"
               : style == "xbars"     ? " using 1:2:3:4 with xerrorbars pt 0 lw 3"
               : style == "marks"     ? " using 1:2 with points pt 6 ps 3 lw 2"
                                      : " using 1:2 with linespoints pt 7 ps 1.2")
           << (series.contains("color") ? " lc " + series["color"].dump() : "")
           << " title " << quoted(series.value("name", ""));
    ++block;
  }
  if (block == 0) throw ReportError("figure " + name + " has no points");
  script << "\n";
  write_file(dir / (name + ".dat"), data.str());
  write_file(dir / (name + ".gp"), script.str());
  const std::string command = "cd " + quoted(dir.string()) + " && gnuplot " + quoted(name + ".gp") + " 2>" +
                              quoted(name + ".gnuplot.log");
  if (std::system(command.c_str()) != 0) {
    throw ReportError("gnuplot failed on " + (dir / (name + ".gp")).string() + " (see " + name +
                      ".gnuplot.log; gnuplot comes with scripts/install-deps.sh)");
  }
}

// The statistical properties' Monte Carlo counts, one point per case, with
// two-sided 95% Clopper-Pearson intervals (each side at 97.5%), and beside
// each its claim: a bar at the claimed rate, one series per direction of the
// entry's rule (properties/monte_carlo_line.hpp), so the margin shows.
std::optional<Drawn> draw_monte_carlo(const fs::path& dir, const std::vector<gdcheck::VerdictRow>& rows) {
  struct ClaimSeries {
    std::string name;
    std::vector<std::string> rules;
    Json points = Json::array();
  };
  std::vector<ClaimSeries> claims{{"claim: rate at least (at_least) or above (more_than)", {"at_least", "more_than"}},
                                  {"claim: rate at most (at_most, shown_at_most)", {"at_most", "shown_at_most"}},
                                  {"claim: rate equal to (equals)", {"equals"}}};
  Json series = Json::array();
  int index = 0;
  for (const auto& row : rows) {
    if (!row.line.contains("monte_carlo")) continue;
    Json points = Json::array();
    for (const Json& entry : row.line["monte_carlo"]) {
      const long count = entry.at("count"), runs = entry.at("runs");
      if (runs <= 0) throw ReportError(row.property + ": a Monte Carlo case with no runs");
      ++index;
      points.push_back({index, double(count) / runs, gdcheck::clopper_pearson_lower(count, runs, 0.975),
                        gdcheck::clopper_pearson_upper(count, runs, 0.975)});
      const Json claim = entry.value("claim", Json::object());
      for (ClaimSeries& c : claims) {
        for (const std::string& rule : c.rules) {
          if (claim.contains(rule) && claim[rule].is_number()) {
            c.points.push_back({index, claim[rule], index - 0.4, index + 0.4});
          }
        }
      }
    }
    if (!points.empty()) {
      series.push_back({{"name", row.property + ": " + row.line["monte_carlo"][0].value("event", "")},
                        {"style", "errorbars"},
                        {"points", points}});
    }
  }
  if (index == 0) return std::nullopt;
  for (ClaimSeries& c : claims) {
    if (!c.points.empty()) series.push_back({{"name", c.name}, {"style", "xbars"}, {"points", c.points}});
  }
  const Json figure = {{"title", "Monte Carlo rates per case, with two-sided 95% Clopper-Pearson intervals"},
                       {"x_label", "case (one per generated instance, grouped by property)"},
                       {"y_label", "fraction of runs"},
                       {"series", series}};
  draw(dir, "monte-carlo-rates", figure,
       "set xtics 1\nset xrange [0.5:" + std::to_string(index) +
           ".5]\nset yrange [-0.05:1.05]\nset key below box opaque\nset terminal pngcairo size 1200,1000 noenhanced font \",10\"\n");
  return Drawn{"monte-carlo-rates", figure["title"],
               "Every case of every statistical property (the event counted is in the key), from this run's results "
               "file, with the rate its claim names as a bar beside it; the property's own verdict uses its stated "
               "one-sided level (results line), not these 95% intervals."};
}

void write_report(const fs::path& dir, const std::string& source, const std::vector<gdcheck::VerdictRow>& rows,
                  const std::vector<Drawn>& figures) {
  int failed = 0;
  for (const auto& row : rows) failed += row.passed ? 0 : 1;
  const std::string summary = std::to_string(rows.size()) + " properties, " + std::to_string(failed) + " failed";

  std::ostringstream html, md;
  html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gdcheck report</title>\n"
       << "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;"
          "font-size:90%}td,th{border:1px solid #ccc;padding:2px 6px}td.FAIL{background:#fbb}"
          "figure{margin:2em 0}figcaption{font-size:90%;color:#333}code{font-size:90%}</style></head><body>\n"
       << "<h1>gdcheck report</h1>\n<p>" << html_escaped(summary) << ", from <code>" << html_escaped(source)
       << "</code>.</p>\n<table>\n<tr><th>theorem</th><th>property</th><th>kind</th><th>cases</th><th>verdict</th>"
          "<th>worst ratio</th><th>escalations</th><th>rate bound (statistical)</th></tr>\n";
  md << "# gdcheck report\n\n" << summary << ", from `" << source << "`.\n\n"
     << "| theorem | property | kind | cases | verdict | worst ratio | escalations | rate bound (statistical) |\n"
     << "|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : rows) {
    html << "<tr><td>" << html_escaped(row.theorem) << "</td><td>" << html_escaped(row.property) << "</td><td>"
         << row.kind << "</td><td>" << row.cases << "</td><td class=\"" << row.verdict << "\">" << row.verdict
         << "</td><td>" << row.worst_ratio << "</td><td>" << row.escalations << "</td><td>"
         << html_escaped(row.rate_bound) << "</td></tr>\n";
    md << "| " << row.theorem << " | " << row.property << " | " << row.kind << " | " << row.cases << " | "
       << row.verdict << " | " << row.worst_ratio << " | " << row.escalations << " | " << row.rate_bound << " |\n";
  }
  html << "</table>\n";
  for (const auto& f : figures) {
    html << "<figure><img src=\"" << f.name << ".png\" alt=\"" << html_escaped(f.title) << "\" width=\"960\">"
         << "<figcaption>" << html_escaped(f.caption) << " Data: <code>" << f.name << ".dat</code>, script: <code>"
         << f.name << ".gp</code>.</figcaption></figure>\n";
    md << "\n## " << f.title << "\n\n![" << f.title << "](" << f.name << ".png)\n\n" << f.caption << " Data: `"
       << f.name << ".dat`, script: `" << f.name << ".gp`.\n";
  }
  html << "</body></html>\n";
  write_file(dir / "index.html", html.str());
  write_file(dir / "report.md", md.str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: report RESULTS.jsonl OUTDIR\n";
    return 2;
  }
  return gdcheck::run_tool("report", [&] {
    const auto rows = gdcheck::read_verdict_rows(argv[1]);
    const fs::path dir = argv[2];
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) throw ReportError("cannot create " + dir.string() + ": " + error.message());
    std::vector<Drawn> figures;
    for (const auto& row : rows) {
      if (!row.line.contains("figure")) continue;
      const Json& figure = row.line["figure"];
      if (!figure.is_object() || !figure.contains("series") || !figure["series"].is_array()) {
        throw ReportError(row.property + ": \"figure\" has no \"series\" array");
      }
      const std::string name = slug(row.property);
      draw(dir, name, figure);
      figures.push_back({name, figure.value("title", row.property), caption_of(row.line)});
    }
    if (auto monte_carlo = draw_monte_carlo(dir, rows)) figures.push_back(*monte_carlo);
    write_report(dir, argv[1], rows, figures);
    std::cout << "report: " << (dir / "index.html").string() << " (" << figures.size() << " figures; "
              << (dir / "report.md").string() << ")\n";
    return 0;
  });
}

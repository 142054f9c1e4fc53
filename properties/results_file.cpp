#include "properties/results_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fcntl.h>
#include <unistd.h>

namespace gdcheck {

Json json_number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

Json to_json(const ResultLine& line) {
  Json out = Json::object();
  out["schema"] = kResultsSchema;
  out["property"] = line.property;
  out["theorem"] = line.theorem;
  out["kind"] = line.kind;
  out["cases"] = line.cases;
  out["verdict"] = line.pending ? "pending" : line.passed ? "pass" : "fail";
  out["worst_ratio"] = line.worst_ratio ? json_number(*line.worst_ratio) : Json(nullptr);
  out["escalations"] = line.escalations;
  out["seed"] = line.seed;
  out["counterexample"] = line.counterexample ? Json(*line.counterexample) : Json(nullptr);
  for (const auto& [name, value] : line.extra.items()) out[name] = value;
  return out;
}

namespace {

void require(bool condition, const std::string& where, const std::string& what) {
  if (!condition) throw ResultsFileError(where + ": " + what);
}

}  // namespace

std::vector<Json> read_results(std::istream& in, const std::string& name) {
  std::vector<Json> lines;
  std::string text;
  for (long number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    const std::string where = name + ":" + std::to_string(number);
    Json line;
    try {
      line = Json::parse(text);
    } catch (const Json::parse_error& e) {
      throw ResultsFileError(where + ": not JSON (" + e.what() + ")");
    }
    require(line.is_object(), where, "not a JSON object");
    require(line.contains("schema") && line["schema"].is_number_integer(), where, "no \"schema\" field");
    require(line["schema"] == kResultsSchema, where,
            "schema " + line["schema"].dump() + ", this reader knows " + std::to_string(kResultsSchema));
    for (const char* field : {"property", "theorem", "kind", "verdict"}) {
      require(line.contains(field) && line[field].is_string(), where, std::string("no string \"") + field + "\"");
    }
    const std::string kind = line["kind"];
    require(kind == "holds" || kind == "needs-hypothesis" || kind == "statistical" || kind == "experiment", where,
            "unknown kind \"" + kind + "\"");
    require(line["verdict"] == "pass" || line["verdict"] == "fail" || (line["verdict"] == "pending" && line.contains("shard")),
            where, "verdict is neither \"pass\" nor \"fail\" (nor \"pending\" in a shard's line)");
    require(line.contains("cases") && line["cases"].is_number_integer() && line["cases"] >= 0, where,
            "\"cases\" is not a count");
    require(line.contains("seed") && line["seed"].is_number_unsigned(), where, "\"seed\" is not an unsigned integer");
    lines.push_back(std::move(line));
  }
  if (in.bad()) throw ResultsFileError(name + ": read error");
  return lines;
}

bool append_result(const ResultLine& line) {
  const char* path = std::getenv("GDCHECK_RESULTS");
  if (path == nullptr || *path == '\0') return true;
  const std::string text = to_json(line).dump() + "\n";
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::cerr << "gdcheck: cannot open GDCHECK_RESULTS=" << path << ": " << std::strerror(errno) << "\n";
    return false;
  }
  const ssize_t written = ::write(fd, text.data(), text.size());
  const int write_error = errno;
  const bool closed = ::close(fd) == 0;
  if (written != static_cast<ssize_t>(text.size()) || !closed) {
    std::cerr << "gdcheck: could not write GDCHECK_RESULTS=" << path << ": "
              << (written < 0 ? std::strerror(write_error) : "short write") << "\n";
    return false;
  }
  return true;
}

}  // namespace gdcheck

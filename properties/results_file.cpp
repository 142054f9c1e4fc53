#include "properties/results_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fcntl.h>
#include <unistd.h>

namespace gdcheck {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

std::string to_json(const ResultLine& line) {
  std::string out = "{";
  out += "\"property\": " + json_string(line.property);
  out += ", \"theorem\": " + json_string(line.theorem);
  out += ", \"kind\": " + json_string(line.kind);
  out += ", \"cases\": " + std::to_string(line.cases);
  out += ", \"verdict\": " + json_string(line.passed ? "pass" : "fail");
  out += ", \"worst_ratio\": " + (line.worst_ratio ? json_number(*line.worst_ratio) : "null");
  out += ", \"escalations\": " + std::to_string(line.escalations);
  out += ", \"seed\": " + std::to_string(line.seed);
  out += ", \"counterexample\": " + (line.counterexample ? json_string(*line.counterexample) : "null");
  for (const auto& [name, value] : line.extra) out += ", " + json_string(name) + ": " + value;
  return out + "}\n";
}

bool append_result(const ResultLine& line) {
  const char* path = std::getenv("GDCHECK_RESULTS");
  if (path == nullptr || *path == '\0') return true;
  const std::string text = to_json(line);
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::cerr << "gdcheck: cannot open GDCHECK_RESULTS=" << path << ": " << std::strerror(errno) << "\n";
    return false;
  }
  const ssize_t written = ::write(fd, text.data(), text.size());
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size())) {
    std::cerr << "gdcheck: short write to GDCHECK_RESULTS=" << path << "\n";
    return false;
  }
  return true;
}

}  // namespace gdcheck

#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace taiga::common {
namespace {

spdlog::logger& Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::stderr_logger_mt("taiga");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %l %v", spdlog::pattern_time_type::utc);
    l->set_level(spdlog::level::info);
    return l;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpd(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarn: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

void SetLogLevel(LogLevel level) { Logger().set_level(ToSpd(level)); }

bool ParseLogLevel(std::string_view text, LogLevel* out) {
  if (text == "debug") *out = LogLevel::kDebug;
  else if (text == "info") *out = LogLevel::kInfo;
  else if (text == "warn") *out = LogLevel::kWarn;
  else if (text == "error") *out = LogLevel::kError;
  else return false;
  return true;
}

void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  auto& logger = Logger();
  if (!logger.should_log(ToSpd(level))) return;
  std::string line(message);
  for (const auto& [key, value] : fields) {
    line.push_back(' ');
    line.append(key);
    line.push_back('=');
    bool quote = value.empty() || value.find_first_of(" \"=") != std::string::npos;
    if (quote) line.push_back('"');
    for (char c : value) {
      if (c == '"' || c == '\\') line.push_back('\\');
      line.push_back(c == '\n' ? ' ' : c);
    }
    if (quote) line.push_back('"');
  }
  logger.log(ToSpd(level), line);
}

}  // namespace taiga::common

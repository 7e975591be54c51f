// The logging facade: the only way code writes logs (spdlog underneath, never included elsewhere).
// Fields are key/value pairs appended as `key=value`; never pass tokens, secrets or signed URLs.
// Thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace taiga::common {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

using LogField = std::pair<std::string_view, std::string>;

// Sets the minimum level that is written (default kInfo).
void SetLogLevel(LogLevel level);
// Parses "debug" | "info" | "warn" | "error"; returns false for anything else.
bool ParseLogLevel(std::string_view text, LogLevel* out);
void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

inline void LogInfo(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kInfo, m, f);
}
inline void LogWarn(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kWarn, m, f);
}
inline void LogError(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kError, m, f);
}

}  // namespace taiga::common

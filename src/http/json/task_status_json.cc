#include "http/json/task_status_json.h"

namespace taiga::http {

nlohmann::json TaskStatusJson(const domain::TaskStatus& s) {
  nlohmann::json out = {{"id", s.id},           {"state", domain::JobStateName(s.state)},
                        {"message", s.message}, {"current", s.current},
                        {"total", s.total},     {"s3Key", "TODO"}};
  if (s.result) {
    // Stored as JSON text by the job; anything that does not parse is passed on as a string.
    nlohmann::json result = nlohmann::json::parse(*s.result, nullptr, /*allow_exceptions=*/false);
    out["result"] = result.is_discarded() ? nlohmann::json(*s.result) : std::move(result);
  }
  return out;
}

}  // namespace taiga::http

#include "jobs/conversion_json.h"

#include <nlohmann/json.hpp>

namespace taiga::jobs {
namespace {

nlohmann::json ValueJson(const convert::PreviewValue& v) {
  return std::visit(
      [](const auto& x) -> nlohmann::json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
        else return x;
      },
      v);
}

}  // namespace

std::string PreviewJson(const convert::DataPreview& preview) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& row : preview.data) {
    nlohmann::json r = nlohmann::json::array();
    for (const auto& cell : row) r.push_back(ValueJson(cell));
    data.push_back(std::move(r));
  }
  nlohmann::json top{{"column_names", preview.column_names},
                     {"row_names", preview.row_names ? nlohmann::json(*preview.row_names)
                                                     : nlohmann::json(nullptr)},
                     {"data", std::move(data)}};
  nlohmann::json out{{"num_rows", preview.num_rows},
                     {"num_columns", preview.num_columns},
                     {"top_left_preview", std::move(top)}};
  // Stored names come from user files: replace invalid UTF-8 rather than fail.
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ColumnTypesJson(const std::vector<std::pair<std::string, std::string>>& types) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, dtype] : types) {
    if (!out.contains(name)) out[name] = dtype;
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace taiga::jobs

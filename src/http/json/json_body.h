// JsonBody: a parsed JSON request body with typed field access whose errors name the field
// ("'name' must be a string, not a number"). JSON null is "absent" for optional fields.
// Not thread-safe (one per request).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace taiga::http {

class JsonBody {
 public:
  // Parses `text`. Errors: InvalidArgument (empty, not JSON, not valid UTF-8).
  static common::Result<JsonBody> Parse(std::string_view text);

  const nlohmann::json& root() const { return root_; }
  // Errors unless the root is an object: InvalidArgument.
  common::Status RequireObject() const;

  common::Result<std::string> RequiredString(const std::string& field) const;
  common::Result<std::optional<std::string>> OptionalString(const std::string& field) const;
  common::Result<std::vector<std::string>> RequiredStringList(const std::string& field) const;
  // The root itself as a list of strings (bodies that are bare arrays).
  common::Result<std::vector<std::string>> RootStringList() const;

 private:
  explicit JsonBody(nlohmann::json root) : root_(std::move(root)) {}
  nlohmann::json root_;
};

// "a string", "a number", "an object", ... for messages.
std::string JsonTypeName(const nlohmann::json& value);

}  // namespace taiga::http

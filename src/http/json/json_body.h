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
  // Absent or null → false; errors unless a boolean.
  common::Result<bool> OptionalBool(const std::string& field) const;
  // A nested object as its own JsonBody (messages then name "field.inner"); nullopt when
  // absent or null. Errors: InvalidArgument unless an object.
  common::Result<std::optional<JsonBody>> OptionalObject(const std::string& field) const;
  // A nested object serialised as JSON text; nullopt when absent or null.
  common::Result<std::optional<std::string>> OptionalObjectText(const std::string& field) const;

 private:
  JsonBody(nlohmann::json root, std::string prefix = "")
      : root_(std::move(root)), prefix_(std::move(prefix)) {}
  std::string Name(const std::string& field) const { return prefix_ + field; }

  nlohmann::json root_;
  std::string prefix_;  // "outer." for nested objects
};

// "a string", "a number", "an object", ... for messages.
std::string JsonTypeName(const nlohmann::json& value);

}  // namespace taiga::http

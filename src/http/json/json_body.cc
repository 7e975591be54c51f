#include "http/json/json_body.h"

namespace taiga::http {

std::string JsonTypeName(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

common::Result<JsonBody> JsonBody::Parse(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return common::InvalidArgument("the request body is empty; send a JSON document");
  }
  try {
    return JsonBody(nlohmann::json::parse(text));
  } catch (const nlohmann::json::parse_error& e) {
    return common::InvalidArgument(std::string("the request body is not valid JSON: ") + e.what());
  } catch (const nlohmann::json::exception& e) {  // e.g. a number out of range
    return common::InvalidArgument(std::string("the request body cannot be read: ") + e.what());
  }
}

common::Status JsonBody::RequireObject() const {
  if (!root_.is_object()) {
    return common::InvalidArgument("the request body must be a JSON object, not " +
                                   JsonTypeName(root_));
  }
  return common::Status::Ok();
}

common::Result<std::optional<std::string>> JsonBody::OptionalString(
    const std::string& field) const {
  TAIGA_RETURN_IF_ERROR(RequireObject());
  auto it = root_.find(field);
  if (it == root_.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) {
    return common::InvalidArgument("'" + Name(field) + "' must be a string, not " +
                                   JsonTypeName(*it));
  }
  std::string value = it->get<std::string>();
  if (value.find('\0') != std::string::npos) {
    return common::InvalidArgument("'" + Name(field) + "' must not contain NUL characters");
  }
  return std::optional<std::string>(std::move(value));
}

common::Result<std::string> JsonBody::RequiredString(const std::string& field) const {
  TAIGA_ASSIGN_OR_RETURN(auto value, OptionalString(field));
  if (!value) return common::InvalidArgument("'" + Name(field) + "' is required");
  return *value;
}

namespace {

common::Result<std::vector<std::string>> StringList(const nlohmann::json& v,
                                                    const std::string& field) {
  if (!v.is_array()) {
    return common::InvalidArgument("'" + field + "' must be an array of strings, not " +
                                   JsonTypeName(v));
  }
  std::vector<std::string> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      return common::InvalidArgument("'" + field + "[" + std::to_string(i) +
                                     "]' must be a string, not " + JsonTypeName(v[i]));
    }
    std::string item = v[i].get<std::string>();
    if (item.find('\0') != std::string::npos) {
      return common::InvalidArgument("'" + field + "[" + std::to_string(i) +
                                     "]' must not contain NUL characters");
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

common::Result<std::vector<std::string>> JsonBody::RequiredStringList(
    const std::string& field) const {
  TAIGA_RETURN_IF_ERROR(RequireObject());
  auto it = root_.find(field);
  if (it == root_.end() || it->is_null()) {
    return common::InvalidArgument("'" + Name(field) + "' is required");
  }
  return StringList(*it, Name(field));
}

common::Result<std::vector<std::string>> JsonBody::RootStringList() const {
  return StringList(root_, "body");
}

common::Result<bool> JsonBody::OptionalBool(const std::string& field) const {
  TAIGA_RETURN_IF_ERROR(RequireObject());
  auto it = root_.find(field);
  if (it == root_.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    return common::InvalidArgument("'" + Name(field) + "' must be true or false, not " +
                                   JsonTypeName(*it));
  }
  return it->get<bool>();
}

common::Result<std::optional<JsonBody>> JsonBody::OptionalObject(const std::string& field) const {
  TAIGA_RETURN_IF_ERROR(RequireObject());
  auto it = root_.find(field);
  if (it == root_.end() || it->is_null()) return std::optional<JsonBody>();
  if (!it->is_object()) {
    return common::InvalidArgument("'" + Name(field) + "' must be an object, not " +
                                   JsonTypeName(*it));
  }
  return std::optional<JsonBody>(JsonBody(*it, Name(field) + "."));
}

common::Result<std::optional<std::string>> JsonBody::OptionalObjectText(
    const std::string& field) const {
  TAIGA_ASSIGN_OR_RETURN(auto inner, OptionalObject(field));
  if (!inner) return std::optional<std::string>();
  return std::optional<std::string>(
      inner->root().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace taiga::http

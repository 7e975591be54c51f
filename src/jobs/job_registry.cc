#include "jobs/job_registry.h"

#include <utility>

namespace taiga::jobs {
namespace {

constexpr size_t kMaxKindName = 64;

bool IsValidKindName(std::string_view name) {
  if (name.empty() || name.size() > kMaxKindName) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

common::Status JobRegistry::Register(std::unique_ptr<JobKind> kind) {
  if (kind == nullptr) return common::InvalidArgument("cannot register a null job kind");
  const std::string name(kind->name());
  if (!IsValidKindName(name)) {
    return common::InvalidArgument("job kind name '" + name +
                                   "' must be 1 to 64 characters of [a-z0-9._-]");
  }
  if (kinds_.count(name) != 0) {
    return common::AlreadyExists("a job kind named '" + name + "' is already registered");
  }
  kinds_.emplace(name, std::move(kind));
  return common::Status::Ok();
}

JobKind* JobRegistry::Find(std::string_view name) const {
  auto it = kinds_.find(name);
  return it == kinds_.end() ? nullptr : it->second.get();
}

std::vector<std::string> JobRegistry::Kinds() const {
  std::vector<std::string> names;
  names.reserve(kinds_.size());
  for (const auto& [name, kind] : kinds_) names.push_back(name);
  return names;
}

}  // namespace taiga::jobs

#include "http/json/folder_json.h"

#include "http/json/user_json.h"

namespace taiga::http {
namespace {

nlohmann::json CreatorJson(const std::optional<domain::NamedId>& creator) {
  return creator ? NamedIdJson(*creator) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json FolderEntryJson(const domain::Entry& e) {
  return {{"type", std::string(domain::EntryTypeName(e.type))},
          {"id", e.id},
          {"name", e.name},
          {"creation_date", common::FormatIsoTimestamp(e.creation_date)},
          {"creator", CreatorJson(e.creator)}};
}

nlohmann::json FolderViewJson(const domain::FolderView& view) {
  const auto& e = view.folder.entry;
  nlohmann::json parents = nlohmann::json::array();
  for (const auto& p : view.parents) parents.push_back(NamedIdJson(p));
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& child : view.entries) entries.push_back(FolderEntryJson(child));
  return {{"id", e.id},
          {"name", e.name},
          {"type", "Folder"},
          {"folder_type", std::string(domain::FolderTypeName(view.folder.folder_type))},
          {"description", e.description ? nlohmann::json(*e.description) : nlohmann::json(nullptr)},
          {"creation_date", common::FormatIsoTimestamp(e.creation_date)},
          {"creator", CreatorJson(e.creator)},
          {"parents", std::move(parents)},
          {"entries", std::move(entries)},
          {"can_edit", view.can_edit},
          {"can_view", view.can_view}};
}

}  // namespace taiga::http

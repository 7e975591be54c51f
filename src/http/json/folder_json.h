// JSON shapes of folders and their entries (reference: original-api.md §2.12 FolderJSON,
// FolderEntryJSON). The only place their field names are written. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/folder.h"

namespace taiga::http {

nlohmann::json FolderEntryJson(const domain::Entry& entry);
nlohmann::json FolderViewJson(const domain::FolderView& view);

}  // namespace taiga::http

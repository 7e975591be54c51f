// Folders and the entries they list. An entry (folder, dataset, dataset version) may sit in
// several folders; a folder is a list of references, not an owner. Plain value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/user.h"

namespace taiga::domain {

inline constexpr char kPublicFolderId[] = "public";
inline constexpr char kPublicFolderName[] = "Public";
inline constexpr char kPublicFolderDescription[] =
    "Public folder accessible by everybody having access to Taiga";
inline constexpr char kHomeFolderDescription[] =
    "Welcome to Taiga: a light-weight repository for capturing, versioning and accessing "
    "datasets.\n\nMake yourself comfortable, you're at Home.";

enum class FolderType { kHome, kTrash, kFolder };
enum class EntryType { kFolder, kDataset, kDatasetVersion };

// "home" | "trash" | "folder".
std::string_view FolderTypeName(FolderType t);
// Parses FolderTypeName's output; nullopt for anything else.
std::optional<FolderType> ParseFolderType(std::string_view s);
// "folder" | "dataset" | "dataset_version".
std::string_view EntryTypeName(EntryType t);
std::optional<EntryType> ParseEntryType(std::string_view s);

// What every entry has, whatever its kind.
struct Entry {
  std::string id;
  EntryType type = EntryType::kFolder;
  std::string name;
  std::optional<std::string> description;
  common::Timestamp creation_date = 0;
  std::optional<NamedId> creator;
};

struct Folder {
  Entry entry;
  FolderType folder_type = FolderType::kFolder;
};

// A folder as shown to one caller: its entries, its visible parents, the caller's rights.
struct FolderView {
  Folder folder;
  std::vector<NamedId> parents;
  std::vector<Entry> entries;
  bool can_edit = false;
  bool can_view = true;
};

}  // namespace taiga::domain

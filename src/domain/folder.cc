#include "domain/folder.h"

namespace taiga::domain {

std::string_view FolderTypeName(FolderType t) {
  switch (t) {
    case FolderType::kHome: return "home";
    case FolderType::kTrash: return "trash";
    case FolderType::kFolder: return "folder";
  }
  return "folder";
}

std::optional<FolderType> ParseFolderType(std::string_view s) {
  if (s == "home") return FolderType::kHome;
  if (s == "trash") return FolderType::kTrash;
  if (s == "folder") return FolderType::kFolder;
  return std::nullopt;
}

std::string_view EntryTypeName(EntryType t) {
  switch (t) {
    case EntryType::kFolder: return "folder";
    case EntryType::kDataset: return "dataset";
    case EntryType::kDatasetVersion: return "dataset_version";
  }
  return "folder";
}

std::optional<EntryType> ParseEntryType(std::string_view s) {
  if (s == "folder") return EntryType::kFolder;
  if (s == "dataset") return EntryType::kDataset;
  if (s == "dataset_version") return EntryType::kDatasetVersion;
  return std::nullopt;
}

}  // namespace taiga::domain

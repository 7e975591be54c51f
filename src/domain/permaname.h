// Permanames and taiga ids (DESIGN.md §6). A permaname is NormalizeName(name) + "-" + 4 hex,
// ASCII [a-z0-9-] only, so every file is addressable as "permaname.version/filename".
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace taiga::domain {

// Lower-cases ASCII, transliterates common Latin letters (ß→ss, é→e, ...), drops other
// non-ASCII letters, turns every other character into '-', and collapses runs of '-'.
// Leading and trailing '-' are kept, as in Taiga 2 ("My Data!" → "my-data-").
std::string NormalizeName(std::string_view name);
// NormalizeName(name) + "-" + suffix4 (4 lowercase hex characters).
std::string MakePermaname(std::string_view name, std::string_view suffix4);
// True for a string of [a-z0-9-] of length 1..200.
bool IsPermaname(std::string_view s);

struct TaigaId {
  std::string permaname;
  int64_t version = 0;
  std::string filename;  // may be empty ("perm.3" names a version)
};

// Parses "permaname.version/filename" (filename may contain '/'); also "permaname.version".
// nullopt when it does not have that shape.
std::optional<TaigaId> ParseTaigaId(std::string_view s);
// "permaname.version/filename".
std::string FormatTaigaId(std::string_view permaname, int64_t version, std::string_view filename);

}  // namespace taiga::domain

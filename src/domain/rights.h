// The rights rule (DESIGN.md §6): everyone signed in may read; writes need the creator, an
// editor grant to the user or one of their groups, or membership of Admin. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace taiga::domain {

// What is known about the caller and one entry when deciding.
struct RightsFacts {
  std::string actor_id;
  bool actor_is_admin = false;
  std::optional<std::string> creator_id;  // the entry's creator; none for Public
  bool has_editor_grant = false;          // the actor or one of their groups holds one
};

bool CanEdit(const RightsFacts& facts);
inline bool CanView(const RightsFacts&) { return true; }

}  // namespace taiga::domain

namespace taiga::domain {

// An editor grant on an entry, to one user or one group (exactly one of them is set).
struct RightsGrant {
  std::string id;  // ID32
  std::string entry_id;
  std::optional<std::string> user_id;
  std::optional<std::string> user_name;  // filled on reads
  std::optional<int64_t> group_id;
  std::optional<std::string> group_name;  // filled on reads
  std::string role = "editor";
  int64_t created_at = 0;
};

}  // namespace taiga::domain

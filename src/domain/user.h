// A person (or service account) known to Taiga. Plain value type.
#pragma once

#include <string>

#include "common/clock.h"

namespace taiga::domain {

struct User {
  std::string id;  // ID32
  std::string name;  // unique
  std::string email;
  std::string home_folder_id;
  std::string trash_folder_id;
  common::Timestamp created_at = 0;
};

// {id, name} as shown for creators, members and parents.
struct NamedId {
  std::string id;
  std::string name;
};

}  // namespace taiga::domain

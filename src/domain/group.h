// A group of users. Groups grant rights on entries (rights.h); the group named "Admin" grants all.
// Plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/user.h"

namespace taiga::domain {

inline constexpr char kAdminGroupName[] = "Admin";

struct Group {
  int64_t id = 0;
  std::string name;
  int64_t num_users = 0;
  std::vector<NamedId> users;  // filled only where the members are asked for
};

}  // namespace taiga::domain

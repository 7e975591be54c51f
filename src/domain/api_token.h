// An API token of a user. The secret itself is never stored: only its SHA-256 (token_hash).
// Plain value type.
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"

namespace taiga::domain {

struct ApiToken {
  std::string id;  // ID32, shown to the owner so they can revoke it
  std::string user_id;
  std::string name;
  std::string token_hash;  // lowercase hex SHA-256 of the secret
  common::Timestamp created_at = 0;
  std::optional<common::Timestamp> last_used_at;
  std::optional<common::Timestamp> revoked_at;
};

}  // namespace taiga::domain

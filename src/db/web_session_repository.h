// Web UI sign-in codes and browser sessions, inside one Transaction. Not thread-safe (belongs to
// its transaction). All calls return Unavailable when the database fails and Aborted when a
// concurrent transaction won.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "domain/web_session.h"

namespace taiga::db {

class WebSessionRepository {
 public:
  virtual ~WebSessionRepository() = default;

  // Errors: AlreadyExists (same hash), FailedPrecondition (unknown user).
  virtual common::Status InsertCode(const domain::SignInCode& code) = 0;
  // The code with this hash, whatever its state (used, expired), if any.
  virtual common::Result<std::optional<domain::SignInCode>> FindCode(
      const std::string& code_hash) = 0;
  // Marks the code used at `at` when it is unused and expires after `at`; true when this call
  // did so (false: unknown, already used or expired). Redeeming is therefore single-use.
  virtual common::Result<bool> UseCode(const std::string& code_hash, common::Timestamp at) = 0;

  // Errors: AlreadyExists (same id or hash), FailedPrecondition (unknown user or token).
  virtual common::Status InsertSession(const domain::WebSession& session) = 0;
  // The session with this hash if it expires after `now` and, when it was signed in with an
  // API token, that token is not revoked.
  virtual common::Result<std::optional<domain::WebSession>> FindLiveSession(
      const std::string& secret_hash, common::Timestamp now) = 0;
  // Records that the session was used at `at`.
  virtual common::Status TouchSession(const std::string& session_id, common::Timestamp at) = 0;
  // Removes the session with this hash; true when there was one.
  virtual common::Result<bool> DeleteSession(const std::string& secret_hash) = 0;
  // Removes sessions and codes that expired at or before `now`; returns how many rows went.
  virtual common::Result<int64_t> DeleteExpired(common::Timestamp now) = 0;
};

}  // namespace taiga::db

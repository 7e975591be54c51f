// Status: the value every expected failure travels in (STYLE.md "Errors").
// A Status is a code plus a message written for the person who sent the input.
// Immutable value type; safe to copy between threads.
#pragma once

#include <string>
#include <utility>

namespace taiga::common {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // the input is wrong; the message names the field
  kNotFound,            // an id or name that does not exist
  kAlreadyExists,       // a unique name or id is taken
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // no or bad credentials
  kFailedPrecondition,  // the state does not allow it (e.g. not empty)
  kConflict,            // the current state or a reference prevents it (409)
  kAborted,             // a concurrent transaction won; the whole operation may be retried
  kPayloadTooLarge,     // a body or field over its configured limit
  kUnavailable,         // a dependency (database, store) cannot be reached; retry later
  kInternal,            // our bug
};

// Returns the code's name, e.g. "NotFound".
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
inline Status Aborted(std::string m) { return {StatusCode::kAborted, std::move(m)}; }
inline Status PayloadTooLarge(std::string m) {
  return {StatusCode::kPayloadTooLarge, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

}  // namespace taiga::common

// Returns from the enclosing function when `expr` (a Status) is not ok.
#define TAIGA_RETURN_IF_ERROR(expr)                   \
  do {                                                \
    ::taiga::common::Status taiga_status_ = (expr);   \
    if (!taiga_status_.ok()) return taiga_status_;    \
  } while (0)

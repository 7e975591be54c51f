// Result<T>: either a value or a non-ok Status. The return type of every fallible call.
// Accessing value() of an error Result is a programming error (asserts).
// Value type; thread safety is that of T.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "common/status.h"

namespace taiga::common {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace taiga::common

#define TAIGA_CONCAT_INNER_(a, b) a##b
#define TAIGA_CONCAT_(a, b) TAIGA_CONCAT_INNER_(a, b)
// TAIGA_ASSIGN_OR_RETURN(auto x, Call()): binds the value or returns the error Status.
#define TAIGA_ASSIGN_OR_RETURN(lhs, expr) \
  TAIGA_ASSIGN_OR_RETURN_IMPL_(TAIGA_CONCAT_(taiga_result_, __LINE__), lhs, expr)
#define TAIGA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

// Validation of names people type: entry names, user names, token names, file names.
// Pure functions, thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace taiga::domain {

inline constexpr size_t kMaxEntryNameBytes = 1024;
inline constexpr size_t kMaxDescriptionBytes = 1 << 20;

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// Ok for a non-blank, valid UTF-8 name of at most max_bytes without control characters
// (tab included) and without '/' (names become file names in downloads).
// Errors: InvalidArgument naming `field`.
common::Status ValidateName(std::string_view field, std::string_view value,
                            size_t max_bytes = kMaxEntryNameBytes);

// Ok for valid UTF-8 of at most kMaxDescriptionBytes (newlines and tabs allowed, other
// control characters not). Errors: InvalidArgument naming `field`.
common::Status ValidateDescription(std::string_view field, std::string_view value);

}  // namespace taiga::domain

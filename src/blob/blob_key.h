// Blob key rules shared by every BlobStore backend, so a key valid on one is valid on all.
// Pure functions, thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace taiga::blob {

// The longest key S3 accepts, in bytes.
inline constexpr size_t kMaxBlobKeyBytes = 1024;

// Ok for a relative path of '/'-separated segments such as "blobs/ab/abcdef" or
// "upload/<user>/<session>/<file>". InvalidArgument (naming the problem) for: an empty key, one
// over kMaxBlobKeyBytes, a leading '/', an empty segment ("a//b", trailing '/'), a "." or ".."
// segment, a backslash, NUL or any other control character, or bytes that are not UTF-8.
common::Status ValidateBlobKey(std::string_view key);

// Ok for a List prefix: empty, or what a key may start with (a trailing '/' is allowed, a partial
// last segment too). InvalidArgument under the same rules as ValidateBlobKey otherwise.
common::Status ValidateBlobPrefix(std::string_view prefix);

}  // namespace taiga::blob

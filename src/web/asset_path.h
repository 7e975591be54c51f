// How a request path under the prefix (already percent-decoded, e.g. "/", "/assets/app-1a2b.js",
// "/dataset/abc/2") maps to the web UI's files. IsRefusedPath: paths that must never reach a file
// nor the single-page app (traversal with "." or ".." segments, control characters, overlong):
// they get 404. AssetFileFor: the relative file a path names ("index.html" for "/"), or nullopt
// when it cannot name a file (a directory, a dotfile, '%', '\\', ':' and other characters no
// built file has), which the single-page app may still answer. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace taiga::web {

inline constexpr size_t kMaxRequestPathBytes = 2048;
inline constexpr size_t kMaxSegmentBytes = 255;

bool IsRefusedPath(std::string_view request_path);
std::optional<std::string> AssetFileFor(std::string_view request_path);

}  // namespace taiga::web

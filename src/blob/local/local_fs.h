// POSIX file-system steps of the local store, with errors turned into Status at this boundary:
// errno → Status, directory fsync, and creating parent directories durably.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace taiga::blob::local_fs {

// NotFound for ENOENT/ENOTDIR, FailedPrecondition for EEXIST/EISDIR (a key that is a directory
// of other keys, or the reverse), Unavailable for everything else (disk full, I/O error, …).
// The message names the operation and the path.
common::Status FromErrno(std::string_view what, const std::string& path, int err);

// fsync(2) of a directory, so a rename or a new entry in it survives a crash.
common::Status FsyncDir(const std::string& dir);

// Creates the directories of `rel_dir` (relative, '/'-separated) under `root` that are missing,
// each fsynced into its parent when `fsync`. Ok when they exist already.
common::Status MakeDirs(const std::string& root, std::string_view rel_dir, bool fsync);

// The directory part of a relative key ("a/b/c" → "a/b", "c" → "").
std::string_view ParentOf(std::string_view key);

}  // namespace taiga::blob::local_fs

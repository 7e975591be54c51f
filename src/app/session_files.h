// Turning an upload session's files into a version's data files: the checks (owned, unused,
// every file ready, no duplicate names) and the rows. Helpers for VersionCreationService.
#pragma once

#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/dataset.h"
#include "domain/upload.h"

namespace taiga::app {

// The caller's unused session's files, all ready. Errors: NotFound, PermissionDenied,
// Conflict (used, or a file still processing), InvalidArgument (a failed file).
common::Result<std::vector<domain::UploadSessionFile>> ReadySessionFiles(
    db::Transaction& tx, const RequestContext& ctx, const std::string& session_id);

// Errors: InvalidArgument "Duplicate file names in upload: a, b" (names compared trimmed), or
// when there is no file at all.
common::Status CheckFileNames(const std::vector<std::string>& names);

// The datafile a ready session file becomes in version `version_id`.
domain::Datafile DatafileFromSessionFile(const domain::UploadSessionFile& f,
                                         const std::string& version_id, common::Timestamp now);

// "Added:\n- a\nRemoved:\n- b\nUpdated:\n- c\nRenamed:\n- d -> e" between two file lists
// (virtual files compared by the real file they resolve to); "" when nothing changed.
std::string DescribeFileChanges(const std::vector<domain::Datafile>& before,
                                const std::vector<domain::Datafile>& after);

}  // namespace taiga::app

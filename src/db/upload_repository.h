// Upload sessions and their files, inside one Transaction. Not thread-safe (belongs to its
// transaction). All calls return Unavailable when the database fails and Aborted when a
// concurrent transaction won.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/upload.h"

namespace taiga::db {

// What processing found out about an uploaded file.
struct ProcessedUpload {
  domain::StorageFormat converted_format = domain::StorageFormat::kRaw;
  std::string blob_sha256;
  std::optional<std::string> compressed_blob_sha256;
  std::optional<std::string> short_summary;
  std::optional<std::string> long_summary;
  std::optional<std::string> column_types;
  std::optional<std::string> preview;
  std::string original_file_sha256;
  std::string original_file_md5;
  std::optional<int64_t> original_file_size;  // bytes of the upload as received
};

class UploadRepository {
 public:
  virtual ~UploadRepository() = default;

  // Errors: FailedPrecondition (unknown user).
  virtual common::Status InsertSession(const domain::UploadSession& session) = 0;
  virtual common::Result<std::optional<domain::UploadSession>> FindSession(
      const std::string& id) = 0;
  virtual common::Status MarkSessionUsed(const std::string& id, common::Timestamp at) = 0;
  // Sessions whose expiry is before `now` (oldest first, at most `limit`).
  virtual common::Result<std::vector<domain::UploadSession>> ListExpiredSessions(
      common::Timestamp now, size_t limit) = 0;
  // Deletes a session and its files.
  virtual common::Status DeleteSession(const std::string& id) = 0;

  // Errors: FailedPrecondition (unknown session, datafile or job).
  virtual common::Status InsertFile(const domain::UploadSessionFile& file) = 0;
  virtual common::Result<std::optional<domain::UploadSessionFile>> FindFile(
      const std::string& id) = 0;
  // The files of a session in the order they were added.
  virtual common::Result<std::vector<domain::UploadSessionFile>> ListFiles(
      const std::string& session_id) = 0;
  virtual common::Status SetFileState(const std::string& file_id, domain::UploadFileState state,
                                      const std::optional<std::string>& error) = 0;
  // Stores the result of processing and sets the state to ready.
  virtual common::Status SetFileProcessed(const std::string& file_id,
                                          const ProcessedUpload& result) = 0;
};

}  // namespace taiga::db

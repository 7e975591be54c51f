// Upload sessions: a staging area of files for one new dataset version, owned by its creator.
// Each file is either uploaded bytes to process (s3) or a reference to an existing datafile
// (virtual). Plain value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "domain/dataset.h"

namespace taiga::domain {

struct UploadSession {
  std::string id;  // ID32
  std::string user_id;
  common::Timestamp created_at = 0;
  common::Timestamp expires_at = 0;
  std::optional<common::Timestamp> used_at;  // when a version was made from it
};

enum class UploadFileState { kPending, kProcessing, kReady, kFailed };
std::string_view UploadFileStateName(UploadFileState s);  // "pending" | ... | "failed"
std::optional<UploadFileState> ParseUploadFileState(std::string_view s);

struct UploadSessionFile {
  std::string id;  // ID32
  std::string session_id;
  std::string filename;
  DatafileKind filetype = DatafileKind::kS3;
  std::optional<UploadFormat> initial_format;          // s3
  std::optional<std::string> encoding;                 // s3, as declared
  std::optional<std::string> custom_metadata;          // JSON text
  std::optional<std::string> upload_key;               // s3: where the client put the bytes
  std::optional<std::string> existing_datafile_id;     // virtual: the real file
  std::optional<std::string> job_id;                   // s3: the processing job
  UploadFileState state = UploadFileState::kPending;
  std::optional<std::string> error;                    // failed: what went wrong
  // Filled in by processing:
  std::optional<StorageFormat> converted_format;
  std::optional<std::string> blob_sha256;
  std::optional<std::string> compressed_blob_sha256;
  std::optional<std::string> short_summary;
  std::optional<std::string> long_summary;
  std::optional<std::string> column_types;
  std::optional<std::string> preview;
  std::optional<std::string> original_file_sha256;
  std::optional<std::string> original_file_md5;
  common::Timestamp created_at = 0;
  std::optional<int64_t> original_file_size;  // bytes of the upload as received
};

}  // namespace taiga::domain

// Datasets, their versions and data files (DESIGN.md §6). A dataset owns its versions; a
// version owns its data files; a data file is a stored file (s3), an alias of another version's
// file (virtual), or a GCS pointer (legacy, read only). Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/folder.h"
#include "domain/user.h"

namespace taiga::domain {

enum class VersionState { kApproved, kDeprecated, kDeleted };
enum class DatafileKind { kS3, kVirtual, kGcs };
enum class StorageFormat { kRaw, kHdf5, kColumnar };
enum class UploadFormat { kNumericMatrixCsv, kNumericMatrixTsv, kTableCsv, kTableTsv, kGct, kRaw };

// "approved" | "deprecated" | "deleted" (metadata JSON); the capitalised value for /datafile.
std::string_view VersionStateName(VersionState s);
std::string_view VersionStateValue(VersionState s);
std::optional<VersionState> ParseVersionState(std::string_view s);
// "s3" | "virtual" | "gcs".
std::string_view DatafileKindName(DatafileKind k);
std::optional<DatafileKind> ParseDatafileKind(std::string_view s);
// "Raw" | "HDF5" | "Columnar".
std::string_view StorageFormatName(StorageFormat f);
std::optional<StorageFormat> ParseStorageFormat(std::string_view s);
// "NumericMatrixCSV", ... as clients send them.
std::string_view UploadFormatName(UploadFormat f);
std::optional<UploadFormat> ParseUploadFormat(std::string_view s);
// The stored format an upload format converts to (Raw→Raw, matrices→HDF5, tables→Columnar).
StorageFormat StoredFormatFor(UploadFormat f);

struct Dataset {
  Entry entry;                          // name, creator, creation date
  std::vector<std::string> permanames;  // oldest first; the last is the current one
  const std::string& CurrentPermaname() const;
};

struct DatasetVersion {
  Entry entry;  // entry.name is the version number as a string
  std::string dataset_id;
  int64_t version = 0;
  VersionState state = VersionState::kApproved;
  std::optional<std::string> reason_state;
  std::optional<std::string> changes_description;
};

struct Datafile {
  std::string id;
  std::string dataset_version_id;
  std::string name;
  DatafileKind kind = DatafileKind::kS3;
  std::optional<StorageFormat> format;
  std::optional<std::string> underlying_datafile_id;  // virtual: the real file
  std::optional<std::string> blob_sha256;             // s3: the stored object
  std::optional<std::string> compressed_blob_sha256;  // s3: gzip of the uploaded bytes
  std::optional<std::string> s3_bucket;
  std::optional<std::string> s3_key;
  std::optional<std::string> encoding;
  std::optional<std::string> custom_metadata;  // JSON text
  std::optional<std::string> short_summary;
  std::optional<std::string> long_summary;
  std::optional<std::string> column_types;  // JSON text
  std::optional<std::string> preview;       // JSON text
  std::optional<std::string> original_file_sha256;
  std::optional<std::string> original_file_md5;
  std::optional<std::string> gcs_path;
  common::Timestamp created_at = 0;
  std::optional<UploadFormat> upload_format;  // s3: the format it was uploaded as, when known
  std::optional<int64_t> original_file_size;  // s3: bytes of the upload, when known
};

// One entry of a dataset's history.
struct Activity {
  std::string id;
  std::string dataset_id;
  std::optional<std::string> user_id;
  std::optional<std::string> user_name;  // filled on reads
  std::string type;  // created | changed_name | changed_description | added_version | started_log
  common::Timestamp timestamp = 0;
  std::optional<std::string> comments;
  std::optional<std::string> dataset_name;
  std::optional<std::string> dataset_description;
  std::optional<int64_t> dataset_version;
  std::optional<std::string> changes_description;
};

}  // namespace taiga::domain

// ConversionEntry: one row of the export (conversion) cache — the result of converting a real
// datafile to a download format ("csv", "tsv", "gct"), keyed by (datafile, format) and made at
// most once (DESIGN.md §8). `status` is the text clients see while it runs (Taiga 2's:
// "Conversion pending" → "Downloading from S3" → "Running conversion" → "Uploading converted
// file to S3" → "Completed successfully"). Plain value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace taiga::domain {

enum class ConversionState { kRunning, kComplete, kFailed };

std::string_view ConversionStateName(ConversionState state);  // "running", "complete", "failed"
std::optional<ConversionState> ParseConversionState(std::string_view name);

inline constexpr char kConversionPending[] = "Conversion pending";
inline constexpr char kConversionDownloading[] = "Downloading from S3";
inline constexpr char kConversionRunning[] = "Running conversion";
inline constexpr char kConversionUploading[] = "Uploading converted file to S3";
inline constexpr char kConversionDone[] = "Completed successfully";

struct ConversionEntry {
  std::string id;           // ID32
  std::string datafile_id;  // the real (non-virtual) datafile
  std::string format;       // the download format
  ConversionState state = ConversionState::kRunning;
  std::string status = kConversionPending;
  std::optional<std::string> job_id;       // the job making it (absent only while inserting)
  std::optional<std::string> blob_sha256;  // the result, once complete
  std::optional<std::string> error;        // why it failed
  common::Timestamp created_at = 0;
};

}  // namespace taiga::domain

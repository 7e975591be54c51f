// Which download formats a stored file offers (Taiga 2's allowed_conversion_type) and how a
// downloaded file is named. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dataset.h"

namespace taiga::domain {

// The client_storage_format of a file's custom metadata ("raw_hdf5_matrix", ...), if any.
std::optional<std::string> ClientStorageFormat(const Datafile& real);
// allowed_conversion_type of a real (non-virtual) file: HDF5 → [raw_test?, csv, gct, hdf5, tsv],
// Columnar → [raw_test?, csv, tsv], Raw → [raw] (or [hdf5] / [parquet] for a client storage
// format); raw_test only where a compressed copy of the upload exists. GCS: [].
std::vector<std::string> AllowedConversions(const Datafile& real);
// True when `format` is served from the stored bytes as they are (no conversion).
bool IsDirectDownload(const Datafile& real, std::string_view format);
// True when `format` is made from the stored file by an export through the conversion cache:
// csv, tsv, gct of an HDF5 matrix; csv, tsv of a columnar table.
bool NeedsConversion(const Datafile& real, std::string_view format);
// The download suffix of an upload's own bytes (the raw_test copy), by the format it was
// uploaded as: csv, tsv, gct; raw_test when unknown (or Raw).
std::string_view UploadedSuffix(const std::optional<UploadFormat>& upload_format);
// The media type of a text download by its suffix: text/csv, text/tab-separated-values, else
// text/plain (gct, raw_test).
std::string_view TextMediaType(std::string_view suffix);
// "{normalize(dataset)}_v{version}-{normalize(file)}" + ("" for raw, else "." + format).
std::string DownloadName(std::string_view dataset_name, int64_t version,
                         std::string_view file_name, std::string_view format);

}  // namespace taiga::domain

#include "domain/download_formats.h"

#include <nlohmann/json.hpp>

#include "domain/permaname.h"

namespace taiga::domain {

std::optional<std::string> ClientStorageFormat(const Datafile& real) {
  if (!real.custom_metadata) return std::nullopt;
  auto j = nlohmann::json::parse(*real.custom_metadata, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto it = j.find("client_storage_format");
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<std::string> AllowedConversions(const Datafile& real) {
  if (real.kind == DatafileKind::kGcs || !real.format) return {};
  std::vector<std::string> out;
  const bool compressed = real.compressed_blob_sha256.has_value();
  switch (*real.format) {
    case StorageFormat::kHdf5:
      if (compressed) out.push_back("raw_test");
      for (const char* f : {"csv", "gct", "hdf5", "tsv"}) out.push_back(f);
      break;
    case StorageFormat::kColumnar:
      if (compressed) out.push_back("raw_test");
      for (const char* f : {"csv", "tsv"}) out.push_back(f);
      break;
    case StorageFormat::kRaw: {
      auto csf = ClientStorageFormat(real);
      if (csf == "raw_hdf5_matrix") out.push_back("hdf5");
      else if (csf == "raw_parquet_table") out.push_back("parquet");
      else out.push_back("raw");
      break;
    }
  }
  return out;
}

bool IsDirectDownload(const Datafile& real, std::string_view format) {
  if (!real.format) return false;
  switch (*real.format) {
    case StorageFormat::kRaw: {
      if (format == "raw" || format == "raw_test") return true;
      auto csf = ClientStorageFormat(real);
      return (format == "hdf5" && csf == "raw_hdf5_matrix") ||
             (format == "parquet" && csf == "raw_parquet_table");
    }
    case StorageFormat::kHdf5:
      return format == "hdf5";
    case StorageFormat::kColumnar:
      return format == "columnar";
  }
  return false;
}

bool NeedsConversion(const Datafile& real, std::string_view format) {
  if (!real.format) return false;
  if (*real.format == StorageFormat::kHdf5) {
    return format == "csv" || format == "tsv" || format == "gct";
  }
  if (*real.format == StorageFormat::kColumnar) return format == "csv" || format == "tsv";
  return false;
}

std::string_view UploadedSuffix(const std::optional<UploadFormat>& upload_format) {
  if (!upload_format) return "raw_test";
  switch (*upload_format) {
    case UploadFormat::kTableCsv:
    case UploadFormat::kNumericMatrixCsv:
      return "csv";
    case UploadFormat::kTableTsv:
    case UploadFormat::kNumericMatrixTsv:
      return "tsv";
    case UploadFormat::kGct:
      return "gct";
    case UploadFormat::kRaw:
      break;
  }
  return "raw_test";
}

std::string_view TextMediaType(std::string_view suffix) {
  if (suffix == "csv") return "text/csv";
  if (suffix == "tsv") return "text/tab-separated-values";
  return "text/plain";
}

std::string DownloadName(std::string_view dataset_name, int64_t version,
                         std::string_view file_name, std::string_view format) {
  std::string out = NormalizeName(dataset_name) + "_v" + std::to_string(version) + "-" +
                    NormalizeName(file_name);
  if (format != "raw") out += "." + std::string(format);
  return out;
}

}  // namespace taiga::domain

#include "domain/dataset.h"

namespace taiga::domain {
namespace {

template <typename E, size_t N>
std::optional<E> ParseFrom(const std::string_view (&names)[N], std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::string_view kStateNames[] = {"approved", "deprecated", "deleted"};
constexpr std::string_view kStateValues[] = {"Approved", "Deprecated", "Deleted"};
constexpr std::string_view kKindNames[] = {"s3", "virtual", "gcs"};
constexpr std::string_view kFormatNames[] = {"Raw", "HDF5", "Columnar"};
constexpr std::string_view kUploadNames[] = {"NumericMatrixCSV", "NumericMatrixTSV", "TableCSV",
                                             "TableTSV",         "GCT",              "Raw"};

}  // namespace

std::string_view VersionStateName(VersionState s) { return kStateNames[static_cast<int>(s)]; }
std::string_view VersionStateValue(VersionState s) { return kStateValues[static_cast<int>(s)]; }
std::optional<VersionState> ParseVersionState(std::string_view s) {
  return ParseFrom<VersionState>(kStateNames, s);
}
std::string_view DatafileKindName(DatafileKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<DatafileKind> ParseDatafileKind(std::string_view s) {
  return ParseFrom<DatafileKind>(kKindNames, s);
}
std::string_view StorageFormatName(StorageFormat f) { return kFormatNames[static_cast<int>(f)]; }
std::optional<StorageFormat> ParseStorageFormat(std::string_view s) {
  return ParseFrom<StorageFormat>(kFormatNames, s);
}
std::string_view UploadFormatName(UploadFormat f) { return kUploadNames[static_cast<int>(f)]; }
std::optional<UploadFormat> ParseUploadFormat(std::string_view s) {
  return ParseFrom<UploadFormat>(kUploadNames, s);
}

StorageFormat StoredFormatFor(UploadFormat f) {
  switch (f) {
    case UploadFormat::kNumericMatrixCsv:
    case UploadFormat::kNumericMatrixTsv:
    case UploadFormat::kGct:
      return StorageFormat::kHdf5;
    case UploadFormat::kTableCsv:
    case UploadFormat::kTableTsv:
      return StorageFormat::kColumnar;
    case UploadFormat::kRaw:
      return StorageFormat::kRaw;
  }
  return StorageFormat::kRaw;
}

const std::string& Dataset::CurrentPermaname() const {
  static const std::string kNone;
  return permanames.empty() ? kNone : permanames.back();
}

}  // namespace taiga::domain

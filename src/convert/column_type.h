// ColumnType: the column types of the columnar table format (doc/formats.md). The first three
// are the original Taiga 2 types, written byte for byte as it wrote them; kInt64 and kBool are
// our extensions (new type names in the header, which the original reader refuses).
// Missing values: float columns hold NaNs with payloads, int64 and bool columns a code per row.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace taiga::convert {

enum class ColumnType {
  kInt32,    // "int": int32 LE per row, no missing values
  kFloat64,  // "float": float64 LE per row; missing = NaN with payload kNaPayload/kEmptyPayload
  kString,   // "str": u32 byte length + UTF-8 bytes per row; NA and "" are kept as text
  kInt64,    // "int64": int64 LE per row, then one MissingCode byte per row
  kBool,     // "bool": one byte per row: 0 false, 1 true, 2 missing (NA), 3 missing (empty)
};

// How a missing value was written in the input, so exports give it back the same way.
enum class MissingCode : uint8_t { kPresent = 0, kNa = 1, kEmpty = 2 };

// Bool column bytes.
inline constexpr uint8_t kBoolFalse = 0, kBoolTrue = 1, kBoolNa = 2, kBoolEmpty = 3;

// Bit patterns of the float64 missing values: quiet NaNs with payload 1954 (R's NA_real_) for
// "NA" and 1955 for an empty cell. Any other NaN is a number NaN and exports as "nan".
inline constexpr uint64_t kNaBits = 0x7FF80000000007A2ull;
inline constexpr uint64_t kEmptyBits = 0x7FF80000000007A3ull;

// The header type name: "int", "float", "str", "int64", "bool".
std::string_view ColumnTypeName(ColumnType type);
// The type for a header type name, or nullopt for an unknown name.
std::optional<ColumnType> ParseColumnTypeName(std::string_view name);
// The pandas dtype taigapy passes to read_csv (what /datafile/column_types reports):
// "int", "float", "str", "Int64" (nullable), "boolean" (nullable).
std::string_view PandasDtypeName(ColumnType type);

}  // namespace taiga::convert

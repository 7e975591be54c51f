#include "convert/column_type.h"

namespace taiga::convert {

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kInt32:
      return "int";
    case ColumnType::kFloat64:
      return "float";
    case ColumnType::kString:
      return "str";
    case ColumnType::kInt64:
      return "int64";
    case ColumnType::kBool:
      return "bool";
  }
  return "str";
}

std::optional<ColumnType> ParseColumnTypeName(std::string_view name) {
  if (name == "int") return ColumnType::kInt32;
  if (name == "float") return ColumnType::kFloat64;
  if (name == "str") return ColumnType::kString;
  if (name == "int64") return ColumnType::kInt64;
  if (name == "bool") return ColumnType::kBool;
  return std::nullopt;
}

std::string_view PandasDtypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kInt32:
      return "int";
    case ColumnType::kFloat64:
      return "float";
    case ColumnType::kString:
      return "str";
    case ColumnType::kInt64:
      return "Int64";
    case ColumnType::kBool:
      return "boolean";
  }
  return "str";
}

}  // namespace taiga::convert

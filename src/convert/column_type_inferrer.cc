#include "convert/column_type_inferrer.h"

#include <cmath>

#include "convert/python_number.h"

namespace taiga::convert {

std::optional<uint8_t> ParseBoolToken(std::string_view v) {
  if (v == "True" || v == "TRUE" || v == "true") return kBoolTrue;
  if (v == "False" || v == "FALSE" || v == "false") return kBoolFalse;
  return std::nullopt;
}

void ColumnTypeInferrer::Add(std::string_view value) {
  if (IsMissingToken(value)) {
    saw_missing_ = true;
    return;
  }
  saw_value_ = true;
  if (text_) return;
  int64_t i;
  if (could_int_) {
    switch (ParsePythonInt(value, &i)) {
      case IntParse::kInt:
        if (i < INT32_MIN || i > INT32_MAX) fits_int32_ = false;
        could_bool_ = false;
        return;
      case IntParse::kOverflow:  // keep every digit: text
        text_ = true;
        return;
      case IntParse::kNotInt:
        could_int_ = false;
    }
  }
  if (could_float_) {
    double d;
    if (ParsePythonFloat(value, &d)) {
      // An integer literal beyond int64 in a float column is still text (no digit lost).
      if (std::fabs(d) >= 9.2e18 && ParsePythonInt(value, &i) == IntParse::kOverflow) {
        text_ = true;
      }
      could_bool_ = false;
      return;
    }
    could_float_ = false;
  }
  if (could_bool_ && ParseBoolToken(value)) return;
  text_ = true;
}

ColumnType ColumnTypeInferrer::Type() const {
  if (text_ || !saw_value_) return ColumnType::kString;
  if (could_int_) {
    return fits_int32_ && !saw_missing_ ? ColumnType::kInt32 : ColumnType::kInt64;
  }
  if (could_float_) return ColumnType::kFloat64;
  if (could_bool_) return ColumnType::kBool;
  return ColumnType::kString;
}

}  // namespace taiga::convert

// ColumnTypeInferrer: decides one table column's type from all of its values, as the first of
// a table import's two passes. Missing values ("" and "NA") never decide the type. Integers
// (Python int() syntax) make int — int32 when every value fits and none is missing, else
// int64 —; numbers (Python float()) make float; True/False (also TRUE/FALSE, true/false)
// make bool; anything else, integers beyond int64, or no values at all make str. Without
// missing values and booleans this is the original's typing. Value type, one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "convert/column_type.h"

namespace taiga::convert {

// "" and "NA": the cells a table or matrix import treats as missing.
inline bool IsMissingToken(std::string_view v) { return v.empty() || v == "NA"; }
inline MissingCode MissingCodeOf(std::string_view v) {
  return v.empty() ? MissingCode::kEmpty : MissingCode::kNa;
}
// kBoolTrue / kBoolFalse for the accepted spellings, nullopt otherwise.
std::optional<uint8_t> ParseBoolToken(std::string_view v);

class ColumnTypeInferrer {
 public:
  void Add(std::string_view value);
  ColumnType Type() const;
  bool saw_missing() const { return saw_missing_; }

 private:
  bool could_int_ = true, could_float_ = true, could_bool_ = true;
  bool text_ = false, fits_int32_ = true, saw_value_ = false, saw_missing_ = false;
};

}  // namespace taiga::convert

// DataPreview: the top-left corner of an imported table or matrix (at most 50 rows × 50
// columns) with the full row and column counts, in the shape of the datafile preview the
// API stores ({num_rows, num_columns, top_left_preview: {column_names, row_names, data}}).
// Missing values, NaN and infinities are empty cells (JSON null). Plain value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace taiga::convert {

inline constexpr size_t kPreviewMaxRows = 50;
inline constexpr size_t kPreviewMaxColumns = 50;

// null, an integer, a finite number, a boolean or text.
using PreviewValue = std::variant<std::monostate, int64_t, double, bool, std::string>;

struct DataPreview {
  uint64_t num_rows = 0;
  uint64_t num_columns = 0;
  std::vector<std::string> column_names;              // the first kPreviewMaxColumns
  std::optional<std::vector<std::string>> row_names;  // matrices only: the first rows' names
  std::vector<std::vector<PreviewValue>> data;        // rows × columns of the corner
};

}  // namespace taiga::convert

// The JSON the server stores for an imported file: its preview, in the shape GET/POST
// /api/datafile-preview use ({num_rows, num_columns, top_left_preview: {column_names,
// row_names, data}}; missing values are null), and its column types, the object
// GET /api/datafile/column_types returns (column name → pandas dtype, in column order).
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "convert/data_preview.h"

namespace taiga::jobs {

std::string PreviewJson(const convert::DataPreview& preview);

// Later duplicates of a name overwrite nothing: the first column of a name wins (the columnar
// format keeps duplicate names; a JSON object cannot).
std::string ColumnTypesJson(const std::vector<std::pair<std::string, std::string>>& types);

}  // namespace taiga::jobs

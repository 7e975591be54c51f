// Lists of column and row names as summaries and clients see them. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

namespace taiga::convert {

// "a, b, c"; over 30 names, the first 15, " ... ", then the last 15 (the original's
// shortened_list meant to shorten but listed every name).
std::string ShortenedList(const std::vector<std::string>& names);

// The names pandas.read_csv gives these header cells (what taigapy's dtype map must use):
// a blank name becomes "Unnamed: <index>", and repeats get ".1", ".2", ... as pandas 1.5 does.
std::vector<std::string> PandasColumnNames(const std::vector<std::string>& header);

}  // namespace taiga::convert

#include "convert/name_lists.h"

#include <unordered_map>

namespace taiga::convert {

std::string ShortenedList(const std::vector<std::string>& names) {
  auto join = [&](size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) {
      if (i > from) out.append(", ");
      out.append(names[i]);
    }
    return out;
  };
  if (names.size() <= 30) return join(0, names.size());
  return join(0, 15) + " ... " + join(names.size() - 15, names.size());
}

std::vector<std::string> PandasColumnNames(const std::vector<std::string>& header) {
  std::vector<std::string> names;
  std::unordered_map<std::string, size_t> counts;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string col = header[i].empty() ? "Unnamed: " + std::to_string(i) : header[i];
    size_t cur = counts[col];
    while (cur > 0) {
      counts[col] = cur + 1;
      col += "." + std::to_string(cur);
      cur = counts[col];
    }
    counts[col] = cur + 1;
    names.push_back(std::move(col));
  }
  return names;
}

}  // namespace taiga::convert

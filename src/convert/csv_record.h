// CsvRecord: one record (row) produced by CsvTokenizer: its fields as UTF-8 and the input line
// on which it starts. The views stay valid until the record is reused. Value type, one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taiga::convert {

class CsvRecord {
 public:
  size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  std::string_view operator[](size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1] + 1;
    return std::string_view(bytes_.data() + begin, ends_[i] - begin);
  }
  // 1-based line of the input on which the record starts.
  uint64_t line() const { return line_; }

 private:
  friend class CsvTokenizer;
  void Clear() {
    bytes_.clear();
    ends_.clear();
  }
  std::string bytes_;         // the fields, back to back
  std::vector<size_t> ends_;  // end offset of each field in bytes_
  uint64_t line_ = 0;
};

}  // namespace taiga::convert

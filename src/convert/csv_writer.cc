#include "convert/csv_writer.h"

namespace taiga::convert {

void CsvWriter::Field(std::string_view text) {
  StartField();
  bool needs_quotes = false;
  for (char c : text) {
    if (quote_[static_cast<unsigned char>(c)]) {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    buffer_.append(text);
    return;
  }
  buffer_.push_back('"');
  for (char c : text) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
}

common::Status CsvWriter::EndRow() {
  // Python writes a record whose text is empty but that has a field as "" (one empty field).
  if (fields_ > 0 && buffer_.size() == row_start_) buffer_.append("\"\"");
  buffer_.append("\r\n");
  fields_ = 0;
  if (buffer_.size() >= kFlushAt) return Finish();
  row_start_ = buffer_.size();
  return common::Status::Ok();
}

common::Status CsvWriter::Finish() {
  common::Status s = buffer_.empty() ? common::Status::Ok() : sink_.Write(buffer_);
  buffer_.clear();
  row_start_ = 0;
  return s;
}

}  // namespace taiga::convert

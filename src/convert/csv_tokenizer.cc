#include "convert/csv_tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace taiga::convert {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

}  // namespace

CsvTokenizer::CsvTokenizer(ByteSource& source, CsvTokenizerOptions options)
    : source_(source), options_(options), buf_(std::max<size_t>(options.read_size, 16)) {
  special_[static_cast<uint8_t>(options_.delimiter)] = true;
  special_[static_cast<uint8_t>('\n')] = true;
  special_[static_cast<uint8_t>('\r')] = true;
}

common::Status CsvTokenizer::Rewind() {
  TAIGA_RETURN_IF_ERROR(source_.Rewind());
  pos_ = end_ = 0;
  eof_ = started_ = skip_lf_ = false;
  state_ = State::kStartRecord;
  line_ = 1;
  quote_line_ = bytes_read_ = 0;
  return common::Status::Ok();
}

common::Status CsvTokenizer::Fill() {
  pos_ = end_ = 0;
  if (eof_) return common::Status::Ok();
  common::Result<size_t> n = source_.Read(buf_.data(), buf_.size());
  if (!n.ok()) return n.status();
  end_ = *n;
  bytes_read_ += end_;
  if (end_ == 0) eof_ = true;
  return common::Status::Ok();
}

common::Result<bool> CsvTokenizer::Next(CsvRecord& record) {
  record.Clear();
  if (!started_) {
    started_ = true;
    // Gather three bytes (sources may hand out one at a time) to recognise a UTF-8 BOM.
    while (end_ < 3 && !eof_) {
      common::Result<size_t> n = source_.Read(buf_.data() + end_, buf_.size() - end_);
      if (!n.ok()) return n.status();
      if (*n == 0) eof_ = true;
      end_ += *n;
      bytes_read_ += *n;
    }
    bool utf8 =
        options_.encoding == TextEncoding::kUtf8 || options_.encoding == TextEncoding::kAscii;
    if (utf8 && end_ >= 3 && std::string_view(buf_.data(), 3) == "\xEF\xBB\xBF") pos_ = 3;
  }
  bool done = false;
  while (!done) {
    if (pos_ == end_) {
      if (!eof_) {
        TAIGA_RETURN_IF_ERROR(Fill());
        continue;
      }
      switch (state_) {
        case State::kStartRecord:
          return false;
        case State::kInQuoted:
          return common::InvalidArgument(
              "Line " + std::to_string(quote_line_) + ", column " +
              std::to_string(record.size() + 1) +
              ": a quoted field is still open at the end of the file (expected a closing "
              "\", found the end of the input). Check for a stray quote character.");
        default:
          EndField(record);
          state_ = State::kStartRecord;
          done = true;
      }
      break;
    }
    Scan(record, done);
  }
  TAIGA_RETURN_IF_ERROR(Decode(record));
  return true;
}

void CsvTokenizer::Scan(CsvRecord& r, bool& done) {
  const char* b = buf_.data();
  size_t p = pos_;
  const size_t e = end_;
  const char delim = options_.delimiter;
  if (skip_lf_) {  // the previous block ended with CR
    skip_lf_ = false;
    if (b[p] == '\n') ++p;
  }
  // Consumes the line end at b[p] (LF, CR or CRLF).
  auto line_end = [&] {
    ++line_;
    if (b[p++] == '\r') {
      if (p < e) {
        if (b[p] == '\n') ++p;
      } else {
        skip_lf_ = true;
      }
    }
  };
  auto finish = [&] {
    state_ = State::kStartRecord;
    done = true;
    pos_ = p;
  };
  while (p < e) {
    switch (state_) {
      case State::kStartRecord:
        if (IsLineEnd(b[p])) {  // a blank line
          line_end();
          continue;
        }
        r.line_ = line_;
        state_ = State::kStartField;
        continue;
      case State::kStartField: {
        char c = b[p];
        if (c == '"') {
          state_ = State::kInQuoted;
          quote_line_ = line_;
          ++p;
        } else if (c == delim) {
          EndField(r);
          ++p;
        } else if (IsLineEnd(c)) {
          EndField(r);
          line_end();
          return finish();
        } else {
          state_ = State::kInField;
        }
        continue;
      }
      case State::kInField: {
        size_t s = p;
        while (p < e && !special_[static_cast<uint8_t>(b[p])]) ++p;
        r.bytes_.append(b + s, p - s);
        if (p == e) break;
        EndField(r);
        if (b[p] == delim) {
          ++p;
          state_ = State::kStartField;
          continue;
        }
        line_end();
        return finish();
      }
      case State::kInQuoted: {
        size_t s = p;
        while (p < e && b[p] != '"' && !IsLineEnd(b[p])) ++p;
        r.bytes_.append(b + s, p - s);
        if (p == e) break;
        if (b[p] == '"') {
          ++p;
          state_ = State::kQuoteInQuoted;
        } else {
          r.bytes_.push_back('\n');
          line_end();
        }
        continue;
      }
      case State::kQuoteInQuoted: {
        char c = b[p];
        if (c == '"') {
          r.bytes_.push_back('"');
          ++p;
          state_ = State::kInQuoted;
        } else if (c == delim) {
          EndField(r);
          ++p;
          state_ = State::kStartField;
        } else if (IsLineEnd(c)) {
          EndField(r);
          line_end();
          return finish();
        } else {
          state_ = State::kInField;  // text after a closing quote is kept (Python, non-strict)
        }
        continue;
      }
    }
  }
  pos_ = p;
}

common::Status CsvTokenizer::Decode(CsvRecord& r) {
  if (IsAscii(r.bytes_)) return common::Status::Ok();
  scratch_.clear();
  size_t begin = 0;
  for (size_t i = 0; i < r.ends_.size(); ++i) {
    std::string_view field(r.bytes_.data() + begin, r.ends_[i] - begin);
    size_t bad = AppendDecodedAsUtf8(options_.encoding, field, scratch_);
    if (bad != kNpos) {
      return common::InvalidArgument(
          "Line " + std::to_string(r.line_) + ", column " + std::to_string(i + 1) + ": the bytes " +
          HexBytesAt(field, bad) + " are not valid " +
          std::string(TextEncodingName(options_.encoding)) +
          " (the declared encoding). Declare the file's real encoding (for example "
          "iso-8859-1 or windows-1252) or save it as UTF-8.");
    }
    begin = r.ends_[i];
    r.ends_[i] = scratch_.size();
  }
  r.bytes_.swap(scratch_);
  return common::Status::Ok();
}

}  // namespace taiga::convert

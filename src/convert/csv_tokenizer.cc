#include "convert/csv_tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace taiga::convert {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

// Bits set in a 16-bit mask (inline: without -mpopcnt the builtin is a library call).
inline unsigned PopCount16(unsigned x) {
  x = x - ((x >> 1) & 0x5555u);
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  return (x + (x >> 8)) & 0x1Fu;
}

// The offset of the first byte in b[p, e) equal to x, y or z; e when there is none.
inline size_t FindAny(const char* b, size_t p, size_t e, char x, char y, char z) {
#ifdef __SSE2__
  const __m128i vx = _mm_set1_epi8(x), vy = _mm_set1_epi8(y), vz = _mm_set1_epi8(z);
  for (; p + 16 <= e; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vx), _mm_cmpeq_epi8(v, vy)),
                               _mm_cmpeq_epi8(v, vz));
    int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return p + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (p < e && b[p] != x && b[p] != y && b[p] != z) ++p;
  return p;
}

}  // namespace

CsvTokenizer::CsvTokenizer(ByteSource& source, CsvTokenizerOptions options)
    : source_(source), options_(options), buf_(std::max<size_t>(options.read_size, 16)) {}

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

common::Result<bool> CsvTokenizer::Read(CsvRecord& record) {
  record.Clear();
  fields_ = 0;
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
              "Line " + std::to_string(quote_line_) + ", column " + std::to_string(fields_ + 1) +
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
  return true;
}

common::Result<bool> CsvTokenizer::Next(CsvRecord& record) {
  TAIGA_ASSIGN_OR_RETURN(bool more, Read(record));
  if (more) TAIGA_RETURN_IF_ERROR(Decode(record));
  return more;
}

bool CsvTokenizer::NextPlainLine(std::string_view* line, uint64_t* number) {
  if (!started_ || skip_lf_ || state_ != State::kStartRecord || pos_ == end_) return false;
  const char* b = buf_.data();
  size_t p = pos_;
  size_t e = kNpos;  // the end of the line's text: its LF, or the CR of its CRLF
  // One scan: the first LF, and before it no quote, no byte >= 0x80 and no CR but one right
  // before the LF.
#ifdef __SSE2__
  const __m128i vl = _mm_set1_epi8('\n'), vq = _mm_set1_epi8('"'), vc = _mm_set1_epi8('\r');
  for (; p + 16 <= end_; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + p));
    unsigned lf = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, vl)));
    unsigned bad = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vq), _mm_cmpeq_epi8(v, vc)), v)));
    if (lf != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(lf));
      const unsigned before = bad & ((1u << at) - 1);
      if (before == 0) {
        e = p + at;
      } else if (before == (1u << at) >> 1 && b[p + at - 1] == '\r') {
        e = p + at - 1;  // CRLF
      } else {
        return false;
      }
      break;
    }
    if (bad == 0x8000u && b[p + 15] == '\r' && p + 16 < end_ && b[p + 16] == '\n') {
      e = p + 15;  // a CRLF across two steps
      break;
    }
    if (bad != 0) return false;
  }
#endif
  if (e == kNpos) {
    for (; p < end_ && b[p] != '\n'; ++p) {
      const bool crlf = b[p] == '\r' && p + 1 < end_ && b[p + 1] == '\n';
      if ((b[p] == '\r' && !crlf) || b[p] == '"' || static_cast<unsigned char>(b[p]) >= 0x80) {
        return false;
      }
    }
    if (p == end_) return false;  // the line goes on in the next read
    e = p > pos_ && b[p - 1] == '\r' ? p - 1 : p;
  }
  if (e == pos_) return false;  // a blank line: Next skips it
  *line = std::string_view(b + pos_, e - pos_);
  *number = line_++;
  pos_ = e + (b[e] == '\r' ? 2 : 1);
  return true;
}

void CsvTokenizer::SplitPlainLine(std::string_view line, char delimiter,
                                  std::vector<std::string_view>& fields) {
  fields.clear();
  const char* b = line.data();
  const size_t e = line.size();
  size_t start = 0, p = 0;
#ifdef __SSE2__
  const __m128i vd = _mm_set1_epi8(delimiter);
  for (; p + 16 <= e; p += 16) {
    unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + p)), vd)));
    for (; hits != 0; hits &= hits - 1) {
      const size_t at = p + static_cast<size_t>(__builtin_ctz(hits));
      fields.emplace_back(b + start, at - start);
      start = at + 1;
    }
  }
#endif
  for (; p < e; ++p) {
    if (b[p] == delimiter) {
      fields.emplace_back(b + start, p - start);
      start = p + 1;
    }
  }
  fields.emplace_back(b + start, e - start);
}

void CsvTokenizer::Bulk(CsvRecord& r, const char* b, size_t& p, size_t e) {
#ifdef __SSE2__
  const __m128i vd = _mm_set1_epi8(options_.delimiter), vq = _mm_set1_epi8('"'),
                vl = _mm_set1_epi8('\n'), vc = _mm_set1_epi8('\r');
  while (p + 16 <= e) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + p));
    unsigned special = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(v, vq), _mm_or_si128(_mm_cmpeq_epi8(v, vl), _mm_cmpeq_epi8(v, vc)))));
    unsigned n = special != 0 ? static_cast<unsigned>(__builtin_ctz(special)) : 16;
    if (n == 0) return;
    unsigned delims =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd))) & ((1u << n) - 1);
    fields_ += PopCount16(delims);
    const size_t base = r.bytes_.size();
    r.bytes_.append(b + p, n);  // each delimiter stays as its field's separator
    for (; delims != 0; delims &= delims - 1) {
      r.ends_.push_back(base + static_cast<size_t>(__builtin_ctz(delims)));
    }
    state_ = b[p + n - 1] == options_.delimiter ? State::kStartField : State::kInField;
    p += n;
    if (n < 16) return;
  }
#endif
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
        Bulk(r, b, p, e);
        if (p == e) break;
        if (state_ == State::kInField) continue;
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
        Bulk(r, b, p, e);
        if (p == e) break;
        if (state_ == State::kStartField) continue;
        size_t s = p;
        p = FindAny(b, p, e, delim, '\n', '\r');
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
        p = FindAny(b, p, e, '"', '\n', '\r');
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
    begin = r.ends_[i] + 1;
    r.ends_[i] = scratch_.size();
    scratch_.push_back(options_.delimiter);
  }
  r.bytes_.swap(scratch_);
  return common::Status::Ok();
}

}  // namespace taiga::convert

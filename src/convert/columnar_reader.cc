#include "convert/columnar_reader.h"

#include <zlib.h>

#include <algorithm>

namespace taiga::convert {
namespace {

constexpr size_t kPiece = size_t{1} << 20;  // bytes read at a time: no allocation ahead of data

common::Status Corrupt(const std::string& why) {
  return common::InvalidArgument("not a readable columnar table file: " + why);
}

// Bytes per row of a fixed-width column type; 0 for strings.
size_t FixedWidth(ColumnType type) {
  switch (type) {
    case ColumnType::kInt32:
      return 4;
    case ColumnType::kFloat64:
      return 8;
    case ColumnType::kInt64:
      return 9;
    case ColumnType::kBool:
      return 1;
    case ColumnType::kString:
      return 0;
  }
  return 0;
}

}  // namespace

common::Result<bool> ColumnarReader::ReadExact(size_t n, std::string& out) {
  size_t start = out.size(), got = 0;
  while (got < n) {
    size_t want = std::min(kPiece, n - got);
    out.resize(start + got + want);
    common::Result<size_t> k = source_.Read(out.data() + start + got, want);
    if (!k.ok()) return k.status();
    if (*k == 0) {
      out.resize(start + got);
      if (got == 0) return false;
      return Corrupt("the file ends in the middle of a value");
    }
    got += *k;
  }
  out.resize(start + n);
  return true;
}

common::Result<uint32_t> ColumnarReader::ReadU32(const char* what) {
  std::string b;
  TAIGA_ASSIGN_OR_RETURN(bool got, ReadExact(4, b));
  if (!got) return Corrupt(std::string("the file ends before the ") + what);
  uint32_t v;
  std::memcpy(&v, b.data(), 4);
  return v;
}

common::Result<std::string> ColumnarReader::ReadStr(const char* what, size_t max_len) {
  TAIGA_ASSIGN_OR_RETURN(uint32_t len, ReadU32(what));
  if (len > max_len) {
    return Corrupt(std::string("a ") + what + " of " + std::to_string(len) + " bytes");
  }
  std::string s;
  TAIGA_ASSIGN_OR_RETURN(bool got, ReadExact(len, s));
  if (!got && len > 0) return Corrupt(std::string("the file ends before the ") + what);
  return s;
}

common::Status ColumnarReader::ReadHeader() {
  TAIGA_ASSIGN_OR_RETURN(uint32_t n, ReadU32("column count"));
  columns_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    TAIGA_ASSIGN_OR_RETURN(std::string name, ReadStr("column name", UINT32_MAX));
    TAIGA_ASSIGN_OR_RETURN(std::string type_name, ReadStr("type name", 10));
    std::optional<ColumnType> type = ParseColumnTypeName(type_name);
    if (!type) return Corrupt("unknown column type \"" + type_name + "\"");
    columns_.push_back({std::move(name), *type});
  }
  payload_.assign(n, {});
  string_starts_.assign(n, {});
  return common::Status::Ok();
}

common::Result<bool> ColumnarReader::NextBlock() {
  std::string head;
  TAIGA_ASSIGN_OR_RETURN(bool more, ReadExact(8, head));
  if (!more) return false;
  std::memcpy(&block_rows_, head.data(), 4);
  uint32_t ncols;
  std::memcpy(&ncols, head.data() + 4, 4);
  ++blocks_;
  std::string where = "block " + std::to_string(blocks_);
  if (ncols != columns_.size()) {
    return Corrupt(where + " has " + std::to_string(ncols) + " columns, the header " +
                   std::to_string(columns_.size()));
  }
  std::vector<uint32_t> lengths(ncols);
  for (uint32_t& len : lengths) {
    TAIGA_ASSIGN_OR_RETURN(len, ReadU32("column lengths"));
  }
  for (size_t c = 0; c < ncols; ++c) {
    compressed_.clear();
    TAIGA_ASSIGN_OR_RETURN(bool got, ReadExact(lengths[c], compressed_));
    if (!got && lengths[c] > 0) return Corrupt(where + " is cut short");
    TAIGA_RETURN_IF_ERROR(Inflate(c, compressed_));
    size_t width = FixedWidth(columns_[c].type);
    if (width == 0) {
      TAIGA_RETURN_IF_ERROR(IndexStrings(c));
    } else if (payload_[c].size() != width * block_rows_) {
      return Corrupt(where + ", column \"" + columns_[c].name +
                     "\": " + std::to_string(payload_[c].size()) + " bytes for " +
                     std::to_string(block_rows_) + " rows");
    }
  }
  return true;
}

common::Status ColumnarReader::Inflate(size_t column, std::string_view compressed) {
  std::string& out = payload_[column];
  out.clear();
  size_t width = FixedWidth(columns_[column].type);
  out.resize(std::max<size_t>(width ? width * block_rows_ : compressed.size() * 4, 64));
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return common::Internal("zlib inflateInit failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  size_t done = 0;
  int rc;
  do {
    if (done == out.size()) out.resize(out.size() * 2);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + done);
    z.avail_out = static_cast<uInt>(std::min<size_t>(out.size() - done, UINT32_MAX));
    rc = inflate(&z, Z_NO_FLUSH);
    done = out.size() - z.avail_out;
  } while (rc == Z_OK);
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    return Corrupt("column \"" + columns_[column].name + "\" does not decompress (zlib " +
                   std::to_string(rc) + ")");
  }
  out.resize(done);
  return common::Status::Ok();
}

common::Status ColumnarReader::IndexStrings(size_t column) {
  const std::string& p = payload_[column];
  std::vector<uint64_t>& at = string_starts_[column];
  at.clear();
  uint64_t pos = 0;
  while (pos < p.size()) {
    if (p.size() - pos < 4) return Corrupt("a string length is cut short");
    uint32_t len;
    std::memcpy(&len, p.data() + pos, 4);
    if (p.size() - pos - 4 < len) return Corrupt("a string is cut short");
    at.push_back(pos);
    pos += 4 + uint64_t{len};
  }
  at.push_back(pos);
  if (at.size() - 1 != block_rows_) {
    return Corrupt("column \"" + columns_[column].name + "\" holds " +
                   std::to_string(at.size() - 1) + " strings for " + std::to_string(block_rows_) +
                   " rows");
  }
  return common::Status::Ok();
}

}  // namespace taiga::convert

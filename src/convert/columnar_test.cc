// ColumnarWriter and ColumnarReader against files the original Taiga 2 wrote (testdata/,
// produced by its convert_csv_to_tabular from the original's test files).
#include <gtest/gtest.h>

#include <cmath>

#include "convert/columnar_reader.h"
#include "convert/columnar_writer.h"
#include "convert/test_files.h"

namespace taiga::convert {
namespace {

using testing::ReadFile;
using testing::TestDataPath;

// tall_table.csv as the original typed it: int, int, str, float.
const std::vector<ColumnSpec> kTallColumns = {{"a", ColumnType::kInt32},
                                              {"b", ColumnType::kInt32},
                                              {"c", ColumnType::kString},
                                              {"d", ColumnType::kFloat64}};

std::string WriteTall(ColumnarWriterOptions options) {
  StringByteSink sink;
  ColumnarWriter w(sink, kTallColumns, options);
  EXPECT_TRUE(w.WriteHeader().ok());
  for (int i = 0; i < 9; ++i) {
    const int a[] = {1, 3, 5}, b[] = {2, 4, 6};
    const char* c[] = {"Y", "Y", "N"};
    const double d[] = {1.2, 2.0, 4.0};
    w.AppendInt32(0, a[i % 3]);
    w.AppendInt32(1, b[i % 3]);
    w.AppendString(2, c[i % 3]);
    w.AppendFloat64(3, d[i % 3]);
    EXPECT_TRUE(w.EndRow().ok());
  }
  EXPECT_TRUE(w.Finish().ok());
  return sink.Take();
}

TEST(ColumnarWriter, WritesTallTableAsTheOriginal) {
  EXPECT_EQ(WriteTall({}), ReadFile(TestDataPath("tall_table.columnar")));
}

TEST(ColumnarWriter, TwoRowBlocksEndWithTheOriginalsPartialBlock) {
  EXPECT_EQ(WriteTall({.rows_per_block = 2}), ReadFile(TestDataPath("tall_table_rpb2.columnar")));
}

// However many threads compress the columns (small blocks overlapping the next one's rows),
// the file is the original's, byte for byte.
TEST(ColumnarWriter, CompressionThreadsDoNotChangeTheBytes) {
  const std::string want = ReadFile(TestDataPath("tall_table_rpb2.columnar"));
  for (size_t threads : {1, 2, 3, 4, 16}) {
    EXPECT_EQ(WriteTall({.rows_per_block = 2, .compression_threads = threads}), want) << threads;
  }
}

// Blocks too large to overlap are compressed in parallel before the next fills: same bytes.
TEST(ColumnarWriter, LargeBlocksOnSeveralThreadsGiveTheSameBytes) {
  auto write = [](size_t threads) {
    StringByteSink sink;
    ColumnarWriter w(sink, {{"s", ColumnType::kString}, {"i", ColumnType::kInt32}},
                     {.rows_per_block = 3, .compression_level = 1, .compression_threads = threads});
    EXPECT_TRUE(w.WriteHeader().ok());
    for (int row = 0; row < 7; ++row) {  // blocks of 3 rows × 4 MiB: over the overlap limit
      w.AppendString(0, std::string(size_t{4} << 20, static_cast<char>('a' + row)));
      w.AppendInt32(1, row);
      EXPECT_TRUE(w.EndRow().ok());
    }
    EXPECT_TRUE(w.Finish().ok());
    return sink.Take();
  };
  const std::string one = write(1);
  EXPECT_EQ(write(2), one);
  EXPECT_EQ(write(4), one);
  StringByteSource source(one);
  ColumnarReader r(source);
  ASSERT_TRUE(r.ReadHeader().ok());
  std::vector<uint32_t> rows;
  for (;;) {
    auto more = r.NextBlock();
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    rows.push_back(r.block_rows());
  }
  EXPECT_EQ(rows, (std::vector<uint32_t>{3, 3, 1}));
}

TEST(ColumnarWriter, WritesStringColumnsAsTheOriginal) {
  // tiny_table.csv as the original typed it (int, str, str, str).
  StringByteSink sink;
  ColumnarWriter w(sink, {{"a", ColumnType::kInt32},
                          {"b", ColumnType::kString},
                          {"c", ColumnType::kString},
                          {"d", ColumnType::kString}});
  ASSERT_TRUE(w.WriteHeader().ok());
  const char* rows[3][4] = {{"", "2", "Y", "1.2"}, {"", "4", "Y", "2"}, {"", "", "N", "NA"}};
  for (int i = 0; i < 3; ++i) {
    w.AppendInt32(0, 1 + 2 * i);
    for (int c = 1; c < 4; ++c) w.AppendString(c, rows[i][c]);
    ASSERT_TRUE(w.EndRow().ok());
  }
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(sink.data(), ReadFile(TestDataPath("tiny_table.columnar")));
}

TEST(ColumnarWriter, EmptyTableHasOneEmptyBlock) {
  StringByteSink sink;
  ColumnarWriter w(sink, {{"x", ColumnType::kInt32}});
  ASSERT_TRUE(w.WriteHeader().ok());
  ASSERT_TRUE(w.Finish().ok());
  StringByteSource source(sink.Take());
  ColumnarReader r(source);
  ASSERT_TRUE(r.ReadHeader().ok());
  ASSERT_TRUE(*r.NextBlock());
  EXPECT_EQ(r.block_rows(), 0u);
  EXPECT_FALSE(*r.NextBlock());
}

TEST(ColumnarReader, ReadsTheOriginalsBlocks) {
  for (size_t max_read : {size_t{1}, size_t{3}, SIZE_MAX}) {
    StringByteSource source(ReadFile(TestDataPath("tall_table_rpb2.columnar")), max_read);
    ColumnarReader r(source);
    ASSERT_TRUE(r.ReadHeader().ok());
    EXPECT_EQ(r.columns(), kTallColumns);
    std::vector<uint32_t> sizes;
    std::string cs;
    double sum = 0;
    for (;;) {
      common::Result<bool> more = r.NextBlock();
      ASSERT_TRUE(more.ok()) << more.status().ToString();
      if (!*more) break;
      sizes.push_back(r.block_rows());
      for (size_t i = 0; i < r.block_rows(); ++i) {
        cs.append(r.String(2, i));
        sum += r.Int32(0, i) + r.Float64(3, i);
      }
    }
    EXPECT_EQ(sizes, (std::vector<uint32_t>{2, 2, 2, 2, 1}));
    EXPECT_EQ(cs, "YYNYYNYYN");
    EXPECT_DOUBLE_EQ(sum, 3 * (1 + 3 + 5 + 1.2 + 2.0 + 4.0));
  }
}

TEST(ColumnarReader, RoundTripsTheExtensionTypes) {
  StringByteSink sink;
  ColumnarWriter w(
      sink, {{"i", ColumnType::kInt64}, {"b", ColumnType::kBool}, {"f", ColumnType::kFloat64}},
      {.rows_per_block = 2});
  ASSERT_TRUE(w.WriteHeader().ok());
  const int64_t values[] = {int64_t{1} << 40, 0, -7};
  const MissingCode codes[] = {MissingCode::kPresent, MissingCode::kNa, MissingCode::kEmpty};
  const uint8_t bools[] = {kBoolTrue, kBoolNa, kBoolFalse};
  for (int i = 0; i < 3; ++i) {
    w.AppendInt64(0, values[i], codes[i]);
    w.AppendBool(1, bools[i]);
    w.AppendFloat64(2, std::bit_cast<double>(kNaBits));
    ASSERT_TRUE(w.EndRow().ok());
  }
  ASSERT_TRUE(w.Finish().ok());
  StringByteSource source(sink.Take());
  ColumnarReader r(source);
  ASSERT_TRUE(r.ReadHeader().ok());
  int row = 0;
  while (*r.NextBlock()) {
    for (size_t i = 0; i < r.block_rows(); ++i, ++row) {
      EXPECT_EQ(r.Int64(0, i), values[row]);
      EXPECT_EQ(r.Int64Missing(0, i), codes[row]);
      EXPECT_EQ(r.Bool(1, i), bools[row]);
      EXPECT_EQ(std::bit_cast<uint64_t>(r.Float64(2, i)), kNaBits);
    }
  }
  EXPECT_EQ(row, 3);
}

TEST(ColumnarReader, RejectsDamagedFiles) {
  std::string good = ReadFile(TestDataPath("tall_table.columnar"));
  auto read_all = [](std::string bytes) -> common::Status {
    StringByteSource source(std::move(bytes));
    ColumnarReader r(source);
    TAIGA_RETURN_IF_ERROR(r.ReadHeader());
    for (;;) {
      common::Result<bool> more = r.NextBlock();
      if (!more.ok()) return more.status();
      if (!*more) return common::Status::Ok();
    }
  };
  EXPECT_TRUE(read_all(good).ok());
  for (size_t cut : {size_t{2}, size_t{20}, good.size() - 1}) {
    common::Status s = read_all(good.substr(0, cut));
    EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument) << cut;
  }
  std::string bad_type = good;
  bad_type.replace(bad_type.find("float"), 5, "flo@t");
  EXPECT_EQ(read_all(bad_type).message(),
            "not a readable columnar table file: unknown column type \"flo@t\"");
}

}  // namespace
}  // namespace taiga::convert

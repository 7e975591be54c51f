#include "convert/gzip_copy.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

namespace taiga::convert {
namespace {

// Inflates a gzip stream; fills the header fields zlib reports.
std::string Gunzip(const std::string& gz, std::string* name = nullptr, uLong* mtime = nullptr,
                   int* os = nullptr) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  char name_buf[256] = {};
  gz_header h{};
  h.name = reinterpret_cast<Bytef*>(name_buf);
  h.name_max = sizeof(name_buf) - 1;
  inflateGetHeader(&z, &h);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[65536];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  } while (rc == Z_OK);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(z.avail_in, 0u) << "trailing bytes";
  inflateEnd(&z);
  if (name != nullptr) *name = name_buf;
  if (mtime != nullptr) *mtime = h.time;
  if (os != nullptr) *os = h.os;
  return out;
}

TEST(GzipCopy, RoundTripsAndWritesThePythonHeader) {
  std::string data = "a,b,c\nd,1,2,3\n";
  StringByteSource source(data, 3);
  StringByteSink sink;
  common::Result<GzipCopySummary> s =
      GzipCopy(source, sink, {.file_name = "upload.csv", .mtime = 1700000000});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->bytes_in, data.size());
  EXPECT_EQ(s->bytes_out, sink.data().size());
  const std::string& gz = sink.data();
  ASSERT_GE(gz.size(), 10u);
  EXPECT_EQ(gz.substr(0, 3), "\x1f\x8b\x08");
  EXPECT_EQ(static_cast<uint8_t>(gz[8]), 2);  // XFL: maximum compression (level 9)
  std::string name;
  uLong mtime = 0;
  int os = 0;
  EXPECT_EQ(Gunzip(gz, &name, &mtime, &os), data);
  EXPECT_EQ(name, "upload.csv");
  EXPECT_EQ(mtime, 1700000000u);
  EXPECT_EQ(os, 255);
}

TEST(GzipCopy, StreamsLargeAndEmptyInputs) {
  std::mt19937 rng(1);
  std::string big;
  for (int i = 0; i < 3'000'000; ++i) big.push_back(static_cast<char>('a' + rng() % 4));
  StringByteSource source(big);
  StringByteSink sink;
  ASSERT_TRUE(GzipCopy(source, sink, {.level = 1}).ok());
  EXPECT_LT(sink.data().size(), big.size() / 2);
  EXPECT_EQ(Gunzip(sink.data()), big);

  StringByteSource empty("");
  StringByteSink empty_sink;
  ASSERT_TRUE(GzipCopy(empty, empty_sink).ok());
  EXPECT_EQ(Gunzip(empty_sink.data()), "");
  EXPECT_FALSE(GzipCopy(empty, empty_sink, {.level = 0}).ok());
}


// On several threads: one gzip member of the same content, header included, whatever the sizes
// (empty, under one piece, many pieces, a piece boundary inside a repeat the dictionary spans).
TEST(GzipCopy, SeveralThreadsWriteOneMemberOfTheSameBytes) {
  std::mt19937 rng(7);
  std::string repeats;
  while (repeats.size() < (size_t{5} << 20) + 12345) {
    repeats += "row" + std::to_string(rng() % 1000) + ",1.25,NA,text that repeats\n";
  }
  std::string noise(3 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  for (const std::string& data : {std::string(), std::string("tiny"), repeats, noise,
                                  std::string(size_t{2} << 20, 'x')}) {
    for (size_t threads : {2, 3, 8}) {
      for (size_t max_read : {size_t{1000}, SIZE_MAX}) {
        StringByteSource source(data, max_read);
        StringByteSink sink;
        common::Result<GzipCopySummary> s = GzipCopy(
            source, sink,
            {.level = 1, .file_name = "up.csv", .mtime = 1700000000, .threads = threads});
        ASSERT_TRUE(s.ok()) << s.status().ToString();
        EXPECT_EQ(s->bytes_in, data.size());
        EXPECT_EQ(s->bytes_out, sink.data().size());
        std::string name;
        uLong mtime = 0;
        int os = 0;
        EXPECT_EQ(Gunzip(sink.data(), &name, &mtime, &os), data)
            << data.size() << " bytes, " << threads << " threads";
        EXPECT_EQ(name, "up.csv");
        EXPECT_EQ(mtime, 1700000000u);
        EXPECT_EQ(os, 255);
        EXPECT_EQ(static_cast<uint8_t>(sink.data()[8]), 4);  // XFL: fastest (level 1)
      }
    }
  }
  // Compression across piece boundaries still finds the repeats (the dictionary).
  StringByteSource one(repeats), many(repeats);
  StringByteSink one_sink, many_sink;
  ASSERT_TRUE(GzipCopy(one, one_sink, {.level = 1}).ok());
  ASSERT_TRUE(GzipCopy(many, many_sink, {.level = 1, .threads = 4}).ok());
  EXPECT_LT(many_sink.data().size(), one_sink.data().size() * 102 / 100);
}

}  // namespace
}  // namespace taiga::convert

#include "blob/stream_hasher.h"

#include <gtest/gtest.h>

#include <string>

#include "common/hash.h"

namespace taiga::blob {
namespace {

TEST(StreamHasher, PiecesHashLikeTheWhole) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data.push_back(static_cast<char>(i * 7));
  StreamHasher h;
  for (size_t off = 0; off < data.size(); off += 777)
    h.Update(std::string_view(data).substr(off, 777));
  StreamDigests d = h.Finish();
  EXPECT_EQ(d.sha256, common::Sha256Hex(data));
  EXPECT_EQ(d.md5, common::Md5Hex(data));
  // Finish starts again from empty.
  StreamDigests empty = h.Finish();
  EXPECT_EQ(empty.sha256, common::Sha256Hex(""));
  EXPECT_EQ(empty.md5, "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(StreamHasher, Md5OnAMultiLaneWorker) {
  MultiLaneMd5 lanes;
  std::string data;
  for (int i = 0; i < 3000000; ++i) data.push_back(static_cast<char>(i * 13));
  StreamHasher h(StreamHasher::Algorithms::kSha256AndMd5, &lanes);
  for (size_t off = 0; off < data.size(); off += 1 << 20)
    h.Update(std::string_view(data).substr(off, 1 << 20));
  StreamDigests d = h.Finish();
  EXPECT_EQ(d.sha256, common::Sha256Hex(data));
  EXPECT_EQ(d.md5, common::Md5Hex(data));
  EXPECT_EQ(h.Finish().md5, "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(StreamHasher, Sha256Only) {
  StreamHasher h(StreamHasher::Algorithms::kSha256);
  h.Update("abc");
  StreamDigests d = h.Finish();
  EXPECT_EQ(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(d.md5.empty());
}

}  // namespace
}  // namespace taiga::blob

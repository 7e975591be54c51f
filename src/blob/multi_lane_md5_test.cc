// MultiLaneMd5 against OpenSSL: streams of every awkward length, many streams at once from many
// threads (so the worker fills several lanes), and reuse after FinishHex.
#include "blob/multi_lane_md5.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "common/hash.h"
#include "common/random.h"

namespace taiga::blob {
namespace {

TEST(MultiLaneMd5, AwkwardLengthsAndPieces) {
  MultiLaneMd5 md5;
  const std::string data = common::RandomHex(MultiLaneMd5::kChunkBytes * 2);  // 4 chunks
  for (size_t len : {size_t{0}, size_t{1}, size_t{55}, size_t{56}, size_t{63}, size_t{64},
                     size_t{65}, size_t{119}, size_t{120}, MultiLaneMd5::kChunkBytes,
                     MultiLaneMd5::kChunkBytes * 3 + 7, data.size()}) {
    auto s = md5.NewStream();
    const std::string_view bytes(data.data(), len);
    for (size_t at = 0; at < len; at += 100003) s->Update(bytes.substr(at, 100003));
    EXPECT_EQ(s->FinishHex(), common::Md5Hex(bytes)) << len;
    s->Update("again");  // starts from empty
    EXPECT_EQ(s->FinishHex(), common::Md5Hex("again"));
  }
}

TEST(MultiLaneMd5, ManyStreamsFromManyThreads) {
  MultiLaneMd5 md5;
  constexpr int kThreads = 20;  // more than the lanes
  std::vector<std::string> data(kThreads), got(kThreads);
  for (int i = 0; i < kThreads; ++i) data[i] = common::RandomHex(1 << 20) + std::to_string(i);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto s = md5.NewStream();
      for (size_t at = 0; at < data[i].size(); at += 65536) {
        s->Update(std::string_view(data[i]).substr(at, 65536));
      }
      got[i] = s->FinishHex();
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(got[i], common::Md5Hex(data[i])) << i;
}

TEST(MultiLaneMd5, AStreamDroppedMidwayWaitsForItsChunks) {
  MultiLaneMd5 md5;
  const std::string data = common::RandomHex(MultiLaneMd5::kChunkBytes * 4);
  for (int i = 0; i < 10; ++i) {
    auto s = md5.NewStream();
    s->Update(data);
  }  // destroyed without FinishHex: nothing of it is touched afterwards
  auto s = md5.NewStream();
  s->Update(data);
  EXPECT_EQ(s->FinishHex(), common::Md5Hex(data));
}

}  // namespace
}  // namespace taiga::blob

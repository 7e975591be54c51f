// The BlobStore contract, one suite run against every backend: memory, local (temp dir) and S3
// (a real Ceph RGW under scripts/with-rgw; skipped without TAIGA_TEST_S3_*, failed instead when
// TAIGA_REQUIRE_S3=1). Each test works under its own random key prefix.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "blob/blob_store.h"
#include "blob/content_disposition.h"
#include "blob/stream_hasher.h"
#include "blob/test_blob_backends.h"
#include "common/hash.h"

namespace taiga::blob {
namespace {

using testing::Backend;
using testing::ReadKey;
using testing::WriteKey;

class BlobStoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Backend::kMemory:
        store_ = std::make_unique<MemoryBlobStore>();
        break;
      case Backend::kLocal: {
        ASSERT_FALSE(dir_.path().empty());
        LocalBlobStoreOptions o;
        o.root = dir_.path() + "/blobs";
        o.url_signing_key = common::RandomToken(32);
        TAIGA_ASSERT_OK_AND_ASSIGN(auto local, LocalBlobStore::Open(o));
        local_ = local.get();
        store_ = std::move(local);
        break;
      }
      case Backend::kS3: {
        std::optional<S3BlobStoreOptions> o = testing::S3TestOptions();
        if (!o) {
          if (testing::Env("TAIGA_REQUIRE_S3") == "1") {
            FAIL() << testing::kS3Missing << ", and TAIGA_REQUIRE_S3=1";
          }
          GTEST_SKIP() << testing::kS3Missing;
        }
        TAIGA_ASSERT_OK_AND_ASSIGN(store_, S3BlobStore::Create(*o));
        break;
      }
    }
    prefix_ = "t" + common::RandomHex(6) + "/";
  }

  void TearDown() override {
    if (!store_) return;
    auto all = store_->List(prefix_);
    if (!all.ok()) return;
    for (const BlobStat& s : *all) (void)store_->Delete(s.key);
  }

  std::string K(std::string_view rest) const { return prefix_ + std::string(rest); }

  testing::TempDir dir_;
  std::unique_ptr<BlobStore> store_;
  LocalBlobStore* local_ = nullptr;
  std::string prefix_;
};

TEST_P(BlobStoreContract, WriteCommitStatRead) {
  const std::string data = "id,name\n1,alpha\n2,beta\n";
  TAIGA_ASSERT_OK_AND_ASSIGN(WriteResult w, WriteKey(*store_, K("upload/u1/s1/data.csv"), data, 5));
  EXPECT_EQ(w.key, K("upload/u1/s1/data.csv"));
  EXPECT_EQ(w.size, data.size());
  EXPECT_EQ(w.sha256, common::Sha256Hex(data));
  EXPECT_EQ(w.md5, common::Md5Hex(data));
  TAIGA_ASSERT_OK_AND_ASSIGN(std::optional<BlobStat> st, store_->Stat(K("upload/u1/s1/data.csv")));
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->size, data.size());
  EXPECT_FALSE(st->etag.empty());
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string back, ReadKey(*store_, K("upload/u1/s1/data.csv")));
  EXPECT_EQ(common::Sha256Hex(back), common::Sha256Hex(data));
  EXPECT_EQ(back, data);
  EXPECT_EQ(store_->Name(), testing::BackendLabel(GetParam()) == std::string("S3") ? "s3"
                            : GetParam() == Backend::kLocal                        ? "local"
                                                                                   : "memory");
}

TEST_P(BlobStoreContract, EmptyObjectAndAwkwardKeys) {
  TAIGA_ASSERT_OK_AND_ASSIGN(WriteResult w, WriteKey(*store_, K("empty"), ""));
  EXPECT_EQ(w.size, 0u);
  EXPECT_EQ(w.sha256, common::Sha256Hex(""));
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string back, ReadKey(*store_, K("empty")));
  EXPECT_EQ(back, "");
  const std::string odd = K("upload/u/s/r\xc3\xa9sum\xc3\xa9 (1)+&<x>=%20;'!*.csv");
  TAIGA_ASSERT_OK(WriteKey(*store_, odd, "odd").status());
  TAIGA_ASSERT_OK_AND_ASSIGN(back, ReadKey(*store_, odd));
  EXPECT_EQ(back, "odd");
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> list, store_->List(K("upload/u/s/")));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].key, odd);
}

TEST_P(BlobStoreContract, ReadRanges) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>('a' + i % 26));
  TAIGA_ASSERT_OK(WriteKey(*store_, K("r"), data).status());
  auto range = [&](uint64_t off, std::optional<uint64_t> len) {
    return ReadKey(*store_, K("r"), off, len);
  };
  EXPECT_EQ(*range(10, 20), data.substr(10, 20));
  EXPECT_EQ(*range(990, std::nullopt), data.substr(990));
  EXPECT_EQ(*range(0, 1000), data);
  EXPECT_EQ(*range(0, 0), "");
  EXPECT_EQ(*range(1000, std::nullopt), "");
  EXPECT_EQ(*range(1000, 0), "");
  EXPECT_EQ(range(1001, std::nullopt).status().code(), common::StatusCode::kInvalidArgument);
  EXPECT_EQ(range(990, 11).status().code(), common::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadKey(*store_, K("absent")).status().code(), common::StatusCode::kNotFound);
  EXPECT_EQ(ReadKey(*store_, K("absent"), 5, 1).status().code(), common::StatusCode::kNotFound);
}

TEST_P(BlobStoreContract, UncommittedWriterLeavesNothing) {
  {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write(K("never")));
    TAIGA_ASSERT_OK(w->Write("bytes that must not appear"));
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(std::optional<BlobStat> st, store_->Stat(K("never")));
  EXPECT_FALSE(st.has_value());
  // Replacing: the old bytes stay visible until the new writer commits, and stay when it dies.
  TAIGA_ASSERT_OK(WriteKey(*store_, K("kept"), "old").status());
  {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write(K("kept")));
    TAIGA_ASSERT_OK(w->Write("new"));
    EXPECT_EQ(*ReadKey(*store_, K("kept")), "old");
  }
  EXPECT_EQ(*ReadKey(*store_, K("kept")), "old");
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> list, store_->List(prefix_));
  ASSERT_EQ(list.size(), 1u);
  TAIGA_ASSERT_OK(WriteKey(*store_, K("kept"), "new").status());
  EXPECT_EQ(*ReadKey(*store_, K("kept")), "new");
}

TEST_P(BlobStoreContract, WriterIsFinishedAfterCommit) {
  TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write(K("once")));
  TAIGA_ASSERT_OK(w->Write("x"));
  TAIGA_ASSERT_OK(w->Commit().status());
  EXPECT_EQ(w->Write("y").code(), common::StatusCode::kFailedPrecondition);
  EXPECT_EQ(w->Commit().status().code(), common::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*ReadKey(*store_, K("once")), "x");
}

// 20 MiB in odd-sized pieces, never held whole: several parts on S3 (5 MiB parts).
TEST_P(BlobStoreContract, LargeStreamedWrite) {
  constexpr size_t kSize = 20u << 20;
  constexpr size_t kPiece = 300007;
  StreamHasher expected;
  TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write(K("big")));
  uint32_t x = 12345;
  std::string piece;
  for (size_t done = 0; done < kSize; done += piece.size()) {
    piece.resize(std::min(kPiece, kSize - done));
    for (char& c : piece) c = static_cast<char>((x = x * 1664525u + 1013904223u) >> 24);
    expected.Update(piece);
    TAIGA_ASSERT_OK(w->Write(piece));
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(WriteResult r, w->Commit());
  const StreamDigests want = expected.Finish();
  EXPECT_EQ(r.size, kSize);
  EXPECT_EQ(r.sha256, want.sha256);
  EXPECT_EQ(r.md5, want.md5);
  TAIGA_ASSERT_OK_AND_ASSIGN(std::optional<BlobStat> st, store_->Stat(K("big")));
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->size, kSize);
  if (GetParam() == Backend::kS3) {  // an S3 multipart ETag names its part count
    EXPECT_TRUE(st->etag.size() > 2 && st->etag.substr(st->etag.size() - 2) == "-4") << st->etag;
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(auto reader, store_->Read(K("big")));
  StreamHasher got;
  std::vector<char> buf(70001);
  uint64_t total = 0;
  while (true) {
    TAIGA_ASSERT_OK_AND_ASSIGN(size_t n, reader->Read(buf.data(), buf.size()));
    if (n == 0) break;
    got.Update(std::string_view(buf.data(), n));
    total += n;
  }
  EXPECT_EQ(total, kSize);
  EXPECT_EQ(got.Finish().sha256, want.sha256);
  // A range across a part boundary.
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string mid, ReadKey(*store_, K("big"), (5u << 20) - 10, 20));
  EXPECT_EQ(mid.size(), 20u);
}

TEST_P(BlobStoreContract, MoveKeepsAnExistingDestination) {
  TAIGA_ASSERT_OK(WriteKey(*store_, K("upload/a"), "same bytes").status());
  TAIGA_ASSERT_OK(WriteKey(*store_, K("blobs/x"), "existing").status());
  TAIGA_ASSERT_OK(store_->Move(K("upload/a"), K("blobs/x")));
  EXPECT_EQ(*ReadKey(*store_, K("blobs/x")), "existing");
  EXPECT_FALSE(store_->Stat(K("upload/a"))->has_value());

  TAIGA_ASSERT_OK(WriteKey(*store_, K("upload/b"), "fresh").status());
  TAIGA_ASSERT_OK(store_->Move(K("upload/b"), K("blobs/ab/cdef")));
  EXPECT_EQ(*ReadKey(*store_, K("blobs/ab/cdef")), "fresh");
  EXPECT_FALSE(store_->Stat(K("upload/b"))->has_value());
  EXPECT_EQ(store_->Move(K("upload/none"), K("blobs/y")).code(), common::StatusCode::kNotFound);
}

// Above multipart_copy_threshold (6 MiB in the S3 test options) S3 copies part by part.
TEST_P(BlobStoreContract, MoveOfABiggerObject) {
  const std::string data((7u << 20) + 3, 'm');
  TAIGA_ASSERT_OK(WriteKey(*store_, K("upload/big"), data, 1u << 20).status());
  TAIGA_ASSERT_OK(store_->Move(K("upload/big"), K("blobs/big")));
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string back, ReadKey(*store_, K("blobs/big")));
  EXPECT_EQ(back.size(), data.size());
  EXPECT_EQ(common::Sha256Hex(back), common::Sha256Hex(data));
  EXPECT_FALSE(store_->Stat(K("upload/big"))->has_value());
  if (GetParam() == Backend::kS3) {  // copied as two parts (5 MiB + the rest)
    const std::string etag = (*store_->Stat(K("blobs/big")))->etag;
    EXPECT_TRUE(etag.size() > 2 && etag.substr(etag.size() - 2) == "-2") << etag;
  }
}

TEST_P(BlobStoreContract, DeleteAbsentIsOk) {
  TAIGA_ASSERT_OK(store_->Delete(K("never-there")));
  TAIGA_ASSERT_OK(store_->Delete(K("a/b/c/never")));
  TAIGA_ASSERT_OK(WriteKey(*store_, K("gone"), "x").status());
  TAIGA_ASSERT_OK(store_->Delete(K("gone")));
  EXPECT_FALSE(store_->Stat(K("gone"))->has_value());
  TAIGA_ASSERT_OK(store_->Delete(K("gone")));
}

TEST_P(BlobStoreContract, ListByPrefix) {
  for (const char* k : {"p/x/2", "p/x/1", "p/y/1", "p/xz", "q/1"}) {
    TAIGA_ASSERT_OK(WriteKey(*store_, K(k), k).status());
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> x, store_->List(K("p/x/")));
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].key, K("p/x/1"));
  EXPECT_EQ(x[1].key, K("p/x/2"));
  EXPECT_EQ(x[0].size, 5u);
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> partial, store_->List(K("p/x")));
  EXPECT_EQ(partial.size(), 3u);
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> all, store_->List(prefix_));
  EXPECT_EQ(all.size(), 5u);
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> none, store_->List(K("nothing/")));
  EXPECT_TRUE(none.empty());
}

TEST_P(BlobStoreContract, BadKeysAreRejected) {
  const std::string nul("a\0b", 3);
  for (const std::string& bad : {std::string("../x"), std::string("/abs"), std::string("a//b"),
                                 std::string("a\\b"), nul, std::string(""), std::string("a/")}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(store_->Write(bad).status().code(), common::StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Read(bad).status().code(), common::StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Stat(bad).status().code(), common::StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Delete(bad).code(), common::StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Move(bad, K("ok")).code(), common::StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->Move(K("ok"), bad).code(), common::StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->PresignGet(bad, {}).status().code(), common::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(store_->List("../").status().code(), common::StatusCode::kInvalidArgument);
}

TEST_P(BlobStoreContract, ConcurrentWriters) {
  std::vector<std::thread> threads;
  std::vector<common::Status> results(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      results[i] =
          WriteKey(*store_, K("c/" + std::to_string(i)), std::string(10000 + i, 'c')).status();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& s : results) TAIGA_ASSERT_OK(s);
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> list, store_->List(K("c/")));
  ASSERT_EQ(list.size(), 8u);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(ReadKey(*store_, K("c/" + std::to_string(i)))->size(), 10000u + i);
}

TEST_P(BlobStoreContract, PresignedGet) {
  const std::string data = "a,b\n1,2\n";
  const std::string key = K("blobs/pre sign/file");
  TAIGA_ASSERT_OK(WriteKey(*store_, key, data).status());
  PresignOptions o;
  o.base_url = "http://127.0.0.1:8080/taiga/";
  o.expires_seconds = 600;
  o.download_name = "r\xc3\xa9sum\xc3\xa9 (1).csv";
  o.content_type = "text/csv";
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string url, store_->PresignGet(key, o));
  switch (GetParam()) {
    case Backend::kMemory:
      EXPECT_NE(url.find("/memory/"), std::string::npos) << url;
      break;
    case Backend::kLocal: {
      const std::string base = "http://127.0.0.1:8080/taiga/blob/";
      ASSERT_EQ(url.rfind(base, 0), 0u) << url;
      const std::string token = url.substr(base.size());
      const common::Timestamp now = common::SystemClock().Now();
      TAIGA_ASSERT_OK_AND_ASSIGN(SignedBlob b, local_->url_signer().Verify(token, now));
      EXPECT_EQ(b.key, key);
      EXPECT_EQ(b.download_name, o.download_name);
      EXPECT_EQ(b.content_type, "text/csv");
      TAIGA_ASSERT_OK_AND_ASSIGN(std::string path, local_->LocalPath(b.key));
      EXPECT_EQ(path, dir_.path() + "/blobs/" + key);
      std::string tampered = token;
      tampered[tampered.size() / 3] = tampered[tampered.size() / 3] == 'A' ? 'B' : 'A';
      EXPECT_EQ(local_->url_signer().Verify(tampered, now).status().code(),
                common::StatusCode::kUnauthenticated);
      EXPECT_EQ(local_->url_signer().Verify(token, now + 601LL * 1000000).status().code(),
                common::StatusCode::kPermissionDenied);
      break;
    }
    case Backend::kS3: {
      testing::HttpAnswer ok = testing::HttpGet(url);
      ASSERT_EQ(ok.status, 200) << ok.body;
      EXPECT_EQ(ok.body, data);
      EXPECT_EQ(testing::HeaderIn(ok.headers, "Content-Disposition"),
                ContentDispositionAttachment(o.download_name));
      EXPECT_EQ(testing::HeaderIn(ok.headers, "Content-Type"), "text/csv");
      std::string bad_sig = url;
      bad_sig.back() = bad_sig.back() == '0' ? '1' : '0';
      EXPECT_EQ(testing::HttpGet(bad_sig).status, 403);
      std::string bad_param = url;
      bad_param.replace(bad_param.find("text%2Fcsv"), 10, "text%2Fhtm");
      EXPECT_EQ(testing::HttpGet(bad_param).status, 403);
      const std::string unsigned_url = url.substr(0, url.find('?'));
      EXPECT_EQ(testing::HttpGet(unsigned_url).status, 403) << "anonymous GET must be refused";
      break;
    }
  }
  o.expires_seconds = 604801;
  EXPECT_EQ(store_->PresignGet(key, o).status().code(), common::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, BlobStoreContract,
                         ::testing::Values(Backend::kMemory, Backend::kLocal, Backend::kS3),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return testing::BackendLabel(info.param);
                         });

}  // namespace
}  // namespace taiga::blob

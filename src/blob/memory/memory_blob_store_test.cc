// MemoryBlobStore's fault injector (the contract itself is blob_store_contract_test.cc).
#include "blob/memory/memory_blob_store.h"

#include <gtest/gtest.h>

#include "blob/test_blob_backends.h"

namespace taiga::blob {
namespace {

TEST(MemoryFaultInjector, FailsTheNthWriteReadAndCommit) {
  auto faults = std::make_shared<MemoryFaultInjector>();
  MemoryBlobStore store(faults);
  faults->FailNthWrite(2);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store.Write("k"));
  TAIGA_ASSERT_OK(w->Write("a"));
  EXPECT_EQ(w->Write("b").code(), common::StatusCode::kUnavailable);
  EXPECT_EQ(w->Commit().status().code(), common::StatusCode::kFailedPrecondition)
      << "a writer that failed is dead";
  EXPECT_FALSE(store.Stat("k")->has_value());
  TAIGA_ASSERT_OK(testing::WriteKey(store, "k", "abc").status());  // it fires once

  faults->FailNthRead(1);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto r, store.Read("k"));
  char buf[8];
  EXPECT_EQ(r->Read(buf, sizeof buf).status().code(), common::StatusCode::kUnavailable);
  EXPECT_EQ(*r->Read(buf, sizeof buf), 3u);

  faults->FailNthCommit(1);
  EXPECT_EQ(testing::WriteKey(store, "k2", "x").status().code(), common::StatusCode::kUnavailable);
  EXPECT_FALSE(store.Stat("k2")->has_value());
  faults->FailNthWrite(0);
  TAIGA_ASSERT_OK(testing::WriteKey(store, "k2", "x").status());
}

TEST(MemoryBlobStore, ReadersSurviveDeletes) {
  MemoryBlobStore store;
  TAIGA_ASSERT_OK(testing::WriteKey(store, "k", "still here").status());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto r, store.Read("k"));
  TAIGA_ASSERT_OK(store.Delete("k"));
  EXPECT_EQ(*testing::ReadAll(*r), "still here");
}

}  // namespace
}  // namespace taiga::blob

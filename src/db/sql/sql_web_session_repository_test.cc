// WebSessionRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::BackendTest;

constexpr common::Timestamp kT0 = 1'765'000'000'000'000;

class SqlWebSessionRepositoryTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(domain::User{"u1", "alice", "a@example.org", "", "", kT0}));
    TAIGA_ASSERT_OK(tx->Users().InsertToken(
        domain::ApiToken{"t1", "u1", "laptop", "tokenhash", kT0, std::nullopt, std::nullopt}));
    TAIGA_ASSERT_OK(tx->Commit());
  }

  static domain::WebSession Session(const std::string& id, const std::string& hash,
                                    common::Timestamp expires_at,
                                    std::optional<std::string> token_id = std::nullopt) {
    return domain::WebSession{id,
                              "u1",
                              hash,
                              token_id ? domain::SignInMethod::kToken : domain::SignInMethod::kCode,
                              std::move(token_id),
                              kT0,
                              kT0,
                              expires_at};
  }
};

TEST_P(SqlWebSessionRepositoryTest, CodeIsUsedOnceAndOnlyBeforeItExpires) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->WebSessions().InsertCode({"c1", "u1", kT0, kT0 + 100, std::nullopt}));
  TAIGA_ASSERT_OK(tx->WebSessions().InsertCode({"c2", "u1", kT0, kT0 + 100, std::nullopt}));
  TAIGA_ASSERT_OK_AND_ASSIGN(bool first, tx->WebSessions().UseCode("c1", kT0 + 10));
  EXPECT_TRUE(first);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool again, tx->WebSessions().UseCode("c1", kT0 + 11));
  EXPECT_FALSE(again);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool late, tx->WebSessions().UseCode("c2", kT0 + 100));
  EXPECT_FALSE(late);  // expires_at is exclusive
  TAIGA_ASSERT_OK_AND_ASSIGN(bool unknown, tx->WebSessions().UseCode("nope", kT0));
  EXPECT_FALSE(unknown);
  TAIGA_ASSERT_OK(tx->Commit());

  auto read = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto c1, read->WebSessions().FindCode("c1"));
  ASSERT_TRUE(c1.has_value());
  EXPECT_EQ(c1->user_id, "u1");
  EXPECT_EQ(c1->expires_at, kT0 + 100);
  EXPECT_EQ(c1->used_at, kT0 + 10);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto c2, read->WebSessions().FindCode("c2"));
  ASSERT_TRUE(c2.has_value());
  EXPECT_FALSE(c2->used_at.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, read->WebSessions().FindCode("nope"));
  EXPECT_FALSE(none.has_value());
}

TEST_P(SqlWebSessionRepositoryTest, CodeForAnUnknownUserIsRefused) {
  auto tx = Begin(TxMode::kWrite);
  EXPECT_EQ(tx->WebSessions().InsertCode({"c1", "ghost", kT0, kT0 + 1, std::nullopt}).code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(SqlWebSessionRepositoryTest, LiveSessionsOnlyUntilTheyExpire) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->WebSessions().InsertSession(Session("s1", "h1", kT0 + 1000)));
  TAIGA_ASSERT_OK(tx->Commit());
  auto read = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto live, read->WebSessions().FindLiveSession("h1", kT0 + 999));
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->id, "s1");
  EXPECT_EQ(live->user_id, "u1");
  EXPECT_EQ(live->method, domain::SignInMethod::kCode);
  EXPECT_FALSE(live->api_token_id.has_value());
  EXPECT_EQ(live->expires_at, kT0 + 1000);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto gone, read->WebSessions().FindLiveSession("h1", kT0 + 1000));
  EXPECT_FALSE(gone.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other, read->WebSessions().FindLiveSession("h2", kT0));
  EXPECT_FALSE(other.has_value());
}

TEST_P(SqlWebSessionRepositoryTest, RevokingTheTokenEndsItsSessions) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->WebSessions().InsertSession(Session("s1", "h1", kT0 + 1000, "t1")));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto live, tx->WebSessions().FindLiveSession("h1", kT0));
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->method, domain::SignInMethod::kToken);
  EXPECT_EQ(live->api_token_id, "t1");
  TAIGA_ASSERT_OK(tx->Users().RevokeToken("u1", "t1", kT0 + 1));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto revoked, tx->WebSessions().FindLiveSession("h1", kT0 + 2));
  EXPECT_FALSE(revoked.has_value());
}

TEST_P(SqlWebSessionRepositoryTest, TouchDeleteAndDeleteExpired) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->WebSessions().InsertSession(Session("s1", "h1", kT0 + 1000)));
  TAIGA_ASSERT_OK(tx->WebSessions().InsertSession(Session("s2", "h2", kT0 + 50)));
  TAIGA_ASSERT_OK(tx->WebSessions().InsertCode({"c1", "u1", kT0, kT0 + 50, std::nullopt}));
  TAIGA_ASSERT_OK(tx->WebSessions().InsertCode({"c2", "u1", kT0, kT0 + 1000, kT0 + 1}));
  TAIGA_ASSERT_OK(tx->Commit());
  tx = Begin(TxMode::kWrite);
  EXPECT_EQ(tx->WebSessions().InsertSession(Session("s3", "h1", kT0 + 1)).code(),
            StatusCode::kAlreadyExists);
  tx.reset();  // PostgreSQL aborts the transaction after an error
  tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->WebSessions().TouchSession("s1", kT0 + 7));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto s1, tx->WebSessions().FindLiveSession("h1", kT0));
  ASSERT_TRUE(s1.has_value());
  EXPECT_EQ(s1->last_used_at, kT0 + 7);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t removed, tx->WebSessions().DeleteExpired(kT0 + 50));
  EXPECT_EQ(removed, 2);  // s2 and c1; the used c2 stays until it expires
  TAIGA_ASSERT_OK_AND_ASSIGN(auto c2, tx->WebSessions().FindCode("c2"));
  EXPECT_TRUE(c2.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(bool deleted, tx->WebSessions().DeleteSession("h1"));
  EXPECT_TRUE(deleted);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool twice, tx->WebSessions().DeleteSession("h1"));
  EXPECT_FALSE(twice);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, tx->WebSessions().FindLiveSession("h1", kT0));
  EXPECT_FALSE(none.has_value());
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlWebSessionRepositoryTest);

}  // namespace
}  // namespace taiga::db

// UserRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::BackendTest;

domain::User MakeUser(const std::string& id, const std::string& name,
                      const std::string& email = "someone@example.com",
                      common::Timestamp created_at = 1'700'000'000'000'000) {
  return domain::User{id, name, email, "", "", created_at};
}

domain::ApiToken MakeToken(const std::string& id, const std::string& user_id,
                           const std::string& hash, common::Timestamp created_at) {
  return domain::ApiToken{id, user_id, "laptop", hash, created_at, std::nullopt, std::nullopt};
}

class SqlUserRepositoryTest : public BackendTest {};

TEST_P(SqlUserRepositoryTest, InsertThenFindByIdNameAndEmail) {
  auto tx = Begin(TxMode::kWrite);
  ASSERT_NE(tx, nullptr);
  const common::Timestamp big = 1'765'000'000'123'456;  // needs 64 bits
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice", "a@example.com", big)));
  TAIGA_ASSERT_OK(tx->Commit());

  auto read = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto by_id, read->Users().FindById("u1"));
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->name, "alice");
  EXPECT_EQ(by_id->email, "a@example.com");
  EXPECT_EQ(by_id->home_folder_id, "");
  EXPECT_EQ(by_id->trash_folder_id, "");
  EXPECT_EQ(by_id->created_at, big);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto by_name, read->Users().FindByName("alice"));
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, "u1");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto by_email, read->Users().FindByEmail("a@example.com"));
  ASSERT_TRUE(by_email.has_value());
  EXPECT_EQ(by_email->id, "u1");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto missing, read->Users().FindById("nobody"));
  EXPECT_FALSE(missing.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto missing_name, read->Users().FindByName("bob"));
  EXPECT_FALSE(missing_name.has_value());
}

TEST_P(SqlUserRepositoryTest, DuplicateNameIsAlreadyExists) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  common::Status s = tx->Users().Insert(MakeUser("u2", "alice"));
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.ToString();
}

TEST_P(SqlUserRepositoryTest, DuplicateIdIsAlreadyExists) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  EXPECT_EQ(tx->Users().Insert(MakeUser("u1", "bob")).code(), StatusCode::kAlreadyExists);
}

TEST_P(SqlUserRepositoryTest, FindByEmailReturnsTheOldest) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "newer", "same@example.com", 2000)));
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u2", "older", "same@example.com", 1000)));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto found, tx->Users().FindByEmail("same@example.com"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "older");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, tx->Users().FindByEmail("other@example.com"));
  EXPECT_FALSE(none.has_value());
}

TEST_P(SqlUserRepositoryTest, SetFoldersThenRead) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  TAIGA_ASSERT_OK(tx->Users().SetFolders("u1", "home1", "trash1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto user, tx->Users().FindById("u1"));
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->home_folder_id, "home1");
  EXPECT_EQ(user->trash_folder_id, "trash1");
  EXPECT_EQ(tx->Users().SetFolders("nobody", "h", "t").code(), StatusCode::kNotFound);
}

TEST_P(SqlUserRepositoryTest, ListAllOrdersByName) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "carol")));
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u2", "alice")));
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u3", "Bob")));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto all, tx->Users().ListAll());
  ASSERT_EQ(all.size(), 3u);
  // Byte order on every backend: upper case sorts before lower case.
  EXPECT_EQ(all[0].name, "Bob");
  EXPECT_EQ(all[1].name, "alice");
  EXPECT_EQ(all[1].id, "u2");
  EXPECT_EQ(all[2].name, "carol");
}

TEST_P(SqlUserRepositoryTest, TokensInsertFindListRevoke) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  TAIGA_ASSERT_OK(tx->Users().InsertToken(MakeToken("t2", "u1", "hash2", 200)));
  TAIGA_ASSERT_OK(tx->Users().InsertToken(MakeToken("t1", "u1", "hash1", 100)));

  TAIGA_ASSERT_OK_AND_ASSIGN(auto found, tx->Users().FindActiveTokenByHash("hash1"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "t1");
  EXPECT_EQ(found->user_id, "u1");
  EXPECT_EQ(found->name, "laptop");
  EXPECT_EQ(found->created_at, 100);
  EXPECT_FALSE(found->last_used_at.has_value());
  EXPECT_FALSE(found->revoked_at.has_value());

  TAIGA_ASSERT_OK(tx->Users().RevokeToken("u1", "t1", 300));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto revoked, tx->Users().FindActiveTokenByHash("hash1"));
  EXPECT_FALSE(revoked.has_value());

  TAIGA_ASSERT_OK_AND_ASSIGN(auto tokens, tx->Users().ListTokens("u1"));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].id, "t1");  // oldest first
  ASSERT_TRUE(tokens[0].revoked_at.has_value());
  EXPECT_EQ(*tokens[0].revoked_at, 300);
  EXPECT_EQ(tokens[1].id, "t2");
  EXPECT_FALSE(tokens[1].revoked_at.has_value());
  TAIGA_ASSERT_OK(tx->Commit());
}

TEST_P(SqlUserRepositoryTest, RevokeUnknownOrRevokedTokenIsNotFound) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u2", "bob")));
  TAIGA_ASSERT_OK(tx->Users().InsertToken(MakeToken("t1", "u1", "hash1", 100)));
  EXPECT_EQ(tx->Users().RevokeToken("u1", "nope", 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(tx->Users().RevokeToken("u2", "t1", 1).code(), StatusCode::kNotFound);  // not theirs
  TAIGA_ASSERT_OK(tx->Users().RevokeToken("u1", "t1", 1));
  EXPECT_EQ(tx->Users().RevokeToken("u1", "t1", 2).code(), StatusCode::kNotFound);  // again
}

TEST_P(SqlUserRepositoryTest, TokenErrors) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  TAIGA_ASSERT_OK(tx->Users().InsertToken(MakeToken("t1", "u1", "hash1", 100)));
  EXPECT_EQ(tx->Users().InsertToken(MakeToken("t2", "u1", "hash1", 100)).code(),
            StatusCode::kAlreadyExists);
  // PostgreSQL aborts the transaction after an error: continue in a fresh one (end the old
  // one first: SQLite has a single writer).
  tx.reset();
  tx = Begin(TxMode::kWrite);
  EXPECT_EQ(tx->Users().InsertToken(MakeToken("t3", "ghost", "hash3", 100)).code(),
            StatusCode::kFailedPrecondition);
  tx.reset();
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Begin(TxMode::kRead)->Users().ListTokens("nobody"));
  EXPECT_TRUE(none.empty());
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlUserRepositoryTest);

}  // namespace
}  // namespace taiga::db

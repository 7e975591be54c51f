// JobRepository against every backend (test_backend.h): claims, leases, retries, hand-back, and
// concurrent claimers (threads on PostgreSQL, two Database objects on one SQLite file).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using common::Timestamp;
using domain::Job;
using domain::JobState;
using testing::BackendTest;

constexpr Timestamp kT0 = 1'000'000'000;  // the tests' "now", in microseconds
constexpr Timestamp kSecond = 1'000'000;

class SqlJobRepositoryTest : public BackendTest {
 protected:
  Job Enqueue(const std::string& kind, Timestamp run_after = kT0, int64_t max_attempts = 5) {
    Job job = domain::NewJob(kind, R"({"n":1})", run_after, max_attempts);
    auto tx = Begin(TxMode::kWrite);
    EXPECT_TRUE(tx->Jobs().Insert(job).ok());
    EXPECT_TRUE(tx->Commit().ok());
    return job;
  }

  // Claims in its own write transaction on `db` (default: the test's database).
  std::optional<Job> Claim(const std::string& owner, Timestamp now,
                           std::optional<std::vector<std::string>> kinds = std::nullopt,
                           Database* db = nullptr) {
    auto tx = (db ? db : db_.get())->Begin(TxMode::kWrite);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    if (!tx.ok()) return std::nullopt;
    auto job = (*tx)->Jobs().Claim(JobClaim{owner, now, now + 10 * kSecond, std::move(kinds)});
    EXPECT_TRUE(job.ok()) << job.status().ToString();
    EXPECT_TRUE((*tx)->Commit().ok());
    return job.ok() ? *job : std::nullopt;
  }

  Job Load(const std::string& id) {
    auto tx = Begin(TxMode::kRead);
    auto job = tx->Jobs().Find(id);
    EXPECT_TRUE(job.ok() && job->has_value()) << id;
    return job.ok() && job->has_value() ? **job : Job{};
  }
};

TEST_P(SqlJobRepositoryTest, InsertFindRoundTripsEveryField) {
  Job job = domain::NewJob("convert.csv", R"({"datafile":"abc"})", kT0, 3);
  job.progress_message = "queued";
  job.lease_owner = "w";
  job.lease_expires = kT0 + 5;
  job.result = R"({"x":[1,2]})";
  job.error = "earlier";
  job.updated_at = kT0 + 7;
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Jobs().Insert(job));
  TAIGA_ASSERT_OK(tx->Commit());
  {
    auto again = Begin(TxMode::kWrite);
    EXPECT_EQ(again->Jobs().Insert(job).code(), StatusCode::kAlreadyExists);
  }

  Job got = Load(job.id);
  EXPECT_EQ(got.id, job.id);
  EXPECT_EQ(got.kind, "convert.csv");
  EXPECT_EQ(got.payload, R"({"datafile":"abc"})");
  EXPECT_EQ(got.state, JobState::kPending);
  EXPECT_EQ(got.progress_current, 0);
  EXPECT_EQ(got.progress_total, 1);
  EXPECT_EQ(got.progress_message, "queued");
  EXPECT_EQ(got.attempts, 0);
  EXPECT_EQ(got.max_attempts, 3);
  EXPECT_EQ(got.run_after, kT0);
  EXPECT_EQ(got.lease_owner, "w");
  EXPECT_EQ(got.lease_expires, kT0 + 5);
  EXPECT_EQ(got.result, R"({"x":[1,2]})");
  EXPECT_EQ(got.error, "earlier");
  EXPECT_EQ(got.created_at, kT0);
  EXPECT_EQ(got.updated_at, kT0 + 7);

  auto read = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, read->Jobs().Find("00000000-0000-4000-8000-000000000000"));
  EXPECT_FALSE(none.has_value());
}

TEST_P(SqlJobRepositoryTest, AJobIsFoundRightAfterTheEnqueueingCommit) {
  std::unique_ptr<Database> other = SharedStorage() ? OpenDatabase() : nullptr;
  for (int i = 0; i < 20; ++i) {
    Job job = Enqueue("k");
    for (Database* db : {db_.get(), other.get()}) {
      if (db == nullptr) continue;
      auto tx = db->Begin(TxMode::kRead);
      ASSERT_TRUE(tx.ok());
      TAIGA_ASSERT_OK_AND_ASSIGN(auto found, (*tx)->Jobs().Find(job.id));
      EXPECT_TRUE(found.has_value());
    }
  }
}

TEST_P(SqlJobRepositoryTest, RolledBackEnqueueLeavesNoJob) {
  Job job = domain::NewJob("k", "{}", kT0);
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Jobs().Insert(job));
  }
  {
    auto read = Begin(TxMode::kRead);
    TAIGA_ASSERT_OK_AND_ASSIGN(auto none, read->Jobs().Find(job.id));
    EXPECT_FALSE(none.has_value());
  }
  EXPECT_FALSE(Claim("w", kT0).has_value());
}

TEST_P(SqlJobRepositoryTest, ClaimTakesTheOldestAndLeasesIt) {
  Job second = Enqueue("k", kT0 + 2);
  Job first = Enqueue("k", kT0 + 1);
  auto claimed = Claim("w1", kT0 + 10);
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->id, first.id);
  EXPECT_EQ(claimed->state, JobState::kStarted);
  EXPECT_EQ(claimed->attempts, 1);
  EXPECT_EQ(claimed->lease_owner, "w1");
  EXPECT_EQ(claimed->lease_expires, kT0 + 10 + 10 * kSecond);
  EXPECT_EQ(claimed->payload, R"({"n":1})");
  EXPECT_EQ(Load(first.id).state, JobState::kStarted);

  auto next = Claim("w2", kT0 + 10);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->id, second.id);
  EXPECT_FALSE(Claim("w3", kT0 + 10).has_value());
}

TEST_P(SqlJobRepositoryTest, RunAfterIsRespected) {
  Job later = Enqueue("k", kT0 + 60 * kSecond);
  EXPECT_FALSE(Claim("w", kT0).has_value());
  EXPECT_FALSE(Claim("w", kT0 + 60 * kSecond - 1).has_value());
  auto claimed = Claim("w", kT0 + 60 * kSecond);
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->id, later.id);
}

TEST_P(SqlJobRepositoryTest, ClaimOnlyTakesTheGivenKinds) {
  Job a = Enqueue("a", kT0 + 1);
  Job b = Enqueue("b", kT0 + 2);
  EXPECT_FALSE(Claim("w", kT0 + 10, std::vector<std::string>{}).has_value());
  EXPECT_FALSE(Claim("w", kT0 + 10, std::vector<std::string>{"c"}).has_value());
  auto got = Claim("w", kT0 + 10, std::vector<std::string>{"c", "b"});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, b.id);
  got = Claim("w", kT0 + 10, std::vector<std::string>{"a"});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, a.id);
}

TEST_P(SqlJobRepositoryTest, ProgressThenCompleteEndsTheLease) {
  Job job = Enqueue("k");
  ASSERT_TRUE(Claim("w", kT0).has_value());
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool reported, tx->Jobs().ReportProgress(job.id, "w", 5, 9, "line 5"));
  EXPECT_TRUE(reported);
  TAIGA_ASSERT_OK(tx->Commit());
  Job mid = Load(job.id);
  EXPECT_EQ(mid.state, JobState::kProgress);
  EXPECT_EQ(mid.progress_current, 5);
  EXPECT_EQ(mid.progress_total, 9);
  EXPECT_EQ(mid.progress_message, "line 5");

  tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool renewed, tx->Jobs().RenewLease(job.id, "w", kT0 + 99));
  EXPECT_TRUE(renewed);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool done, tx->Jobs().Complete(job.id, "w", R"({"ok":true})"));
  EXPECT_TRUE(done);
  TAIGA_ASSERT_OK(tx->Commit());
  Job end = Load(job.id);
  EXPECT_EQ(end.state, JobState::kSuccess);
  EXPECT_EQ(end.result, R"({"ok":true})");
  EXPECT_FALSE(end.lease_owner.has_value());
  EXPECT_FALSE(end.lease_expires.has_value());

  tx = Begin(TxMode::kWrite);  // nothing more changes a finished job
  TAIGA_ASSERT_OK_AND_ASSIGN(renewed, tx->Jobs().RenewLease(job.id, "w", kT0 + 99));
  EXPECT_FALSE(renewed);
  TAIGA_ASSERT_OK_AND_ASSIGN(done, tx->Jobs().Complete(job.id, "w", std::nullopt));
  EXPECT_FALSE(done);
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_FALSE(Claim("w2", kT0 + 1000 * kSecond).has_value());
}

TEST_P(SqlJobRepositoryTest, AnExpiredLeaseIsReclaimedAndTheLoserCanChangeNothing) {
  Job job = Enqueue("k");
  ASSERT_TRUE(Claim("a", kT0).has_value());  // lease until kT0 + 10 s
  EXPECT_FALSE(Claim("b", kT0 + 5 * kSecond).has_value());
  auto stolen = Claim("b", kT0 + 10 * kSecond);
  ASSERT_TRUE(stolen.has_value());
  EXPECT_EQ(stolen->id, job.id);
  EXPECT_EQ(stolen->attempts, 2);
  EXPECT_EQ(stolen->lease_owner, "b");

  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool renewed, tx->Jobs().RenewLease(job.id, "a", kT0 + 99 * kSecond));
  EXPECT_FALSE(renewed);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool reported, tx->Jobs().ReportProgress(job.id, "a", 1, 2, "x"));
  EXPECT_FALSE(reported);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool completed, tx->Jobs().Complete(job.id, "a", std::nullopt));
  EXPECT_FALSE(completed);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto failed, tx->Jobs().Fail(job.id, "a", "boom", std::nullopt));
  EXPECT_FALSE(failed.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t released, tx->Jobs().ReleaseLeases("a"));
  EXPECT_EQ(released, 0);
  TAIGA_ASSERT_OK(tx->Commit());
  Job now = Load(job.id);
  EXPECT_EQ(now.state, JobState::kStarted);
  EXPECT_EQ(now.lease_owner, "b");
  EXPECT_FALSE(now.error.has_value());
}

TEST_P(SqlJobRepositoryTest, FailRetriesWithRunAfterThenEndsAsFailure) {
  Job job = Enqueue("k", kT0, /*max_attempts=*/3);
  Timestamp now = kT0;
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto claimed = Claim("w", now);
    ASSERT_TRUE(claimed.has_value()) << attempt;
    EXPECT_EQ(claimed->attempts, attempt);
    auto tx = Begin(TxMode::kWrite);
    const Timestamp retry_at = now + 4 * kSecond;
    TAIGA_ASSERT_OK_AND_ASSIGN(
        auto state, tx->Jobs().Fail(job.id, "w", "flaky " + std::to_string(attempt), retry_at));
    TAIGA_ASSERT_OK(tx->Commit());
    ASSERT_TRUE(state.has_value());
    Job stored = Load(job.id);
    EXPECT_EQ(stored.error, "flaky " + std::to_string(attempt));
    EXPECT_FALSE(stored.lease_owner.has_value());
    if (attempt < 3) {
      EXPECT_EQ(*state, JobState::kPending);
      EXPECT_EQ(stored.state, JobState::kPending);
      EXPECT_EQ(stored.run_after, retry_at);
      EXPECT_FALSE(Claim("w", retry_at - 1).has_value());  // not before its retry time
      now = retry_at;
    } else {
      EXPECT_EQ(*state, JobState::kFailure);
      EXPECT_EQ(stored.state, JobState::kFailure);
    }
  }
  EXPECT_FALSE(Claim("w", now + 1000 * kSecond).has_value());
}

TEST_P(SqlJobRepositoryTest, FailWithoutRetryTimeIsFinalAtOnce) {
  Job job = Enqueue("k");
  ASSERT_TRUE(Claim("w", kT0).has_value());
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(
      auto state, tx->Jobs().Fail(job.id, "w", "This file appears to be empty.", std::nullopt));
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_EQ(state, JobState::kFailure);
  EXPECT_EQ(Load(job.id).error, "This file appears to be empty.");
  EXPECT_EQ(Load(job.id).attempts, 1);
}

TEST_P(SqlJobRepositoryTest, ReleaseLeasesHandsBackWithoutCountingTheAttempt) {
  Job mine = Enqueue("k", kT0 + 1);
  Job theirs = Enqueue("k", kT0 + 2);
  ASSERT_EQ(Claim("me", kT0 + 10)->id, mine.id);
  ASSERT_EQ(Claim("them", kT0 + 10)->id, theirs.id);
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t released, tx->Jobs().ReleaseLeases("me"));
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_EQ(released, 1);
  Job back = Load(mine.id);
  EXPECT_EQ(back.state, JobState::kPending);
  EXPECT_EQ(back.attempts, 0);
  EXPECT_FALSE(back.lease_owner.has_value());
  EXPECT_EQ(Load(theirs.id).lease_owner, "them");
  auto again = Claim("other", kT0 + 11);  // runnable at once, not after the lease
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, mine.id);
  EXPECT_EQ(again->attempts, 1);
}

TEST_P(SqlJobRepositoryTest, AJobWhoseWorkerDiedOnTheLastAttemptFails) {
  Job job = Enqueue("k", kT0, /*max_attempts=*/2);
  ASSERT_TRUE(Claim("a", kT0).has_value());
  ASSERT_TRUE(Claim("b", kT0 + 10 * kSecond).has_value());   // a died; attempt 2 of 2
  EXPECT_FALSE(Claim("c", kT0 + 20 * kSecond).has_value());  // b died too
  Job end = Load(job.id);
  EXPECT_EQ(end.state, JobState::kFailure);
  EXPECT_EQ(end.attempts, 2);
  EXPECT_NE(end.error.value_or("").find("stopped responding"), std::string::npos);
  EXPECT_FALSE(end.lease_owner.has_value());
}

TEST_P(SqlJobRepositoryTest, ConcurrentClaimersNeverGetTheSameJob) {
  constexpr int kJobs = 60;
  constexpr int kClaimers = 4;
  {
    auto tx = Begin(TxMode::kWrite);
    for (int i = 0; i < kJobs; ++i) {
      TAIGA_ASSERT_OK(tx->Jobs().Insert(domain::NewJob("k", "{}", kT0 + i)));
    }
    TAIGA_ASSERT_OK(tx->Commit());
  }
  // PostgreSQL: threads on one pool. SQLite file: two Database objects (as two processes would
  // have). SQLite ":memory:": threads on the one connection.
  std::vector<std::unique_ptr<Database>> extra;
  if (IsSqlite() && SharedStorage()) extra.push_back(OpenDatabase());
  std::mutex mu;
  std::vector<std::string> claimed;  // guarded by mu
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClaimers; ++t) {
    Database* db = extra.empty() || t % 2 == 0 ? db_.get() : extra[0].get();
    threads.emplace_back([&, db, t] {
      const std::string owner = "w" + std::to_string(t);
      for (int misses = 0; misses < 3 && errors < 100;) {
        auto tx = db->Begin(TxMode::kWrite);
        if (!tx.ok()) {
          ADD_FAILURE() << tx.status().ToString();
          ++errors;
          continue;
        }
        auto job = (*tx)->Jobs().Claim(JobClaim{owner, kT0 + kJobs, kT0 + 1000 * kSecond, {}});
        if (!job.ok()) {
          ADD_FAILURE() << job.status().ToString();
          ++errors;
          continue;
        }
        if (common::Status s = (*tx)->Commit(); !s.ok()) {
          ADD_FAILURE() << s.ToString();
          ++errors;
          continue;
        }
        if (!job->has_value()) {
          ++misses;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        claimed.push_back((*job)->id);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> distinct(claimed.begin(), claimed.end());
  EXPECT_EQ(claimed.size(), static_cast<size_t>(kJobs)) << errors.load() << " errors";
  EXPECT_EQ(distinct.size(), claimed.size());
  EXPECT_EQ(errors.load(), 0);
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlJobRepositoryTest);

}  // namespace
}  // namespace taiga::db

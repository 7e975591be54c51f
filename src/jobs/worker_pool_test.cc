// WorkerPool with fake job kinds against every database backend (db/sql/test_backend.h):
// retries, lease renewal, lost leases, exceptions, Notify, and shutdown hand-back.
#include "jobs/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "db/sql/test_backend.h"

namespace taiga::jobs {
namespace {

using namespace std::chrono_literals;
using domain::Job;
using domain::JobState;

// A kind whose Run is a test-supplied function; counts its calls.
class FakeKind final : public JobKind {
 public:
  FakeKind(std::string name, std::function<common::Status(JobContext&, int call)> run)
      : name_(std::move(name)), run_(std::move(run)) {}
  std::string_view name() const override { return name_; }
  common::Status Run(JobContext& context) override { return run_(context, ++calls_); }
  int calls() const { return calls_.load(); }

 private:
  std::string name_;
  std::function<common::Status(JobContext&, int)> run_;
  std::atomic<int> calls_{0};
};

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return done();
}

class WorkerPoolTest : public db::testing::BackendTest {
 protected:
  FakeKind* AddKind(std::string name, std::function<common::Status(JobContext&, int)> run) {
    auto kind = std::make_unique<FakeKind>(std::move(name), std::move(run));
    FakeKind* raw = kind.get();
    EXPECT_TRUE(registry_.Register(std::move(kind)).ok());
    return raw;
  }

  WorkerPoolOptions FastOptions() {
    WorkerPoolOptions o;
    o.threads = 2;
    o.lease = 2s;
    o.poll_interval = 10ms;
    o.retry_base = 10ms;
    o.retry_cap = 50ms;
    o.stop_grace = 2s;
    o.progress_interval = 0ms;
    return o;
  }

  Job Enqueue(const std::string& kind, int64_t max_attempts = 5) {
    Job job = domain::NewJob(kind, R"({"x":1})", clock_.Now(), max_attempts);
    auto tx = Begin(db::TxMode::kWrite);
    EXPECT_TRUE(tx->Jobs().Insert(job).ok());
    EXPECT_TRUE(tx->Commit().ok());
    return job;
  }

  Job Load(const std::string& id) {
    auto tx = Begin(db::TxMode::kRead);
    if (tx == nullptr) return Job{};
    auto job = tx->Jobs().Find(id);
    return job.ok() && job->has_value() ? **job : Job{};
  }

  bool WaitForState(const std::string& id, JobState state, std::chrono::milliseconds t = 5s) {
    return WaitFor([&] { return Load(id).state == state; }, t);
  }

  common::SystemClock clock_;
  JobRegistry registry_;
};

TEST_P(WorkerPoolTest, AFlakyJobIsRetriedWithBackoffUntilItSucceeds) {
  FakeKind* kind = AddKind("test.flaky", [](JobContext& ctx, int call) {
    if (call <= 2)
      return common::Unavailable("store unreachable (call " + std::to_string(call) + ")");
    ctx.SetResult(R"({"attempt":)" + std::to_string(ctx.attempt()) + "}");
    return common::Status::Ok();
  });
  WorkerPool pool(*db_, registry_, clock_, FastOptions());
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.flaky");
  pool.Notify();
  ASSERT_TRUE(WaitForState(job.id, JobState::kSuccess));
  Job done = Load(job.id);
  EXPECT_EQ(done.attempts, 3);
  EXPECT_EQ(done.result, R"({"attempt":3})");
  EXPECT_FALSE(done.error.has_value());
  EXPECT_EQ(kind->calls(), 3);
  EXPECT_EQ(domain::TaskStatusOf(done).message, "Task has successfully terminated");
}

TEST_P(WorkerPoolTest, RetriesEndInFailureAfterMaxAttempts) {
  AddKind("test.down", [](JobContext&, int) { return common::Unavailable("still down"); });
  WorkerPool pool(*db_, registry_, clock_, FastOptions());
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.down", /*max_attempts=*/3);
  ASSERT_TRUE(WaitForState(job.id, JobState::kFailure));
  Job failed = Load(job.id);
  EXPECT_EQ(failed.attempts, 3);
  EXPECT_EQ(failed.error, "still down");
  domain::TaskStatus status = domain::TaskStatusOf(failed);
  EXPECT_EQ(status.message, "still down");
  EXPECT_EQ(status.total, -1);
}

TEST_P(WorkerPoolTest, ThePoolsMaxAttemptsAlsoEndsRetries) {
  AddKind("test.down", [](JobContext&, int) { return common::Unavailable("still down"); });
  WorkerPoolOptions options = FastOptions();
  options.max_attempts = 2;
  WorkerPool pool(*db_, registry_, clock_, options);
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.down", /*max_attempts=*/5);
  ASSERT_TRUE(WaitForState(job.id, JobState::kFailure));
  EXPECT_EQ(Load(job.id).attempts, 2);
}

TEST_P(WorkerPoolTest, KindsRegisteredAfterConstructionButBeforeStartRun) {
  WorkerPool pool(*db_, registry_, clock_, FastOptions());
  AddKind("test.late", [](JobContext&, int) { return common::Status::Ok(); });
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.late");
  EXPECT_TRUE(WaitForState(job.id, JobState::kSuccess));
}

TEST_P(WorkerPoolTest, AnInputErrorFailsAtOnceWithItsMessage) {
  FakeKind* kind = AddKind("test.bad", [](JobContext&, int) {
    return common::InvalidArgument("On line 2: Expected 3 columns, but found 4 columns.");
  });
  WorkerPool pool(*db_, registry_, clock_, FastOptions());
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.bad");
  ASSERT_TRUE(WaitForState(job.id, JobState::kFailure));
  EXPECT_EQ(Load(job.id).error, "On line 2: Expected 3 columns, but found 4 columns.");
  EXPECT_EQ(Load(job.id).attempts, 1);
  EXPECT_EQ(kind->calls(), 1);
}

TEST_P(WorkerPoolTest, AnExceptionFailsTheAttemptAndTheWorkerGoesOn) {
  AddKind("test.throws",
          [](JobContext&, int) -> common::Status { throw std::runtime_error("boom"); });
  AddKind("test.ok", [](JobContext&, int) { return common::Status::Ok(); });
  WorkerPoolOptions options = FastOptions();
  options.threads = 1;
  WorkerPool pool(*db_, registry_, clock_, options);
  TAIGA_ASSERT_OK(pool.Start());
  Job bad = Enqueue("test.throws", /*max_attempts=*/2);
  ASSERT_TRUE(WaitForState(bad.id, JobState::kFailure));
  EXPECT_EQ(Load(bad.id).attempts, 2);  // Internal is retried
  EXPECT_EQ(Load(bad.id).error, "unexpected error: boom");
  Job good = Enqueue("test.ok");
  EXPECT_TRUE(WaitForState(good.id, JobState::kSuccess));
}

TEST_P(WorkerPoolTest, RenewalKeepsALongJobFromBeingStolen) {
  std::atomic<bool> finish{false};
  FakeKind* kind = AddKind("test.slow", [&](JobContext& ctx, int) {
    WaitFor([&] { return finish.load(); }, 10s);
    return ctx.cancelled() ? common::Unavailable("cancelled") : common::Status::Ok();
  });
  WorkerPoolOptions options = FastOptions();
  options.lease = 300ms;
  options.renew_every = 60ms;
  WorkerPool pool(*db_, registry_, clock_, options);
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.slow");
  ASSERT_TRUE(WaitForState(job.id, JobState::kStarted));
  // A thief claims over and over for three lease lengths; renewal keeps the lease alive.
  const auto until = std::chrono::steady_clock::now() + 900ms;
  while (std::chrono::steady_clock::now() < until) {
    auto tx = Begin(db::TxMode::kWrite);
    ASSERT_NE(tx, nullptr);
    auto stolen = tx->Jobs().Claim(db::JobClaim{"thief", clock_.Now(), clock_.Now() + 1'000'000,
                                                std::vector<std::string>{"test.slow"}});
    ASSERT_TRUE(stolen.ok()) << stolen.status().ToString();
    EXPECT_FALSE(stolen->has_value());
    TAIGA_ASSERT_OK(tx->Commit());
    tx.reset();
    std::this_thread::sleep_for(20ms);
  }
  finish = true;
  ASSERT_TRUE(WaitForState(job.id, JobState::kSuccess));
  EXPECT_EQ(Load(job.id).attempts, 1);
  EXPECT_EQ(kind->calls(), 1);
}

TEST_P(WorkerPoolTest, ALostLeaseStopsTheJobAndDiscardsItsOutcome) {
  std::atomic<bool> saw_lost{false};
  AddKind("test.lost", [&](JobContext& ctx, int) {
    for (int i = 0; i < 400 && !saw_lost; ++i) {
      if (ctx.ReportProgress(i, 400, "working").code() == common::StatusCode::kFailedPrecondition) {
        saw_lost = ctx.cancelled();
      }
      std::this_thread::sleep_for(10ms);
    }
    return common::Status::Ok();  // would be SUCCESS if the outcome were kept
  });
  WorkerPoolOptions options = FastOptions();
  options.threads = 1;
  options.lease = 200ms;
  options.renew_every = 60s;  // no renewal: the lease runs out
  WorkerPool pool(*db_, registry_, clock_, options);
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.lost");
  ASSERT_TRUE(WaitForState(job.id, JobState::kProgress));
  std::this_thread::sleep_for(250ms);
  {
    auto tx = Begin(db::TxMode::kWrite);
    auto stolen = tx->Jobs().Claim(db::JobClaim{"thief", clock_.Now(), clock_.Now() + 60'000'000,
                                                std::vector<std::string>{"test.lost"}});
    ASSERT_TRUE(stolen.ok() && stolen->has_value());
    TAIGA_ASSERT_OK(tx->Commit());
  }
  ASSERT_TRUE(WaitFor([&] { return saw_lost.load(); }));
  ASSERT_TRUE(WaitFor([&] { return pool.busy() == 0; }));
  Job now = Load(job.id);
  EXPECT_EQ(now.state, JobState::kStarted);
  EXPECT_EQ(now.lease_owner, "thief");
  EXPECT_EQ(now.attempts, 2);
}

TEST_P(WorkerPoolTest, ProgressShowsInTheTaskStatus) {
  std::atomic<bool> finish{false};
  AddKind("test.progress", [&](JobContext& ctx, int) {
    common::Status s = ctx.ReportProgress(5, 10, "Conversion in progress, line 5");
    if (!s.ok()) return s;
    WaitFor([&] { return finish.load(); });
    return common::Status::Ok();
  });
  WorkerPool pool(*db_, registry_, clock_, FastOptions());
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.progress");
  ASSERT_TRUE(WaitForState(job.id, JobState::kProgress));
  domain::TaskStatus status = domain::TaskStatusOf(Load(job.id));
  EXPECT_EQ(status.message, "Conversion in progress, line 5");
  EXPECT_EQ(status.current, 5);
  EXPECT_EQ(status.total, 10);
  finish = true;
  EXPECT_TRUE(WaitForState(job.id, JobState::kSuccess));
}

TEST_P(WorkerPoolTest, NotifyStartsAJobWithoutWaitingForThePoll) {
  AddKind("test.ok", [](JobContext&, int) { return common::Status::Ok(); });
  WorkerPoolOptions options = FastOptions();
  options.poll_interval = 30s;
  WorkerPool pool(*db_, registry_, clock_, options);
  TAIGA_ASSERT_OK(pool.Start());
  std::this_thread::sleep_for(50ms);  // the workers found nothing and sleep
  Job job = Enqueue("test.ok");
  pool.JobsEnqueued();
  EXPECT_TRUE(WaitForState(job.id, JobState::kSuccess, 3s));
}

TEST_P(WorkerPoolTest, StopHandsBackARunningJobWithoutCountingTheAttempt) {
  std::atomic<bool> running{false};
  AddKind("test.cancellable", [&](JobContext& ctx, int) {
    running = true;
    WaitFor([&] { return ctx.cancelled(); }, 10s);
    return common::Unavailable("interrupted");
  });
  auto pool = std::make_unique<WorkerPool>(*db_, registry_, clock_, FastOptions());
  TAIGA_ASSERT_OK(pool->Start());
  Job job = Enqueue("test.cancellable");
  ASSERT_TRUE(WaitFor([&] { return running.load(); }));
  pool->Stop();
  Job back = Load(job.id);
  EXPECT_EQ(back.state, JobState::kPending);
  EXPECT_EQ(back.attempts, 0);
  EXPECT_FALSE(back.lease_owner.has_value());
  EXPECT_FALSE(back.error.has_value());
}

TEST_P(WorkerPoolTest, StopHandsBackAJobThatIgnoresCancellationAfterTheGrace) {
  std::atomic<bool> running{false};
  AddKind("test.stubborn", [&](JobContext&, int) {
    running = true;
    std::this_thread::sleep_for(600ms);
    return common::Status::Ok();
  });
  WorkerPoolOptions options = FastOptions();
  options.stop_grace = 100ms;
  WorkerPool pool(*db_, registry_, clock_, options);
  TAIGA_ASSERT_OK(pool.Start());
  Job job = Enqueue("test.stubborn");
  ASSERT_TRUE(WaitFor([&] { return running.load(); }));
  pool.Stop();  // releases after 100 ms, then joins; the late success is discarded
  Job back = Load(job.id);
  EXPECT_EQ(back.state, JobState::kPending);
  EXPECT_EQ(back.attempts, 0);
}

TEST_P(WorkerPoolTest, OnlyRegisteredKindsAreClaimed) {
  AddKind("test.ok", [](JobContext&, int) { return common::Status::Ok(); });
  WorkerPool pool(*db_, registry_, clock_, FastOptions());
  TAIGA_ASSERT_OK(pool.Start());
  Job foreign = Enqueue("someone.else");
  Job mine = Enqueue("test.ok");
  ASSERT_TRUE(WaitForState(mine.id, JobState::kSuccess));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(Load(foreign.id).state, JobState::kPending);
  EXPECT_EQ(Load(foreign.id).attempts, 0);
}

TEST_P(WorkerPoolTest, ZeroThreadsOrNoKindsStartsNothingAndStartTwiceIsRefused) {
  Job job = Enqueue("test.ok");
  {
    WorkerPool empty(*db_, registry_, clock_, FastOptions());  // no kinds registered
    TAIGA_EXPECT_OK(empty.Start());
    EXPECT_EQ(empty.Start().code(), common::StatusCode::kFailedPrecondition);
  }
  AddKind("test.ok", [](JobContext&, int) { return common::Status::Ok(); });
  WorkerPoolOptions options = FastOptions();
  options.threads = 0;
  WorkerPool none(*db_, registry_, clock_, options);
  TAIGA_EXPECT_OK(none.Start());
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(Load(job.id).state, JobState::kPending);
  none.Stop();
}

TEST_P(WorkerPoolTest, TwoPoolsRunEveryJobExactlyOnce) {
  std::mutex mu;
  std::map<std::string, int> runs;  // guarded by mu
  AddKind("test.count", [&](JobContext& ctx, int) {
    std::lock_guard<std::mutex> lock(mu);
    ++runs[ctx.job_id()];
    return common::Status::Ok();
  });
  std::unique_ptr<db::Database> other = SharedStorage() ? OpenDatabase() : nullptr;
  WorkerPool a(*db_, registry_, clock_, FastOptions());
  WorkerPool b(other ? *other : *db_, registry_, clock_, FastOptions());
  std::vector<std::string> ids;
  {
    auto tx = Begin(db::TxMode::kWrite);
    for (int i = 0; i < 30; ++i) {
      Job job = domain::NewJob("test.count", "{}", clock_.Now());
      ids.push_back(job.id);
      TAIGA_ASSERT_OK(tx->Jobs().Insert(job));
    }
    TAIGA_ASSERT_OK(tx->Commit());
  }
  TAIGA_ASSERT_OK(a.Start());
  TAIGA_ASSERT_OK(b.Start());
  for (const auto& id : ids) ASSERT_TRUE(WaitForState(id, JobState::kSuccess)) << id;
  a.Stop();
  b.Stop();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(runs.size(), ids.size());
  for (const auto& [id, n] : runs) EXPECT_EQ(n, 1) << id;
}

TAIGA_INSTANTIATE_BACKEND_TEST(WorkerPoolTest);

}  // namespace
}  // namespace taiga::jobs

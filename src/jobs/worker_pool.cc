#include "jobs/worker_pool.h"

#include <unistd.h>

#include <exception>
#include <utility>

#include "common/log.h"
#include "common/random.h"
#include "jobs/job_write.h"
#include "jobs/retry_policy.h"

namespace taiga::jobs {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr std::chrono::seconds kErrorLogEvery(10);  // a database outage logs once per this

std::string DefaultOwner() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "localhost") + ":" + std::to_string(getpid()) + ":" +
         common::RandomHex(3);
}

common::Timestamp After(const common::Clock& clock, milliseconds delay) {
  return clock.Now() + duration_cast<microseconds>(delay).count();
}

// Runs one attempt; the catch-all for job code (STYLE.md: the worker loop is one of the two).
common::Status RunGuarded(JobKind& kind, JobContext& context) {
  try {
    return kind.Run(context);
  } catch (const std::exception& e) {
    return common::Internal(std::string("unexpected error: ") + e.what());
  } catch (...) {
    return common::Internal("unexpected error of an unknown type");
  }
}

}  // namespace

WorkerPool::WorkerPool(db::Database& db, const JobRegistry& registry, const common::Clock& clock,
                       WorkerPoolOptions options)
    : db_(db),
      registry_(registry),
      clock_(clock),
      options_(std::move(options)),
      owner_prefix_(options_.owner.empty() ? DefaultOwner() : options_.owner),
      renewer_(db, clock, options_.lease,
               options_.renew_every.count() > 0 ? options_.renew_every : options_.lease / 3) {}

WorkerPool::~WorkerPool() { Stop(); }

common::Status WorkerPool::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (started_) return common::FailedPrecondition("the worker pool was already started");
  started_ = true;
  kinds_ = registry_.Kinds();
  if (options_.threads <= 0 || kinds_.empty()) {
    common::LogInfo("background workers not started",
                    {{"reason", options_.threads <= 0 ? "workers.threads is 0"
                                                      : "no job kinds are registered"}});
    return common::Status::Ok();
  }
  renewer_.Start();
  for (int i = 0; i < options_.threads; ++i) {
    owners_.push_back(owner_prefix_ + "/w" + std::to_string(i));
  }
  for (const std::string& owner : owners_) {
    threads_.emplace_back([this, &owner] { WorkerLoop(owner); });
  }
  std::string kinds;
  for (const auto& k : kinds_) kinds += (kinds.empty() ? "" : ",") + k;
  common::LogInfo(
      "background workers started",
      {{"threads", std::to_string(options_.threads)}, {"owner", owner_prefix_}, {"kinds", kinds}});
  return common::Status::Ok();
}

void WorkerPool::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++generation_;
  }
  wake_.notify_all();
}

int WorkerPool::busy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return busy_;
}

std::vector<std::string> WorkerPool::owners() const {
  std::lock_guard<std::mutex> lock(mu_);
  return owners_;
}

void WorkerPool::Stop() {
  std::vector<std::thread> threads;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!started_ || stopped_) return;
    stopped_ = true;
    stopping_.store(true);
    wake_.notify_all();
    if (!idle_.wait_for(lock, options_.stop_grace, [this] { return busy_ == 0; })) {
      common::LogWarn("jobs still running after the stop grace; handing them back",
                      {{"jobs", std::to_string(busy_)}});
    }
    threads.swap(threads_);
  }
  for (const std::string& owner : owners_) {
    auto released =
        WriteJobs<int64_t>(db_, [&](db::JobRepository& jobs) { return jobs.ReleaseLeases(owner); });
    if (!released.ok()) {
      common::LogWarn("could not hand back running jobs; they run again when their lease ends",
                      {{"owner", owner}, {"error", released.status().ToString()}});
    } else if (*released > 0) {
      common::LogInfo("handed back running jobs",
                      {{"owner", owner}, {"jobs", std::to_string(*released)}});
    }
  }
  for (auto& t : threads) t.join();
  renewer_.Stop();
}

void WorkerPool::WorkerLoop(const std::string& owner) {
  std::chrono::steady_clock::time_point last_error_log{};
  while (!stopping_.load()) {
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen = generation_;
    }
    bool ran = false;
    try {
      ran = RunOne(owner, &last_error_log);
    } catch (const std::exception& e) {
      common::LogError("worker loop error", {{"owner", owner}, {"error", e.what()}});
    } catch (...) {
      common::LogError("worker loop error of an unknown type", {{"owner", owner}});
    }
    if (!ran) WaitForWork(seen);
  }
}

void WorkerPool::WaitForWork(uint64_t seen_generation) {
  std::unique_lock<std::mutex> lock(mu_);
  wake_.wait_for(lock, options_.poll_interval,
                 [&] { return stopping_.load() || generation_ != seen_generation; });
}

bool WorkerPool::RunOne(const std::string& owner,
                        std::chrono::steady_clock::time_point* last_error_log) {
  // Busy from before the claim until the outcome is recorded, so Stop waits for a job claimed
  // just as it began.
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++busy_;
  }
  struct Idle {
    WorkerPool* pool;
    ~Idle() {
      {
        std::lock_guard<std::mutex> lock(pool->mu_);
        --pool->busy_;
      }
      pool->idle_.notify_all();
    }
  } idle{this};
  const common::Timestamp now = clock_.Now();
  db::JobClaim claim{owner, now, now + duration_cast<microseconds>(options_.lease).count(), kinds_};
  auto claimed = WriteJobs<std::optional<domain::Job>>(
      db_, [&](db::JobRepository& jobs) { return jobs.Claim(claim); });
  if (!claimed.ok()) {
    const auto t = std::chrono::steady_clock::now();
    if (t - *last_error_log >= kErrorLogEvery) {
      *last_error_log = t;
      common::LogWarn("could not claim a job",
                      {{"owner", owner}, {"error", claimed.status().ToString()}});
    }
    return false;
  }
  if (!claimed->has_value()) return false;
  Execute(owner, std::move(**claimed));
  return true;
}

void WorkerPool::Execute(const std::string& owner, domain::Job job) {
  JobKind* kind = registry_.Find(job.kind);
  auto context = std::make_shared<WorkerJobContext>(db_, std::move(job), owner, stopping_,
                                                    options_.progress_interval);
  const domain::Job& j = context->job();
  common::LogInfo("job started",
                  {{"job_id", j.id}, {"kind", j.kind}, {"attempt", std::to_string(j.attempts)}});
  renewer_.Add(context);
  const auto started = std::chrono::steady_clock::now();
  common::Status status =
      kind != nullptr ? RunGuarded(*kind, *context)
                      : common::FailedPrecondition("no job kind '" + j.kind + "' in this worker");
  renewer_.Remove(context.get());
  const auto ms = duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
  common::LogInfo("job ran", {{"job_id", j.id},
                              {"kind", j.kind},
                              {"ok", status.ok() ? "true" : "false"},
                              {"ms", std::to_string(ms.count())}});
  Finish(*context, status);
}

void WorkerPool::Finish(WorkerJobContext& context, const common::Status& status) {
  const domain::Job& job = context.job();
  const std::string& owner = context.owner();
  if (context.lease_lost()) {
    common::LogWarn("job lost its lease while running; its outcome is discarded",
                    {{"job_id", job.id}, {"kind", job.kind}});
    return;
  }
  if (status.ok()) {
    auto held = WriteJobs<bool>(db_, [&](db::JobRepository& jobs) {
      return jobs.Complete(job.id, owner, context.result());
    });
    if (!held.ok() || !*held) {
      common::LogWarn(
          "could not record a finished job; it will run again",
          {{"job_id", job.id}, {"error", held.ok() ? "lease lost" : held.status().ToString()}});
    }
    return;
  }
  if (stopping_.load()) {  // interrupted by shutdown: hand it back, this attempt not counted
    auto released =
        WriteJobs<int64_t>(db_, [&](db::JobRepository& jobs) { return jobs.ReleaseLeases(owner); });
    common::LogInfo("job interrupted by shutdown; handed back",
                    {{"job_id", job.id}, {"ok", released.ok() ? "true" : "false"}});
    return;
  }
  std::optional<common::Timestamp> retry_at;
  if (IsRetryable(status) && job.attempts < options_.max_attempts) {
    retry_at = After(clock_, RetryDelay(job.attempts, options_.retry_base, options_.retry_cap));
  }
  auto state = WriteJobs<std::optional<domain::JobState>>(db_, [&](db::JobRepository& jobs) {
    return jobs.Fail(job.id, owner, status.message(), retry_at);
  });
  if (!state.ok() || !state->has_value()) {
    common::LogWarn("could not record a failed job", {{"job_id", job.id}});
    return;
  }
  const bool retrying = **state == domain::JobState::kPending;
  common::LogWarn(retrying ? "job failed; will retry" : "job failed",
                  {{"job_id", job.id},
                   {"kind", job.kind},
                   {"attempt", std::to_string(job.attempts)},
                   {"error", status.ToString()}});
}

}  // namespace taiga::jobs

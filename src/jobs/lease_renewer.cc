#include "jobs/lease_renewer.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "common/log.h"
#include "jobs/job_write.h"

namespace taiga::jobs {

void LeaseRenewer::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void LeaseRenewer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LeaseRenewer::Add(std::shared_ptr<WorkerJobContext> context) {
  std::lock_guard<std::mutex> lock(mu_);
  running_.push_back(std::move(context));
}

void LeaseRenewer::Remove(const WorkerJobContext* context) {
  std::lock_guard<std::mutex> lock(mu_);
  running_.erase(std::remove_if(running_.begin(), running_.end(),
                                [&](const auto& c) { return c.get() == context; }),
                 running_.end());
}

void LeaseRenewer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (wake_.wait_for(lock, every_, [this] { return stop_; })) break;
    lock.unlock();
    try {
      RenewAll();
    } catch (const std::exception& e) {
      common::LogError("job lease renewal failed", {{"error", e.what()}});
    }
    lock.lock();
  }
}

void LeaseRenewer::RenewAll() {
  std::vector<std::shared_ptr<WorkerJobContext>> running;
  {
    std::lock_guard<std::mutex> lock(mu_);
    running = running_;
  }
  for (const auto& context : running) {
    if (context->lease_lost()) continue;
    const common::Timestamp until =
        clock_.Now() + std::chrono::duration_cast<std::chrono::microseconds>(lease_).count();
    auto held = WriteJobs<bool>(db_, [&](db::JobRepository& jobs) {
      return jobs.RenewLease(context->job().id, context->owner(), until);
    });
    if (!held.ok()) {
      // The lease runs on; the next pass tries again before it expires.
      common::LogWarn("could not renew a job lease",
                      {{"job_id", context->job().id}, {"error", held.status().ToString()}});
    } else if (!*held) {
      common::LogWarn("a job lost its lease; stopping it",
                      {{"job_id", context->job().id}, {"kind", context->job().kind}});
      context->MarkLeaseLost();
    }
  }
}

}  // namespace taiga::jobs

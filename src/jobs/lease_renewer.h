// LeaseRenewer: one background thread of a WorkerPool that extends the lease of every job the
// pool is running, every `every`, to now + `lease`. When a renewal finds the lease gone (the
// job was reclaimed after the lease expired, e.g. while the database was unreachable), it marks
// that job's context so the job stops and its outcome is discarded. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "db/database.h"
#include "jobs/worker_job_context.h"

namespace taiga::jobs {

class LeaseRenewer {
 public:
  // `db` and `clock` must outlive the renewer.
  LeaseRenewer(db::Database& db, const common::Clock& clock, std::chrono::milliseconds lease,
               std::chrono::milliseconds every)
      : db_(db), clock_(clock), lease_(lease), every_(every) {}
  ~LeaseRenewer() { Stop(); }

  void Start();
  // Joins the thread; the jobs still listed are no longer renewed. Idempotent.
  void Stop();
  // Renews `context`'s lease from now on, until Remove.
  void Add(std::shared_ptr<WorkerJobContext> context);
  void Remove(const WorkerJobContext* context);

 private:
  void Loop();
  void RenewAll();

  db::Database& db_;
  const common::Clock& clock_;
  const std::chrono::milliseconds lease_;
  const std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable wake_;                            // guarded by mu_
  bool stop_ = false;                                       // guarded by mu_
  std::vector<std::shared_ptr<WorkerJobContext>> running_;  // guarded by mu_
  std::thread thread_;
};

}  // namespace taiga::jobs

// PeriodicEnqueuer: enqueues one job of a kind per period (e.g. a cleanup every 10 minutes),
// however many processes run it: the job id is derived from the kind and the period, so a
// second insert of the same period is refused by the database and ignored. Start/Stop from
// one thread; the background thread is internal.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "common/clock.h"
#include "common/status.h"
#include "db/database.h"

namespace taiga::jobs {

class PeriodicEnqueuer {
 public:
  PeriodicEnqueuer(db::Database& db, const common::Clock& clock, std::string kind,
                   std::chrono::seconds period);
  ~PeriodicEnqueuer();

  // Enqueues this period's job now (if not yet there) and then once per period.
  void Start();
  void Stop();
  // Enqueues the current period's job unless it exists. Errors: Unavailable.
  common::Status EnqueueCurrent();

  // The job id of the period containing `now` (a UUID-shaped digest of kind and period).
  std::string JobIdFor(common::Timestamp now) const;

 private:
  db::Database& db_;
  const common::Clock& clock_;
  const std::string kind_;
  const std::chrono::seconds period_;
  std::mutex mu_;  // guards stop_
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace taiga::jobs

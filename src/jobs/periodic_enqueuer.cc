#include "jobs/periodic_enqueuer.h"

#include "common/hash.h"
#include "common/log.h"
#include "domain/job.h"

namespace taiga::jobs {

PeriodicEnqueuer::PeriodicEnqueuer(db::Database& db, const common::Clock& clock, std::string kind,
                                   std::chrono::seconds period)
    : db_(db), clock_(clock), kind_(std::move(kind)), period_(period) {}

PeriodicEnqueuer::~PeriodicEnqueuer() { Stop(); }

std::string PeriodicEnqueuer::JobIdFor(common::Timestamp now) const {
  const int64_t bucket = now / (static_cast<int64_t>(period_.count()) * 1000000);
  const std::string h = common::Sha256Hex(kind_ + "@" + std::to_string(bucket));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-8" + h.substr(17, 3) +
         "-" + h.substr(20, 12);
}

common::Status PeriodicEnqueuer::EnqueueCurrent() {
  const auto now = clock_.Now();
  domain::Job job = domain::NewJob(kind_, "{}", now);
  job.id = JobIdFor(now);
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto existing, tx->Jobs().Find(job.id));
  if (existing) return common::Status::Ok();
  auto inserted = tx->Jobs().Insert(job);
  if (inserted.code() == common::StatusCode::kAlreadyExists) return common::Status::Ok();
  TAIGA_RETURN_IF_ERROR(inserted);
  return tx->Commit();
}

void PeriodicEnqueuer::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      auto s = EnqueueCurrent();
      if (!s.ok()) common::LogWarn("could not enqueue a periodic job", {{"kind", kind_}, {"error", s.message()}});
      lock.lock();
      wake_.wait_for(lock, period_, [this] { return stop_; });
    }
  });
}

void PeriodicEnqueuer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace taiga::jobs

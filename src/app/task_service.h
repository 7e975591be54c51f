// TaskService: what clients poll about a background job (GET /api/task_status/{id}): its
// state, progress message and counts as Taiga 2 reported them (domain::TaskStatusOf). Any
// signed-in caller may poll any task id, as in Taiga 2. One read transaction per call, so a job
// is visible as soon as the transaction that enqueued it has committed. Thread-safe.
#pragma once

#include <string>

#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/job.h"

namespace taiga::app {

class TaskService {
 public:
  explicit TaskService(db::Database& db) : db_(db) {}

  // The status of task `task_id`. Errors: Unauthenticated, NotFound (no such task: unlike
  // Taiga 2, an unknown id is not reported as forever PENDING), Unavailable.
  common::Result<domain::TaskStatus> Status(const RequestContext& ctx, const std::string& task_id);

 private:
  db::Database& db_;
};

}  // namespace taiga::app

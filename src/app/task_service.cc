#include "app/task_service.h"

#include "app/access_policy.h"

namespace taiga::app {

common::Result<domain::TaskStatus> TaskService::Status(const RequestContext& ctx,
                                                       const std::string& task_id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto job, tx->Jobs().Find(task_id));
  if (!job) return common::NotFound("no task with id '" + task_id + "'");
  return domain::TaskStatusOf(*job);
}

}  // namespace taiga::app

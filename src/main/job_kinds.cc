#include "main/job_kinds.h"

namespace taiga::main {

common::Status RegisterJobKinds(ServiceGraph& graph) {
  // One line per kind (src/jobs/<kind>_job.h), in the form
  // TAIGA_RETURN_IF_ERROR(graph.JobKinds().Register(std::make_unique<jobs::SomeJob>(...)))
  // with the services from `graph` the kind needs. No kind is registered yet.
  (void)graph;
  return common::Status::Ok();
}

}  // namespace taiga::main

#include "app/health_service.h"

namespace taiga::app {

common::Status HealthService::CheckReady() {
  common::Status s = db_.Ping();
  if (!s.ok()) return common::Unavailable("database (" + db_.BackendName() + "): " + s.message());
  // A metadata lookup of a key that need not exist: cheap, and it needs the store to answer.
  auto probe = blobs_.Stat("readyz/probe");
  if (!probe.ok()) {
    return common::Unavailable("blob store (" + blobs_.Name() + "): " + probe.status().message());
  }
  return common::Status::Ok();
}

}  // namespace taiga::app

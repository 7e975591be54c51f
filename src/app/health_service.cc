#include "app/health_service.h"

namespace taiga::app {

common::Status HealthService::CheckReady() {
  common::Status s = db_.Ping();
  if (!s.ok()) return common::Unavailable("database (" + db_.BackendName() + "): " + s.message());
  return s;
}

}  // namespace taiga::app

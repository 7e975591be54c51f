#include "http/api.h"

#include "http/handlers/datafile_handlers.h"
#include "http/handlers/dataset_handlers.h"
#include "http/handlers/folder_handlers.h"
#include "http/handlers/grant_handlers.h"
#include "http/handlers/group_handlers.h"
#include "http/handlers/health_handlers.h"
#include "http/handlers/session_handlers.h"
#include "http/handlers/task_handlers.h"
#include "http/handlers/upload_handlers.h"
#include "http/handlers/user_handlers.h"
#include "http/handlers/version_handlers.h"

namespace taiga::http {

std::unique_ptr<Dispatcher> BuildApi(ApiServices& services, const Authenticator& auth,
                                     DispatcherOptions options) {
  auto root = std::make_unique<Router>();
  AddHealthRoutes(*root, services);
  auto prefixed = std::make_unique<Router>();
  SessionCookie cookie({options.prefix, options.public_url.rfind("https://", 0) == 0,
                        auth.options().trusted_proxies});
  AddSessionRoutes(*prefixed, services, auth, std::move(cookie), options.prefix);
  AddUserRoutes(*prefixed, services);
  AddFolderRoutes(*prefixed, services);
  AddGroupRoutes(*prefixed, services);
  AddGrantRoutes(*prefixed, services);
  AddTaskRoutes(*prefixed, services);
  AddDatasetRoutes(*prefixed, services);
  AddVersionRoutes(*prefixed, services);
  AddUploadRoutes(*prefixed, services);
  AddDatafileRoutes(*prefixed, services);
  return std::make_unique<Dispatcher>(std::move(options), std::move(root), std::move(prefixed),
                                      auth);
}

}  // namespace taiga::http

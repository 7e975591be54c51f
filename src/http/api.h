// BuildApi: registers every route of the server in its routing tables and returns the
// Dispatcher that serves them. The single place that lists which handlers exist.
#pragma once

#include <memory>

#include "http/api_services.h"
#include "http/dispatcher.h"
#include "http/middleware/authenticator.h"

namespace taiga::http {

std::unique_ptr<Dispatcher> BuildApi(ApiServices& services, const Authenticator& auth,
                                     DispatcherOptions options);

}  // namespace taiga::http

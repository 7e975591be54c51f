// ContentTypeFor: the Content-Type header of a static file of the web UI, by its extension
// (case-insensitive). Text types carry "; charset=utf-8"; anything unknown is
// application/octet-stream. Pure function, thread-safe.
#pragma once

#include <string_view>

namespace taiga::web {

std::string_view ContentTypeFor(std::string_view path);

}  // namespace taiga::web

// The Content-Disposition header of a download (RFC 6266 / RFC 8187), used by the S3 presigned
// URLs (response-content-disposition) and by the local store's blob handler. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace taiga::blob {

// `attachment; filename="<ASCII fallback>"`, followed by `; filename*=UTF-8''<percent-encoded>`
// when the name is not plain printable ASCII (or holds '"', '\' or '%'). In the fallback every
// such character (each UTF-8 sequence) becomes '_'. An empty name gives just "attachment".
std::string ContentDispositionAttachment(std::string_view file_name);

}  // namespace taiga::blob

// Turns a failed S3 response (status + XML error body) into a Status, at the adapter boundary:
// NoSuchKey/NoSuchUpload/404 → NotFound, AccessDenied/SignatureDoesNotMatch/InvalidAccessKeyId/
// token and clock errors/403 → PermissionDenied, NoSuchBucket → FailedPrecondition,
// InvalidRange → InvalidArgument, 409 → Conflict, 5xx/SlowDown → Unavailable, other 4xx →
// Internal (a request we built wrong). Pure, thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace taiga::blob {

// `what` names the operation and key for the message ("GetObject blobs/ab/…").
common::Status S3ErrorToStatus(long http_status, std::string_view body, std::string_view what);

// True when the body of a 200 answer is an <Error> document (CopyObject and
// CompleteMultipartUpload may fail that way after sending 200).
bool IsS3ErrorBody(std::string_view body);

}  // namespace taiga::blob

// S3 errors as the embedded endpoint answers them: a code ("NoSuchUpload"), the HTTP status S3
// gives it, and the XML body (<Error><Code>…</Code><Message>…</Message>…</Error>). Inside the
// endpoint an S3 error travels as a common::Status whose message starts with "<Code>: " (the
// convention of blob/sigv4_verifier.h), made by S3Status. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace taiga::s3api {

struct S3Error {
  std::string code;     // e.g. "SignatureDoesNotMatch"
  std::string message;  // for the person who sent the request
};

// The HTTP status of an S3 error code (400 for codes this table does not know).
int S3ErrorHttpStatus(std::string_view code);

// A Status carrying `code` (with a StatusCode that matches its HTTP status class).
common::Status S3Status(std::string_view code, std::string message);

// The S3 error a Status stands for: its "<Code>: " prefix when it has one, else a code chosen
// by its StatusCode (NotFound → NoSuchKey, Unavailable → ServiceUnavailable, …).
S3Error S3ErrorFromStatus(const common::Status& status);

// The XML error document.
std::string S3ErrorXml(const S3Error& error, std::string_view resource,
                       std::string_view request_id);

}  // namespace taiga::s3api

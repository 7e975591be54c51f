// S3Payload: the body of an upload request as the client signed it. Streams the decoded bytes to
// a sink — aws-chunked bodies (STREAMING-* payload hashes) decoded with their chunk and trailer
// signatures checked — computes any x-amz-checksum-* (header or trailer) on the way, and checks
// the x-amz-content-sha256 hash and Content-MD5 against the digests of what was stored. Any
// error means the bytes must not be kept. One per request; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "blob/aws_chunked_decoder.h"
#include "blob/sigv4_verifier.h"
#include "common/byte_exchange.h"
#include "common/result.h"
#include "s3api/checksum.h"

namespace taiga::s3api {

class S3Payload {
 public:
  using Sink = std::function<common::Status(std::string_view)>;

  // Reads what the headers promise about the body. An x-amz-checksum-<alg> header is checked
  // only when `checksum_header` (object and part bodies; for CompleteMultipartUpload it is the
  // object's checksum, not the body's). Errors (S3 codes): InvalidDigest (bad Content-MD5),
  // InvalidRequest (unknown checksum algorithm or trailer), EntityTooLarge (announced size over
  // max_bytes).
  static common::Result<S3Payload> Open(const common::ByteExchange& exchange,
                                        const blob::SigV4VerifiedRequest& signature,
                                        uint64_t max_bytes, bool checksum_header = true);

  // Streams the whole decoded body into `sink`. Errors (S3 codes): IncompleteBody (the body
  // ended early or its framing is wrong), SignatureDoesNotMatch (a chunk signature),
  // EntityTooLarge, BadDigest (an x-amz-checksum-* mismatch), or the sink's error.
  common::Status Stream(common::ByteExchange& exchange, const Sink& sink);

  // Checks the digests of the stored bytes (lowercase hex) against x-amz-content-sha256 and
  // Content-MD5. Errors: XAmzContentSHA256Mismatch, BadDigest.
  common::Status CheckDigests(std::string_view sha256_hex, std::string_view md5_hex) const;

  uint64_t size() const { return size_; }
  // The decoded body length the headers announce (x-amz-decoded-content-length, else
  // Content-Length of a plain body); nullopt when only the end of the body will tell.
  std::optional<uint64_t> announced_size() const { return announced_; }

 private:
  S3Payload() = default;
  common::Status CheckChecksum();

  uint64_t max_bytes_ = 0;
  std::optional<std::string> sha256_hex_;   // signed x-amz-content-sha256
  std::optional<std::string> md5_hex_;      // Content-MD5
  std::optional<uint64_t> decoded_length_;  // x-amz-decoded-content-length
  std::optional<uint64_t> announced_;
  std::optional<blob::AwsChunkedDecoder> chunked_;
  std::optional<Checksum> checksum_;
  std::string checksum_header_;                // x-amz-checksum-<alg>
  std::optional<std::string> checksum_value_;  // from the header; else from the trailers
  uint64_t size_ = 0;
};

}  // namespace taiga::s3api

// AwsChunkedDecoder: decodes a Content-Encoding: aws-chunked request body incrementally, in any
// slicing, with bounded memory: "<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n" … a zero-size
// chunk, then trailing headers ("name:value\r\n", and x-amz-trailer-signature when signed) and an
// empty line. Signed modes check every chunk signature (SigV4ChunkSigner) and the trailer
// signature. Decoded bytes go to the sink as they arrive, before their chunk's signature can be
// checked: on any error the caller must discard what it wrote (e.g. not commit its BlobWriter).
// One per body; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "blob/sigv4_canonical_request.h"
#include "blob/sigv4_chunk_signer.h"
#include "blob/stream_hasher.h"
#include "common/result.h"

namespace taiga::blob {

enum class AwsChunkedMode {
  kSigned,               // STREAMING-AWS4-HMAC-SHA256-PAYLOAD
  kSignedWithTrailer,    // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
  kUnsignedWithTrailer,  // STREAMING-UNSIGNED-PAYLOAD-TRAILER
};

// The mode for an x-amz-content-sha256 value; nullopt when it is not a STREAMING-* value we know.
std::optional<AwsChunkedMode> AwsChunkedModeFor(std::string_view content_sha256);

class AwsChunkedDecoder {
 public:
  using Sink = std::function<common::Status(std::string_view decoded)>;

  // `signer` is required for the signed modes (seeded from the verified request) and ignored
  // for kUnsignedWithTrailer.
  AwsChunkedDecoder(AwsChunkedMode mode, std::optional<SigV4ChunkSigner> signer);

  // Consumes the next encoded bytes. Errors: InvalidArgument ("IncompleteBody: …" or
  // "InvalidChunkSizeError: …") for bad framing, Unauthenticated ("SignatureDoesNotMatch: …")
  // for a wrong chunk or trailer signature, or the sink's own error. After an error the decoder
  // refuses further input.
  common::Status Feed(std::string_view encoded, const Sink& sink);
  // Ok when the body ended exactly after its final chunk and trailers. InvalidArgument
  // ("IncompleteBody: …") otherwise.
  common::Status Finish() const;

  bool done() const { return state_ == State::kDone; }
  uint64_t decoded_size() const { return decoded_size_; }
  // Trailing headers (lower-case names, trimmed values) without x-amz-trailer-signature.
  const HttpHeaders& trailers() const { return trailers_; }

 private:
  enum class State { kSizeLine, kData, kDataEnd, kTrailerLine, kDone, kFailed };

  common::Status OnSizeLine(std::string_view line);
  common::Status OnDataEnd();
  common::Status OnTrailerLine(std::string_view line);
  common::Status Fail(common::Status status);

  AwsChunkedMode mode_;
  std::optional<SigV4ChunkSigner> signer_;
  State state_ = State::kSizeLine;
  std::string line_;        // the partial header/trailer line
  uint64_t remaining_ = 0;  // data bytes left in the current chunk
  std::string chunk_signature_;
  StreamHasher chunk_hasher_{StreamHasher::Algorithms::kSha256};
  uint64_t chunk_count_ = 0;
  uint64_t decoded_size_ = 0;
  HttpHeaders trailers_;
  std::string canonical_trailers_;
  std::string trailer_signature_;
};

}  // namespace taiga::blob

// SigV4ChunkSigner: the chained signatures of an aws-chunked body
// (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]). Chunk n is signed over
//   "AWS4-HMAC-SHA256-PAYLOAD\n" date "\n" scope "\n" previous-signature "\n" hash("") "\n"
//   hash(chunk)
// with the request's Authorization signature as the first "previous"; the trailer over
//   "AWS4-HMAC-SHA256-TRAILER\n" date "\n" scope "\n" previous-signature "\n" hash(trailers).
// Used by clients to sign and by the embedded S3 endpoint to verify. One per body; not
// thread-safe. Holds the signing key: never log it.
#pragma once

#include <string>
#include <string_view>

namespace taiga::blob {

class SigV4ChunkSigner {
 public:
  // signing_key: raw DeriveSigningKey output; seed_signature: hex signature of the request.
  SigV4ChunkSigner(std::string signing_key, std::string amz_date, std::string scope,
                   std::string seed_signature);

  // The string to sign of a chunk whose data hashes to `chunk_sha256_hex`, after `previous`.
  std::string ChunkStringToSign(std::string_view chunk_sha256_hex) const;
  // Signs the next chunk (hex SHA-256 of its data) and makes it the previous signature.
  std::string NextChunkSignature(std::string_view chunk_sha256_hex);
  // Signs the trailing headers, given in canonical form ("name:value\n" per header, lower-case
  // names, in the order sent), after the final (empty) chunk. Does not advance the chain.
  std::string TrailerSignature(std::string_view canonical_trailers) const;

  const std::string& previous_signature() const { return previous_; }

 private:
  std::string signing_key_;
  std::string amz_date_;
  std::string scope_;
  std::string previous_;
};

}  // namespace taiga::blob

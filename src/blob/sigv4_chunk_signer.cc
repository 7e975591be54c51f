#include "blob/sigv4_chunk_signer.h"

#include <utility>

#include "blob/sigv4_crypto.h"
#include "common/hash.h"

namespace taiga::blob {

SigV4ChunkSigner::SigV4ChunkSigner(std::string signing_key, std::string amz_date, std::string scope,
                                   std::string seed_signature)
    : signing_key_(std::move(signing_key)),
      amz_date_(std::move(amz_date)),
      scope_(std::move(scope)),
      previous_(std::move(seed_signature)) {}

std::string SigV4ChunkSigner::ChunkStringToSign(std::string_view chunk_sha256_hex) const {
  std::string sts = "AWS4-HMAC-SHA256-PAYLOAD\n";
  sts.append(amz_date_).append("\n").append(scope_).append("\n").append(previous_).append("\n");
  sts.append(kEmptySha256).append("\n").append(chunk_sha256_hex);
  return sts;
}

std::string SigV4ChunkSigner::NextChunkSignature(std::string_view chunk_sha256_hex) {
  previous_ = HmacSha256Hex(signing_key_, ChunkStringToSign(chunk_sha256_hex));
  return previous_;
}

std::string SigV4ChunkSigner::TrailerSignature(std::string_view canonical_trailers) const {
  std::string sts = "AWS4-HMAC-SHA256-TRAILER\n";
  sts.append(amz_date_).append("\n").append(scope_).append("\n").append(previous_).append("\n");
  sts.append(common::Sha256Hex(canonical_trailers));
  return HmacSha256Hex(signing_key_, sts);
}

}  // namespace taiga::blob

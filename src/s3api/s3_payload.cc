#include "s3api/s3_payload.h"

#include <charconv>
#include <memory>

#include "blob/sigv4_chunk_signer.h"
#include "common/hex.h"
#include "s3api/s3_error.h"

namespace taiga::s3api {
namespace {

constexpr size_t kBufferBytes = 1 << 20;
constexpr std::string_view kChecksumPrefix = "x-amz-checksum-";

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// The S3 error for a failed ReadBody.
common::Status BodyError(const common::Status& s) {
  if (s.code() == common::StatusCode::kPayloadTooLarge)
    return S3Status("EntityTooLarge", s.message());
  return S3Status("IncompleteBody", "the request body is incomplete: " + s.message());
}

}  // namespace

common::Result<S3Payload> S3Payload::Open(const common::ByteExchange& exchange,
                                          const blob::SigV4VerifiedRequest& signature,
                                          uint64_t max_bytes, bool checksum_header) {
  S3Payload p;
  p.max_bytes_ = max_bytes;
  const std::string& hash = signature.payload_hash;
  if (common::IsLowerHex(hash, 64)) p.sha256_hex_ = hash;
  if (auto mode = blob::AwsChunkedModeFor(hash)) {
    std::optional<blob::SigV4ChunkSigner> signer;
    if (*mode != blob::AwsChunkedMode::kUnsignedWithTrailer) {
      signer.emplace(signature.signing_key, signature.amz_date, signature.scope,
                     signature.signature);
    }
    p.chunked_.emplace(*mode, std::move(signer));
    if (auto v = exchange.Header("x-amz-decoded-content-length")) {
      uint64_t n = 0;
      auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
      if (ec != std::errc() || end != v->data() + v->size()) {
        return S3Status("InvalidArgument", "x-amz-decoded-content-length is not a number");
      }
      p.decoded_length_ = n;
    }
  }
  const std::optional<uint64_t> announced = p.decoded_length_ ? p.decoded_length_
                                            : p.chunked_      ? std::nullopt
                                                              : exchange.ContentLength();
  p.announced_ = announced;
  if (announced && *announced > max_bytes) {
    return S3Status("EntityTooLarge", "the object has " + std::to_string(*announced) +
                                          " bytes; the most this endpoint accepts in one "
                                          "request is " +
                                          std::to_string(max_bytes));
  }
  if (auto md5 = exchange.Header("content-md5")) {
    std::string raw;
    if (!Base64Decode(Trim(*md5), &raw) || raw.size() != 16) {
      return S3Status("InvalidDigest",
                      "the Content-MD5 you specified is not valid base64 of 16 bytes");
    }
    p.md5_hex_ = common::HexEncode(raw);
  }
  // An additional checksum: as a header, or announced in x-amz-trailer for the trailers.
  for (const auto& [name, value] : exchange.Headers()) {
    if (checksum_header && name.compare(0, kChecksumPrefix.size(), kChecksumPrefix) == 0 &&
        name != "x-amz-checksum-type" && name != "x-amz-checksum-mode" &&
        name != "x-amz-checksum-algorithm") {
      p.checksum_header_ = name;
      p.checksum_value_ = Trim(value);
    }
  }
  if (auto trailer = exchange.Header("x-amz-trailer")) {
    const std::string t = blob::LowerAscii(Trim(*trailer));
    if (t.compare(0, kChecksumPrefix.size(), kChecksumPrefix) != 0 || !p.chunked_) {
      return S3Status("InvalidRequest",
                      "x-amz-trailer may only name an x-amz-checksum-* "
                      "trailer of an aws-chunked body, not " +
                          t);
    }
    p.checksum_header_ = t;
    p.checksum_value_.reset();
  }
  if (!p.checksum_header_.empty()) {
    const std::string algorithm = p.checksum_header_.substr(kChecksumPrefix.size());
    p.checksum_ = Checksum::For(algorithm);
    if (!p.checksum_) {
      return S3Status("InvalidRequest", p.checksum_header_ +
                                            " is not supported here; use "
                                            "crc32, crc32c, sha1 or sha256");
    }
  }
  return p;
}

common::Status S3Payload::Stream(common::ByteExchange& exchange, const Sink& sink) {
  std::unique_ptr<char[]> buffer(new char[kBufferBytes]);  // not zeroed: recv fills it
  const Sink counted = [&](std::string_view bytes) -> common::Status {
    size_ += bytes.size();
    if (size_ > max_bytes_) {
      return S3Status("EntityTooLarge",
                      "the object is larger than " + std::to_string(max_bytes_) + " bytes");
    }
    if (checksum_) checksum_->Update(bytes);
    return sink(bytes);
  };
  while (true) {
    auto n = exchange.ReadBody(buffer.get(), kBufferBytes);
    if (!n.ok()) return BodyError(n.status());
    if (*n == 0) break;
    const std::string_view bytes(buffer.get(), *n);
    TAIGA_RETURN_IF_ERROR(chunked_ ? chunked_->Feed(bytes, counted) : counted(bytes));
  }
  if (chunked_) TAIGA_RETURN_IF_ERROR(chunked_->Finish());
  if (decoded_length_ && *decoded_length_ != size_) {
    return S3Status("IncompleteBody", "x-amz-decoded-content-length announced " +
                                          std::to_string(*decoded_length_) +
                                          " bytes; the body had " + std::to_string(size_));
  }
  return CheckChecksum();
}

common::Status S3Payload::CheckChecksum() {
  if (!checksum_) return common::Status::Ok();
  if (!checksum_value_ && chunked_) {
    for (const auto& [name, value] : chunked_->trailers()) {
      if (name == checksum_header_) checksum_value_ = value;
    }
  }
  if (!checksum_value_) {
    return S3Status("InvalidRequest",
                    "the trailer " + checksum_header_ + " was announced but not sent");
  }
  if (checksum_->Base64Digest() != *checksum_value_) {
    return S3Status("BadDigest", "the " + checksum_header_ +
                                     " you specified did not match the calculated checksum");
  }
  return common::Status::Ok();
}

common::Status S3Payload::CheckDigests(std::string_view sha256_hex,
                                       std::string_view md5_hex) const {
  if (sha256_hex_ && *sha256_hex_ != sha256_hex) {
    return S3Status("XAmzContentSHA256Mismatch",
                    "the provided 'x-amz-content-sha256' header does not match what was computed");
  }
  if (md5_hex_ && *md5_hex_ != md5_hex) {
    return S3Status("BadDigest", "the Content-MD5 you specified did not match what we received");
  }
  return common::Status::Ok();
}

}  // namespace taiga::s3api

#include "blob/aws_chunked_decoder.h"

#include <utility>

#include "blob/sigv4_crypto.h"
#include "common/hex.h"

namespace taiga::blob {
namespace {

constexpr size_t kMaxLine = 8192;
constexpr uint64_t kMaxChunkSize = uint64_t{1} << 40;

common::Status Incomplete(const std::string& why) {
  return common::InvalidArgument("IncompleteBody: " + why);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<AwsChunkedMode> AwsChunkedModeFor(std::string_view content_sha256) {
  if (content_sha256 == kStreamingSignedPayload) return AwsChunkedMode::kSigned;
  if (content_sha256 == kStreamingSignedPayloadTrailer) return AwsChunkedMode::kSignedWithTrailer;
  if (content_sha256 == kStreamingUnsignedPayloadTrailer) {
    return AwsChunkedMode::kUnsignedWithTrailer;
  }
  return std::nullopt;
}

AwsChunkedDecoder::AwsChunkedDecoder(AwsChunkedMode mode, std::optional<SigV4ChunkSigner> signer)
    : mode_(mode), signer_(std::move(signer)) {
  if (mode_ != AwsChunkedMode::kUnsignedWithTrailer && !signer_) {
    state_ = State::kFailed;  // a programming error: Feed reports it
  }
}

common::Status AwsChunkedDecoder::Fail(common::Status status) {
  state_ = State::kFailed;
  return status;
}

common::Status AwsChunkedDecoder::Feed(std::string_view in, const Sink& sink) {
  while (!in.empty()) {
    switch (state_) {
      case State::kFailed:
        return common::FailedPrecondition(
            "the aws-chunked body failed earlier (or a signed mode has no signer)");
      case State::kDone:
        return Fail(Incomplete("bytes after the end of the aws-chunked body"));
      case State::kData: {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, in.size()));
        std::string_view piece = in.substr(0, n);
        if (signer_) chunk_hasher_.Update(piece);
        decoded_size_ += n;
        remaining_ -= n;
        in.remove_prefix(n);
        if (remaining_ == 0) state_ = State::kDataEnd;
        common::Status s = sink(piece);
        if (!s.ok()) return Fail(std::move(s));
        break;
      }
      case State::kSizeLine:
      case State::kDataEnd:
      case State::kTrailerLine: {
        const size_t nl = in.find('\n');
        const size_t take = nl == std::string_view::npos ? in.size() : nl + 1;
        line_.append(in.substr(0, take));
        in.remove_prefix(take);
        if (line_.size() > kMaxLine) return Fail(Incomplete("a chunk line is too long"));
        if (nl == std::string_view::npos) break;
        if (line_.size() < 2 || line_[line_.size() - 2] != '\r') {
          return Fail(Incomplete("chunk lines must end with CRLF"));
        }
        std::string line = std::move(line_);
        line_.clear();
        line.resize(line.size() - 2);
        common::Status s = state_ == State::kSizeLine ? OnSizeLine(line)
                           : state_ == State::kDataEnd
                               ? (line.empty() ? OnDataEnd()
                                               : Incomplete("chunk data is longer "
                                                            "than its size"))
                               : OnTrailerLine(line);
        if (!s.ok()) return Fail(std::move(s));
        break;
      }
    }
  }
  return common::Status::Ok();
}

common::Status AwsChunkedDecoder::OnSizeLine(std::string_view line) {
  const size_t semi = line.find(';');
  std::string_view hex = line.substr(0, semi);
  if (hex.empty() || hex.size() > 16) {
    return common::InvalidArgument("InvalidChunkSizeError: bad chunk size line");
  }
  uint64_t size = 0;
  for (char c : hex) {
    int v = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (v < 0) return common::InvalidArgument("InvalidChunkSizeError: bad chunk size line");
    size = size * 16 + static_cast<uint64_t>(v);
  }
  if (size > kMaxChunkSize)
    return common::InvalidArgument("InvalidChunkSizeError: chunk too large");
  chunk_signature_.clear();
  if (signer_) {
    constexpr std::string_view kSig = ";chunk-signature=";
    std::string_view rest = semi == std::string_view::npos ? std::string_view() : line.substr(semi);
    if (rest.substr(0, kSig.size()) != kSig || !common::IsLowerHex(rest.substr(kSig.size()), 64)) {
      return Incomplete("chunk " + std::to_string(chunk_count_ + 1) +
                        " has no valid chunk-signature");
    }
    chunk_signature_ = std::string(rest.substr(kSig.size()));
  }
  remaining_ = size;
  if (size > 0) {
    state_ = State::kData;
    return common::Status::Ok();
  }
  // The final chunk: check its signature now (its data is empty), then the trailers follow.
  if (signer_) {
    common::Status s = OnDataEnd();
    if (!s.ok()) return s;
  }
  state_ = State::kTrailerLine;
  return common::Status::Ok();
}

common::Status AwsChunkedDecoder::OnDataEnd() {
  ++chunk_count_;
  if (signer_) {
    const std::string expected = signer_->NextChunkSignature(chunk_hasher_.Finish().sha256);
    if (!ConstantTimeEquals(expected, chunk_signature_)) {
      return common::Unauthenticated("SignatureDoesNotMatch: the signature of chunk " +
                                     std::to_string(chunk_count_) + " does not match");
    }
  }
  if (state_ == State::kDataEnd) state_ = State::kSizeLine;
  return common::Status::Ok();
}

common::Status AwsChunkedDecoder::OnTrailerLine(std::string_view line) {
  if (!line.empty()) {
    if (mode_ == AwsChunkedMode::kSigned)
      return Incomplete("trailing headers in a body without trailers");
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return Incomplete("bad trailer line");
    std::string name = LowerAscii(Trim(line.substr(0, colon)));
    std::string value(Trim(line.substr(colon + 1)));
    if (name == "x-amz-trailer-signature") {
      if (!trailer_signature_.empty() || !common::IsLowerHex(value, 64)) {
        return Incomplete("bad or repeated x-amz-trailer-signature");
      }
      trailer_signature_ = std::move(value);
      return common::Status::Ok();
    }
    if (!trailer_signature_.empty()) return Incomplete("trailers after x-amz-trailer-signature");
    canonical_trailers_.append(name).append(":").append(value).append("\n");
    trailers_.emplace_back(std::move(name), std::move(value));
    return common::Status::Ok();
  }
  if (mode_ == AwsChunkedMode::kSignedWithTrailer) {
    if (trailer_signature_.empty()) return Incomplete("x-amz-trailer-signature is missing");
    if (!ConstantTimeEquals(signer_->TrailerSignature(canonical_trailers_), trailer_signature_)) {
      return common::Unauthenticated("SignatureDoesNotMatch: the trailer signature does not match");
    }
  } else if (!trailer_signature_.empty()) {
    return Incomplete("x-amz-trailer-signature in an unsigned body");
  }
  state_ = State::kDone;
  return common::Status::Ok();
}

common::Status AwsChunkedDecoder::Finish() const {
  if (state_ == State::kDone) return common::Status::Ok();
  return Incomplete("the aws-chunked body ended before its final chunk and trailers");
}

}  // namespace taiga::blob

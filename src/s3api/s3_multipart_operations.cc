#include "s3api/s3_multipart_operations.h"

#include <charconv>
#include <memory>
#include <vector>

#include "blob/local/local_blob_store.h"
#include "common/hash.h"
#include "common/hex.h"
#include "s3api/s3_error.h"
#include "s3api/s3_payload.h"
#include "s3api/s3_xml.h"

namespace taiga::s3api {
namespace {

constexpr size_t kCopyBytes = 1 << 20;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string HexToBytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

common::Status InvalidPart(int number) {
  return S3Status("InvalidPart",
                  "part " + std::to_string(number) +
                      " could not be found: it was not uploaded, or the ETag you gave does not "
                      "match the part's");
}

}  // namespace

S3MultipartOperations::S3MultipartOperations(blob::BlobStore& store, S3MultipartLimits limits)
    : store_(store), uploads_(store), limits_(limits) {
  if (auto* local = dynamic_cast<blob::LocalBlobStore*>(&store_)) slots_.emplace(*local);
}

common::Result<MultipartUpload> S3MultipartOperations::FindOwn(const S3Call& call,
                                                               const std::string& upload_id) {
  TAIGA_RETURN_IF_ERROR(CheckKeyAccess(call, call.request.key));
  TAIGA_ASSIGN_OR_RETURN(MultipartUpload upload, uploads_.Find(upload_id));
  if (upload.key != call.request.key) {
    return S3Status("NoSuchUpload",
                    "the multipart upload " + upload_id + " is not for key " + call.request.key);
  }
  if (upload.owner_prefix != call.principal.scope.prefix) {
    return S3Status("AccessDenied",
                    "the multipart upload " + upload_id + " was started with other credentials");
  }
  return upload;
}

common::Status S3MultipartOperations::Create(S3Call& call) {
  TAIGA_RETURN_IF_ERROR(CheckKeyAccess(call, call.request.key));
  TAIGA_ASSIGN_OR_RETURN(MultipartUpload upload,
                         uploads_.Create(call.request.key, call.principal.scope.prefix, call.now));
  call.respond.Xml(200,
                   InitiateMultipartUploadResultXml(call.request.bucket, upload.key, upload.id));
  return common::Status::Ok();
}

common::Status S3MultipartOperations::UploadPart(S3Call& call, const std::string& upload_id,
                                                 const std::string& part_number) {
  int number = 0;
  auto [end, ec] =
      std::from_chars(part_number.data(), part_number.data() + part_number.size(), number);
  if (ec != std::errc() || end != part_number.data() + part_number.size() || number < 1 ||
      number > 10000) {
    return S3Status("InvalidArgument", "partNumber must be an integer from 1 to 10000");
  }
  TAIGA_ASSIGN_OR_RETURN(MultipartUpload upload, FindOwn(call, upload_id));
  TAIGA_ASSIGN_OR_RETURN(S3Payload payload, S3Payload::Open(call.exchange, call.principal.signature,
                                                            limits_.max_part_bytes));
  if (slots_) {
    TAIGA_ASSIGN_OR_RETURN(std::optional<blob::WriteResult> in_slot,
                           slots_->Upload(call, payload, upload.id, number));
    if (in_slot) {
      call.respond.Headers(200, {{"ETag", Quoted(in_slot->md5)}});
      return common::Status::Ok();
    }
  }
  const std::string staging = uploads_.StagingKey(upload.id, call.now);
  TAIGA_ASSIGN_OR_RETURN(blob::WriteResult part, StoreVerifiedBody(call, payload, store_, staging));
  if (auto s = store_.Move(staging, uploads_.PartKey(upload.id, number, part.md5)); !s.ok()) {
    (void)store_.Delete(staging);
    return s;
  }
  call.respond.Headers(200, {{"ETag", Quoted(part.md5)}});
  return common::Status::Ok();
}

common::Result<blob::LocalBlobRange> S3MultipartOperations::FindPart(const MultipartUpload& upload,
                                                                     int number,
                                                                     const std::string& etag) {
  if (!common::IsLowerHex(etag, 32)) return InvalidPart(number);
  if (slots_) {
    TAIGA_ASSIGN_OR_RETURN(std::optional<blob::LocalBlobRange> slot,
                           slots_->Find(upload.id, number, etag));
    if (slot) return *slot;
  }
  const std::string key = uploads_.PartKey(upload.id, number, etag);
  TAIGA_ASSIGN_OR_RETURN(std::optional<blob::BlobStat> stat, store_.Stat(key));
  if (!stat) return InvalidPart(number);
  return blob::LocalBlobRange{key, 0, stat->size};
}

common::Status S3MultipartOperations::Concatenate(const std::vector<blob::LocalBlobRange>& parts,
                                                  const std::string& key) {
  if (auto* local = dynamic_cast<blob::LocalBlobStore*>(&store_)) {
    auto size = local->Concatenate(parts, key);
    if (size.status().code() == common::StatusCode::kNotFound) {
      return S3Status("InvalidPart", "a part of the upload is gone: " + size.status().message());
    }
    return size.status();
  }
  TAIGA_ASSIGN_OR_RETURN(auto writer, store_.Write(key));
  auto buffer = std::make_unique<char[]>(kCopyBytes);
  for (const blob::LocalBlobRange& part : parts) {
    TAIGA_ASSIGN_OR_RETURN(auto reader, store_.Read(part.key, part.offset, part.length));
    while (true) {
      TAIGA_ASSIGN_OR_RETURN(size_t n, reader->Read(buffer.get(), kCopyBytes));
      if (n == 0) break;
      TAIGA_RETURN_IF_ERROR(writer->Write(std::string_view(buffer.get(), n)));
    }
  }
  return writer->Commit().status();
}

common::Result<std::string> S3MultipartOperations::ReadCompleteBody(S3Call& call) {
  TAIGA_ASSIGN_OR_RETURN(S3Payload payload, S3Payload::Open(call.exchange, call.principal.signature,
                                                            limits_.max_complete_body_bytes,
                                                            /*checksum_header=*/false));
  std::string body;
  TAIGA_RETURN_IF_ERROR(payload.Stream(call.exchange, [&](std::string_view b) {
    body.append(b);
    return common::Status::Ok();
  }));
  TAIGA_RETURN_IF_ERROR(payload.CheckDigests(common::Sha256Hex(body), common::Md5Hex(body)));
  return body;
}

common::Status S3MultipartOperations::Complete(S3Call& call, const std::string& upload_id) {
  TAIGA_ASSIGN_OR_RETURN(MultipartUpload upload, FindOwn(call, upload_id));
  TAIGA_ASSIGN_OR_RETURN(std::string body, ReadCompleteBody(call));
  TAIGA_ASSIGN_OR_RETURN(std::vector<CompletedPart> parts, ParseCompleteMultipartUpload(body));
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].number <= parts[i - 1].number) {
      return S3Status("InvalidPartOrder", "the list of parts was not in ascending order: part " +
                                              std::to_string(parts[i].number) + " follows part " +
                                              std::to_string(parts[i - 1].number));
    }
  }
  std::vector<blob::LocalBlobRange> ranges;
  std::string md5s;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string etag = blob::LowerAscii(parts[i].etag);
    TAIGA_ASSIGN_OR_RETURN(blob::LocalBlobRange range, FindPart(upload, parts[i].number, etag));
    if (i + 1 < parts.size() && *range.length < limits_.min_part_bytes) {
      return S3Status("EntityTooSmall", "part " + std::to_string(parts[i].number) + " has " +
                                            std::to_string(*range.length) +
                                            " bytes; every part but the last needs at least " +
                                            std::to_string(limits_.min_part_bytes));
    }
    ranges.push_back(std::move(range));
    md5s += HexToBytes(etag);
  }
  bool published = false;
  if (slots_) {
    TAIGA_ASSIGN_OR_RETURN(published, slots_->TryPublish(upload.id, ranges, upload.key));
  }
  if (!published) {
    const std::string staging = uploads_.StagingKey(upload.id, call.now);
    TAIGA_RETURN_IF_ERROR(Concatenate(ranges, staging));
    TAIGA_RETURN_IF_ERROR(PublishStaged(store_, staging, upload.key));
  }
  const std::string etag = Quoted(common::Md5Hex(md5s) + "-" + std::to_string(parts.size()));
  call.respond.Xml(200, CompleteMultipartUploadResultXml(call.request.path, call.request.bucket,
                                                         upload.key, etag));
  // After the answer (the client need not wait for it); leftovers are removed by Cleanup.
  (void)uploads_.Remove(upload.id);
  return common::Status::Ok();
}

common::Status S3MultipartOperations::Abort(S3Call& call, const std::string& upload_id) {
  TAIGA_ASSIGN_OR_RETURN(MultipartUpload upload, FindOwn(call, upload_id));
  TAIGA_RETURN_IF_ERROR(uploads_.Remove(upload.id));
  call.respond.Headers(204);
  return common::Status::Ok();
}

}  // namespace taiga::s3api

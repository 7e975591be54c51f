#include "s3api/embedded_s3_endpoint.h"

#include <chrono>
#include <set>

#include "common/log.h"
#include "common/random.h"
#include "s3api/s3_error.h"

namespace taiga::s3api {
namespace {

// Query parameters that are not S3 subresources we would have to implement.
bool IsPlainParameter(std::string_view name) {
  static const std::set<std::string_view> kPlain = {"partNumber", "uploadId", "uploads", "x-id",
                                                    "versionId"};
  return kPlain.count(name) > 0 || name.substr(0, 6) == "X-Amz-";
}

common::Status NotImplemented(const std::string& what) {
  return S3Status("NotImplemented", what +
                                        " is not implemented by Taiga's upload endpoint; it "
                                        "supports PutObject, HeadObject and multipart uploads");
}

}  // namespace

EmbeddedS3Endpoint::EmbeddedS3Endpoint(EmbeddedS3EndpointOptions options, blob::BlobStore& store,
                                       const blob::EmbeddedCredentialIssuer& issuer,
                                       const common::Clock& clock)
    : options_(std::move(options)),
      store_(store),
      clock_(clock),
      auth_(issuer, clock),
      multipart_(store, S3MultipartLimits{options_.max_object_bytes, options_.min_part_bytes}) {}

uint64_t EmbeddedS3Endpoint::max_request_bytes() const {
  return options_.max_object_bytes + options_.max_object_bytes / 256 + (1 << 20);
}

common::Result<int> EmbeddedS3Endpoint::Cleanup(common::Timestamp now, int64_t max_age_seconds) {
  return multipart_.uploads().Cleanup(now, max_age_seconds);
}

void EmbeddedS3Endpoint::Preflight(common::ByteExchange& exchange, S3Responder& respond) {
  const std::string requested(exchange.Header("access-control-request-headers").value_or(""));
  common::HeaderList h = {{"Access-Control-Allow-Methods", "PUT, POST, GET, HEAD, DELETE"},
                          {"Access-Control-Max-Age", "3000"}};
  if (!requested.empty()) h.emplace_back("Access-Control-Allow-Headers", requested);
  respond.Headers(200, std::move(h));
}

void EmbeddedS3Endpoint::Handle(common::ByteExchange& exchange) {
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = common::RandomHex(8);
  std::string operation = "Unknown";
  auto request = ParseS3Request(exchange, options_.route_prefix);
  S3Responder respond(exchange, request_id, request.ok() ? request->path : "");
  common::Status status;
  if (exchange.Method() == "OPTIONS") {
    operation = "Preflight";
    Preflight(exchange, respond);
  } else if (!request.ok()) {
    status = request.status();
  } else {
    try {
      status = Serve(exchange, *request, respond, &operation);
    } catch (const std::exception& e) {
      status =
          S3Status("InternalError", std::string("we encountered an internal error: ") + e.what());
    }
  }
  if (!status.ok() && respond.status() == 0) {
    if (status.code() == common::StatusCode::kInternal) {
      common::LogError("s3 endpoint error",
                       {{"request_id", request_id}, {"error", status.message()}});
    }
    respond.Error(status);
  }
  if (!options_.access_log) return;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  common::LogInfo("s3 request", {{"operation", operation},
                                 {"key", request.ok() ? request->key : ""},
                                 {"status", std::to_string(respond.status())},
                                 {"error", respond.error_code()},
                                 {"us", std::to_string(micros)},
                                 {"remote", std::string(exchange.RemoteAddress())},
                                 {"request_id", request_id}});
}

common::Status EmbeddedS3Endpoint::Serve(common::ByteExchange& exchange, const S3Request& request,
                                         S3Responder& respond, std::string* operation) {
  TAIGA_ASSIGN_OR_RETURN(S3Principal principal, auth_.Authenticate(request.ToSigV4()));
  S3Call call{exchange, request, principal, respond, clock_.Now()};
  if (request.bucket.empty()) return NotImplemented("ListBuckets");
  if (request.bucket != options_.bucket) {
    return S3Status("NoSuchBucket", "the bucket " + request.bucket +
                                        " does not exist; uploads go to " + options_.bucket);
  }
  if (request.key.empty()) return NotImplemented("Bucket-level " + request.method);
  for (const auto& [name, value] : request.query) {
    if (!IsPlainParameter(name)) return NotImplemented("The ?" + name + " subresource");
  }
  const std::string& m = request.method;
  const auto upload_id = request.Query("uploadId");
  const auto part = request.Query("partNumber");
  if (m == "PUT" && exchange.Header("x-amz-copy-source")) return NotImplemented("Copying objects");
  if (m == "PUT" && upload_id && part) {
    *operation = "UploadPart";
    return multipart_.UploadPart(call, *upload_id, *part);
  }
  if (m == "PUT" && !upload_id && !part) {
    *operation = "PutObject";
    return PutObject(call);
  }
  if (m == "POST" && request.Query("uploads") && !upload_id) {
    *operation = "CreateMultipartUpload";
    return multipart_.Create(call);
  }
  if (m == "POST" && upload_id) {
    *operation = "CompleteMultipartUpload";
    return multipart_.Complete(call, *upload_id);
  }
  if (m == "DELETE" && upload_id) {
    *operation = "AbortMultipartUpload";
    return multipart_.Abort(call, *upload_id);
  }
  if (m == "HEAD" && !upload_id && !part) {
    *operation = "HeadObject";
    return HeadObject(call);
  }
  if (m == "DELETE" && !part) return NotImplemented("DeleteObject");
  if (m == "PUT" || m == "POST" || m == "DELETE" || m == "HEAD") {
    return S3Status(
        "InvalidRequest",
        "this combination of " + m + " and uploadId/partNumber/uploads is not an S3 operation");
  }
  if (m == "GET")
    return NotImplemented(upload_id ? "ListParts" : "GetObject (downloads use signed /blob/ URLs)");
  return NotImplemented(m + " " + request.path);
}

common::Status EmbeddedS3Endpoint::PutObject(S3Call& call) {
  TAIGA_RETURN_IF_ERROR(CheckKeyAccess(call, call.request.key));
  const std::string staging = multipart_.uploads().StagingKey("", call.now);
  TAIGA_ASSIGN_OR_RETURN(blob::WriteResult written,
                         StoreVerifiedBody(call, store_, staging, options_.max_object_bytes));
  TAIGA_RETURN_IF_ERROR(PublishStaged(store_, staging, call.request.key));
  call.respond.Headers(200, {{"ETag", "\"" + written.md5 + "\""}});
  return common::Status::Ok();
}

common::Status EmbeddedS3Endpoint::HeadObject(S3Call& call) {
  TAIGA_RETURN_IF_ERROR(CheckKeyAccess(call, call.request.key));
  TAIGA_ASSIGN_OR_RETURN(std::optional<blob::BlobStat> stat, store_.Stat(call.request.key));
  if (!stat) return S3Status("NoSuchKey", "the specified key does not exist");
  call.respond.Headers(200,
                       {{"ETag", "\"" + stat->etag + "\""},
                        {"Content-Type", "binary/octet-stream"},
                        {"Accept-Ranges", "bytes"}},
                       stat->size);
  return common::Status::Ok();
}

}  // namespace taiga::s3api

#include "blob/s3/s3_blob_store.h"

#include <algorithm>
#include <utility>

#include "blob/blob_key.h"
#include "blob/content_disposition.h"
#include "blob/s3/s3_blob_reader.h"
#include "blob/s3/s3_blob_writer.h"
#include "blob/s3/s3_error.h"
#include "blob/s3/s3_xml.h"
#include "blob/sigv4_encoding.h"

namespace taiga::blob {
namespace {

class EmptyReader final : public BlobReader {
 public:
  common::Result<size_t> Read(char*, size_t) override { return size_t{0}; }
};

std::string StripQuotes(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

}  // namespace

common::Result<std::unique_ptr<S3BlobStore>> S3BlobStore::Create(S3BlobStoreOptions options) {
  TAIGA_ASSIGN_OR_RETURN(std::shared_ptr<S3Client> client, S3Client::Create(std::move(options)));
  return std::unique_ptr<S3BlobStore>(new S3BlobStore(std::move(client)));
}

common::Result<std::unique_ptr<BlobWriter>> S3BlobStore::Write(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  return std::unique_ptr<BlobWriter>(new S3BlobWriter(client_, std::string(key)));
}

common::Result<std::unique_ptr<BlobReader>> S3BlobStore::Read(std::string_view key, uint64_t offset,
                                                              std::optional<uint64_t> length) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  S3Request get;
  get.key = std::string(key);
  const std::string what = "GetObject " + get.key;
  if (offset == 0 && !length) {
    TAIGA_ASSIGN_OR_RETURN(auto reader, S3BlobReader::Open(client_, get, what, std::nullopt));
    return std::unique_ptr<BlobReader>(std::move(reader));
  }
  TAIGA_ASSIGN_OR_RETURN(std::optional<BlobStat> stat, Stat(key));
  if (!stat) return common::NotFound("no blob " + get.key);
  if (offset > stat->size || (length && *length > stat->size - offset)) {
    return common::InvalidArgument("range past the end of " + get.key + " (" +
                                   std::to_string(stat->size) + " bytes)");
  }
  const uint64_t len = length ? *length : stat->size - offset;
  if (len == 0) return std::unique_ptr<BlobReader>(new EmptyReader());
  get.headers = {
      {"Range", "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + len - 1)}};
  TAIGA_ASSIGN_OR_RETURN(auto reader, S3BlobReader::Open(client_, get, what, len));
  return std::unique_ptr<BlobReader>(std::move(reader));
}

common::Result<std::optional<BlobStat>> S3BlobStore::Stat(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  S3Request head;
  head.method = "HEAD";
  head.key = std::string(key);
  const std::string what = "HeadObject " + head.key;
  TAIGA_ASSIGN_OR_RETURN(S3Response res, client_->Execute(head, what));
  if (res.status == 404) return std::optional<BlobStat>();
  if (res.status != 200) return S3ErrorToStatus(res.status, res.body, what);
  const std::string length = res.Header("content-length");
  uint64_t size = 0;
  try {
    size = std::stoull(length);
  } catch (const std::exception&) {
    return common::Unavailable("S3 " + what + ": bad Content-Length \"" + length + "\"");
  }
  return std::optional<BlobStat>(BlobStat{head.key, size, StripQuotes(res.Header("etag"))});
}

common::Status S3BlobStore::Delete(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  S3Request del;
  del.method = "DELETE";
  del.key = std::string(key);
  const std::string what = "DeleteObject " + del.key;
  TAIGA_ASSIGN_OR_RETURN(S3Response res, client_->Execute(del, what));
  if (res.status == 204 || res.status == 200 || res.status == 404) return common::Status::Ok();
  return S3ErrorToStatus(res.status, res.body, what);
}

common::Status S3BlobStore::Move(std::string_view from, std::string_view to) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(from));
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(to));
  TAIGA_ASSIGN_OR_RETURN(std::optional<BlobStat> src, Stat(from));
  if (!src) return common::NotFound("no blob " + std::string(from));
  if (from == to) return common::Status::Ok();
  TAIGA_ASSIGN_OR_RETURN(std::optional<BlobStat> dst, Stat(to));
  if (!dst) TAIGA_RETURN_IF_ERROR(Copy(from, to, src->size));
  return Delete(from);
}

common::Status S3BlobStore::Copy(std::string_view from, std::string_view to, uint64_t size) {
  if (size > client_->options().multipart_copy_threshold) return CopyInParts(from, to, size);
  S3Request copy;
  copy.method = "PUT";
  copy.key = std::string(to);
  copy.headers = {
      {"x-amz-copy-source", UriEncodePath(client_->options().bucket + "/" + std::string(from))}};
  const std::string what = "CopyObject " + std::string(from) + " to " + std::string(to);
  TAIGA_ASSIGN_OR_RETURN(S3Response res, client_->Execute(copy, what));
  if (res.status != 200 || IsS3ErrorBody(res.body)) {
    return S3ErrorToStatus(res.status == 200 ? 500 : res.status, res.body, what);
  }
  return common::Status::Ok();
}

common::Status S3BlobStore::CopyInParts(std::string_view from, std::string_view to, uint64_t size) {
  const std::string what = "UploadPartCopy " + std::string(from) + " to " + std::string(to);
  S3Request create;
  create.method = "POST";
  create.key = std::string(to);
  create.query = {{"uploads", ""}};
  create.headers = {{"Content-Type", "application/octet-stream"}};
  TAIGA_ASSIGN_OR_RETURN(S3Response created, client_->Execute(create, what));
  if (created.status != 200) return S3ErrorToStatus(created.status, created.body, what);
  const std::string upload_id = XmlText(created.body, "UploadId").value_or("");
  if (upload_id.empty()) return common::Unavailable("S3 " + what + ": no UploadId in the answer");

  auto abort = [&](common::Status s) {
    S3Request del;
    del.method = "DELETE";
    del.key = std::string(to);
    del.query = {{"uploadId", upload_id}};
    (void)client_->Execute(del, "AbortMultipartUpload " + std::string(to));
    return s;
  };
  const uint64_t part_size = client_->options().copy_part_size;
  const std::string source = UriEncodePath(client_->options().bucket + "/" + std::string(from));
  std::string xml = "<CompleteMultipartUpload>";
  int part = 1;
  for (uint64_t off = 0; off < size; off += part_size, ++part) {
    const uint64_t last = std::min(size, off + part_size) - 1;
    S3Request put;
    put.method = "PUT";
    put.key = std::string(to);
    put.query = {{"partNumber", std::to_string(part)}, {"uploadId", upload_id}};
    put.headers = {
        {"x-amz-copy-source", source},
        {"x-amz-copy-source-range", "bytes=" + std::to_string(off) + "-" + std::to_string(last)}};
    auto res = client_->Execute(put, what);
    if (!res.ok()) return abort(res.status());
    std::optional<std::string> etag = XmlText(res->body, "ETag");
    if (res->status != 200 || IsS3ErrorBody(res->body) || !etag) {
      return abort(S3ErrorToStatus(res->status == 200 ? 500 : res->status, res->body, what));
    }
    xml += "<Part><PartNumber>" + std::to_string(part) + "</PartNumber><ETag>" + XmlEscape(*etag) +
           "</ETag></Part>";
  }
  xml += "</CompleteMultipartUpload>";
  S3Request done;
  done.method = "POST";
  done.key = std::string(to);
  done.query = {{"uploadId", upload_id}};
  done.headers = {{"Content-Type", "application/xml"}};
  done.body = xml;
  auto res = client_->Execute(done, what);
  if (!res.ok()) return abort(res.status());
  if (res->status != 200 || IsS3ErrorBody(res->body)) {
    return abort(S3ErrorToStatus(res->status == 200 ? 500 : res->status, res->body, what));
  }
  return common::Status::Ok();
}

common::Result<std::vector<BlobStat>> S3BlobStore::List(std::string_view prefix) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobPrefix(prefix));
  std::vector<BlobStat> out;
  std::string token;
  const std::string what = "ListObjectsV2 " + std::string(prefix);
  do {
    S3Request list;
    list.query = {{"list-type", "2"},
                  {"max-keys", std::to_string(client_->options().list_page_size)},
                  {"prefix", std::string(prefix)}};
    if (!token.empty()) list.query.emplace_back("continuation-token", token);
    TAIGA_ASSIGN_OR_RETURN(S3Response res, client_->Execute(list, what));
    if (res.status != 200) return S3ErrorToStatus(res.status, res.body, what);
    for (std::string_view item : XmlElements(res.body, "Contents")) {
      BlobStat s;
      s.key = XmlText(item, "Key").value_or("");
      s.etag = StripQuotes(XmlText(item, "ETag").value_or(""));
      try {
        s.size = std::stoull(XmlText(item, "Size").value_or("0"));
      } catch (const std::exception&) {
        return common::Unavailable("S3 " + what + ": bad <Size> for " + s.key);
      }
      out.push_back(std::move(s));
    }
    token = XmlText(res.body, "IsTruncated").value_or("false") == "true"
                ? XmlText(res.body, "NextContinuationToken").value_or("")
                : std::string();
  } while (!token.empty());
  std::sort(out.begin(), out.end(),
            [](const BlobStat& a, const BlobStat& b) { return a.key < b.key; });
  return out;
}

common::Result<std::string> S3BlobStore::PresignGet(std::string_view key,
                                                    const PresignOptions& options) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  QueryParams query;
  if (!options.download_name.empty()) {
    query.emplace_back("response-content-disposition",
                       ContentDispositionAttachment(options.download_name));
  }
  if (!options.content_type.empty())
    query.emplace_back("response-content-type", options.content_type);
  if (!options.content_encoding.empty())
    query.emplace_back("response-content-encoding", options.content_encoding);
  return client_->PresignGet(key, query, options.expires_seconds);
}

}  // namespace taiga::blob

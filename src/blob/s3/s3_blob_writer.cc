#include "blob/s3/s3_blob_writer.h"

#include <algorithm>
#include <utility>

#include "blob/s3/s3_error.h"
#include "blob/s3/s3_xml.h"
#include "common/log.h"

namespace taiga::blob {

S3BlobWriter::S3BlobWriter(std::shared_ptr<S3Client> client, std::string key)
    : client_(std::move(client)), key_(std::move(key)) {}

S3BlobWriter::~S3BlobWriter() {
  if (!finished_) Abort();
}

uint64_t S3BlobWriter::PartSize(uint64_t base, int n) {
  const int doublings = std::min((n - 1) / 2000, 4);
  return std::min<uint64_t>(base << doublings, 5ull << 30);
}

void S3BlobWriter::Abort() {
  finished_ = true;
  buffer_.clear();
  buffer_.shrink_to_fit();
  if (upload_id_.empty()) return;
  S3Request r;
  r.method = "DELETE";
  r.key = key_;
  r.query = {{"uploadId", upload_id_}};
  auto res = client_->Execute(r, "AbortMultipartUpload " + key_);
  if (!res.ok() || (res->status >= 300 && res->status != 404)) {
    common::LogWarn(
        "abandoned S3 multipart upload not aborted (a bucket lifecycle rule will "
        "remove it)",
        {{"key", key_}});
  }
  upload_id_.clear();
}

common::Status S3BlobWriter::Fail(common::Status s) {
  Abort();
  return s;
}

common::Status S3BlobWriter::Write(std::string_view bytes) {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  hasher_.Update(bytes);
  size_ += bytes.size();
  while (!bytes.empty()) {
    const uint64_t limit =
        PartSize(client_->options().part_size, static_cast<int>(etags_.size()) + 1);
    const size_t take =
        static_cast<size_t>(std::min<uint64_t>(limit - buffer_.size(), bytes.size()));
    if (buffer_.size() + take > buffer_.capacity()) {  // grow geometrically, never past the part
      buffer_.reserve(static_cast<size_t>(
          std::min<uint64_t>(limit, std::max(buffer_.capacity() * 2, buffer_.size() + take))));
    }
    buffer_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (buffer_.size() == limit) TAIGA_RETURN_IF_ERROR(FlushPart());
  }
  return common::Status::Ok();
}

common::Status S3BlobWriter::FlushPart() {
  if (upload_id_.empty()) {
    S3Request create;
    create.method = "POST";
    create.key = key_;
    create.query = {{"uploads", ""}};
    create.headers = {{"Content-Type", "application/octet-stream"}};
    auto res = client_->Execute(create, "CreateMultipartUpload " + key_);
    if (!res.ok()) return Fail(res.status());
    if (res->status != 200)
      return Fail(S3ErrorToStatus(res->status, res->body, "CreateMultipartUpload " + key_));
    upload_id_ = XmlText(res->body, "UploadId").value_or("");
    if (upload_id_.empty()) {
      return Fail(
          common::Unavailable("S3 CreateMultipartUpload " + key_ + ": no UploadId in the answer"));
    }
  }
  const int part = static_cast<int>(etags_.size()) + 1;
  if (part > 10000)
    return Fail(common::PayloadTooLarge("S3 allows at most 10000 parts per object"));
  S3Request put;
  put.method = "PUT";
  put.key = key_;
  put.query = {{"partNumber", std::to_string(part)}, {"uploadId", upload_id_}};
  put.body = buffer_;
  const std::string what = "UploadPart " + std::to_string(part) + " of " + key_;
  auto res = client_->Execute(put, what);
  if (!res.ok()) return Fail(res.status());
  if (res->status != 200) return Fail(S3ErrorToStatus(res->status, res->body, what));
  const std::string etag = res->Header("etag");
  if (etag.empty()) return Fail(common::Unavailable("S3 " + what + ": no ETag in the answer"));
  etags_.push_back(etag);
  buffer_.clear();
  return common::Status::Ok();
}

common::Result<WriteResult> S3BlobWriter::Commit() {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  if (upload_id_.empty()) {
    S3Request put;
    put.method = "PUT";
    put.key = key_;
    put.headers = {{"Content-Type", "application/octet-stream"}};
    put.body = buffer_;
    auto res = client_->Execute(put, "PutObject " + key_);
    if (!res.ok()) return Fail(res.status());
    if (res->status != 200)
      return Fail(S3ErrorToStatus(res->status, res->body, "PutObject " + key_));
  } else {
    if (!buffer_.empty()) TAIGA_RETURN_IF_ERROR(FlushPart());
    std::string xml = "<CompleteMultipartUpload>";
    for (size_t i = 0; i < etags_.size(); ++i) {
      xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" +
             XmlEscape(etags_[i]) + "</ETag></Part>";
    }
    xml += "</CompleteMultipartUpload>";
    S3Request done;
    done.method = "POST";
    done.key = key_;
    done.query = {{"uploadId", upload_id_}};
    done.headers = {{"Content-Type", "application/xml"}};
    done.body = xml;
    const std::string what = "CompleteMultipartUpload " + key_;
    auto res = client_->Execute(done, what);
    if (!res.ok()) return Fail(res.status());
    if (res->status != 200 || IsS3ErrorBody(res->body)) {
      return Fail(S3ErrorToStatus(res->status == 200 ? 500 : res->status, res->body, what));
    }
    upload_id_.clear();
  }
  finished_ = true;
  buffer_.clear();
  buffer_.shrink_to_fit();
  StreamDigests d = hasher_.Finish();
  return WriteResult{key_, size_, std::move(d.sha256), std::move(d.md5)};
}

}  // namespace taiga::blob

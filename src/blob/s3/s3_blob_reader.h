// S3BlobReader: a GetObject streamed through libcurl's multi interface, pulled by Read: the
// transfer runs only while the caller waits for bytes and is paused when a small buffer is full,
// so memory stays bounded (about 256 KiB) whatever the object size. Used by one thread at a time.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>

#include "blob/blob_store.h"
#include "blob/s3/s3_client.h"

namespace taiga::blob {

class S3BlobReader final : public BlobReader {
 public:
  // Starts the GET and waits for the answer's headers. `expected_length`: the bytes the answer
  // must carry (a range), checked at the end. The reader keeps the client (and its handle pool)
  // alive. Errors: the S3 error as a Status (NotFound, …), Unavailable when the endpoint cannot
  // be reached.
  static common::Result<std::unique_ptr<S3BlobReader>> Open(
      std::shared_ptr<S3Client> client, const S3Request& request, std::string what,
      std::optional<uint64_t> expected_length);
  ~S3BlobReader() override;
  S3BlobReader(const S3BlobReader&) = delete;
  S3BlobReader& operator=(const S3BlobReader&) = delete;

  common::Result<size_t> Read(char* buf, size_t n) override;

 private:
  S3BlobReader(std::shared_ptr<S3Client> client, CurlHandlePool::Lease lease, std::string what);
  // Drives the transfer until bytes are buffered, the headers are in (when `until_headers`), or
  // it ends. Unavailable when nothing arrived for stall_timeout_seconds.
  common::Status Pump(bool until_headers);
  static size_t OnData(char* data, size_t size, size_t n, void* self);
  static size_t OnHeader(char* data, size_t size, size_t n, void* self);

  std::shared_ptr<S3Client> client_;  // declared before lease_: the lease goes back first
  CurlHandlePool::Lease lease_;
  CURLM* multi_ = nullptr;
  curl_slist* header_list_ = nullptr;
  std::string what_;
  int stall_timeout_seconds_;
  std::string buffer_;  // received, not yet read
  size_t pos_ = 0;
  bool paused_ = false;
  bool headers_done_ = false;
  bool done_ = false;
  CURLcode result_ = CURLE_OK;
  long status_ = 0;
  uint64_t received_ = 0;
  std::optional<uint64_t> expected_;
};

}  // namespace taiga::blob

#include "blob/s3/s3_blob_reader.h"

#include <chrono>
#include <cstring>
#include <utility>

#include "blob/s3/s3_error.h"

namespace taiga::blob {
namespace {

constexpr size_t kBufferCap = 256u << 10;
constexpr size_t kMaxErrorBody = 64u << 10;

}  // namespace

S3BlobReader::S3BlobReader(std::shared_ptr<S3Client> client, CurlHandlePool::Lease lease,
                           std::string what)
    : client_(std::move(client)),
      lease_(std::move(lease)),
      what_(std::move(what)),
      stall_timeout_seconds_(client_->options().stall_timeout_seconds) {}

S3BlobReader::~S3BlobReader() {
  if (multi_ != nullptr) {
    curl_multi_remove_handle(multi_, lease_.get());
    curl_multi_cleanup(multi_);
  }
  curl_slist_free_all(header_list_);
}

size_t S3BlobReader::OnData(char* data, size_t size, size_t n, void* p) {
  auto* self = static_cast<S3BlobReader*>(p);
  const size_t len = size * n;
  if (self->status_ >= 300) {  // an error document: keep a bounded amount for the message
    if (self->buffer_.size() < kMaxErrorBody) self->buffer_.append(data, len);
    return len;
  }
  if (self->buffer_.size() - self->pos_ >= kBufferCap) {
    self->paused_ = true;
    return CURL_WRITEFUNC_PAUSE;  // curl hands the same bytes again after the unpause
  }
  if (self->pos_ == self->buffer_.size()) {
    self->buffer_.clear();
    self->pos_ = 0;
  }
  self->buffer_.append(data, len);
  self->received_ += len;
  return len;
}

size_t S3BlobReader::OnHeader(char* data, size_t size, size_t n, void* p) {
  auto* self = static_cast<S3BlobReader*>(p);
  std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") {
    const size_t sp = line.find(' ');
    self->status_ =
        sp == std::string_view::npos ? 0 : std::atol(std::string(line.substr(sp + 1, 3)).c_str());
  } else if ((line == "\r\n" || line == "\n") && self->status_ >= 200) {
    self->headers_done_ = true;
  }
  return size * n;
}

common::Result<std::unique_ptr<S3BlobReader>> S3BlobReader::Open(
    std::shared_ptr<S3Client> client, const S3Request& request, std::string what,
    std::optional<uint64_t> expected_length) {
  TAIGA_ASSIGN_OR_RETURN(S3PreparedRequest prepared, client->Prepare(request));
  CurlHandlePool::Lease lease = client->pool().Acquire();
  if (lease.get() == nullptr) return common::Unavailable("S3 " + what + ": curl_easy_init failed");
  const int connect_timeout = client->options().connect_timeout_seconds;
  std::unique_ptr<S3BlobReader> r(new S3BlobReader(std::move(client), std::move(lease), what));
  r->expected_ = expected_length;
  CURL* h = r->lease_.get();
  for (const auto& line : prepared.header_lines) {
    r->header_list_ = curl_slist_append(r->header_list_, line.c_str());
  }
  curl_easy_setopt(h, CURLOPT_URL, prepared.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, r->header_list_);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(connect_timeout));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnData);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, r.get());
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, r.get());
  r->multi_ = curl_multi_init();
  if (r->multi_ == nullptr || curl_multi_add_handle(r->multi_, h) != CURLM_OK) {
    return common::Unavailable("S3 " + what + ": cannot start the transfer");
  }
  TAIGA_RETURN_IF_ERROR(r->Pump(/*until_headers=*/true));
  if (!r->headers_done_) {  // ended without an answer
    return common::Unavailable("S3 " + what + ": " + curl_easy_strerror(r->result_));
  }
  if (r->status_ < 200 || r->status_ >= 300) {
    while (!r->done_) TAIGA_RETURN_IF_ERROR(r->Pump(false));
    return S3ErrorToStatus(r->status_, r->buffer_, what);
  }
  return r;
}

common::Status S3BlobReader::Pump(bool until_headers) {
  const auto start = std::chrono::steady_clock::now();
  const size_t had = buffer_.size() - pos_;
  while (!done_) {
    if (paused_) {
      paused_ = false;
      curl_easy_pause(lease_.get(), CURLPAUSE_CONT);  // may deliver data right here
    }
    int running = 0;
    if (curl_multi_perform(multi_, &running) != CURLM_OK) {
      return common::Unavailable("S3 " + what_ + ": curl_multi_perform failed");
    }
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
      if (msg->msg == CURLMSG_DONE) {
        done_ = true;
        result_ = msg->data.result;
      }
    }
    const bool have = until_headers ? headers_done_ : buffer_.size() - pos_ > had || paused_;
    if (have || done_) break;
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(stall_timeout_seconds_)) {
      return common::Unavailable("S3 " + what_ + ": no data for " +
                                 std::to_string(stall_timeout_seconds_) + " s");
    }
    curl_multi_poll(multi_, nullptr, 0, 200, nullptr);
  }
  return common::Status::Ok();
}

common::Result<size_t> S3BlobReader::Read(char* buf, size_t n) {
  if (n == 0) return size_t{0};
  while (pos_ == buffer_.size() && !done_) TAIGA_RETURN_IF_ERROR(Pump(false));
  if (pos_ < buffer_.size()) {
    const size_t k = std::min(n, buffer_.size() - pos_);
    std::memcpy(buf, buffer_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  if (result_ != CURLE_OK) {
    return common::Unavailable("S3 " + what_ + ": " + curl_easy_strerror(result_));
  }
  if (expected_ && received_ != *expected_) {
    return common::Unavailable("S3 " + what_ + ": got " + std::to_string(received_) + " of " +
                               std::to_string(*expected_) + " bytes");
  }
  return size_t{0};
}

}  // namespace taiga::blob

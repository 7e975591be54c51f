#include "blob/s3/curl_handle_pool.h"

namespace taiga::blob {

void EnsureCurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlHandlePool::Lease::~Lease() {
  if (handle_ != nullptr) pool_->Release(handle_);
}

CurlHandlePool::CurlHandlePool(size_t max_idle) : max_idle_(max_idle) { EnsureCurlGlobalInit(); }

CurlHandlePool::~CurlHandlePool() {
  for (CURL* h : idle_) curl_easy_cleanup(h);
}

CurlHandlePool::Lease CurlHandlePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      CURL* h = idle_.back();
      idle_.pop_back();
      return Lease(this, h);
    }
  }
  return Lease(this, curl_easy_init());
}

void CurlHandlePool::Release(CURL* handle) {
  curl_easy_reset(handle);  // keeps the connection cache, drops the options
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) {
    idle_.push_back(handle);
    return;
  }
  curl_easy_cleanup(handle);
}

}  // namespace taiga::blob

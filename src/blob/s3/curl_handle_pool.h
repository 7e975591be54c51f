// CurlHandlePool: reusable libcurl easy handles (each keeps its connection alive between S3
// calls), plus the once-per-process curl_global_init. A lease returns its handle, reset, when
// destroyed. Thread-safe (guarded by mu_); a leased handle belongs to one thread.
#pragma once

#include <curl/curl.h>

#include <mutex>
#include <vector>

namespace taiga::blob {

// Runs curl_global_init(CURL_GLOBAL_DEFAULT) exactly once, thread-safely.
void EnsureCurlGlobalInit();

class CurlHandlePool {
 public:
  class Lease {
   public:
    Lease(CurlHandlePool* pool, CURL* handle) : pool_(pool), handle_(handle) {}
    ~Lease();
    Lease(Lease&& other) noexcept : pool_(other.pool_), handle_(other.handle_) {
      other.handle_ = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    CURL* get() const { return handle_; }  // nullptr when curl could not make one

   private:
    CurlHandlePool* pool_;
    CURL* handle_;
  };

  explicit CurlHandlePool(size_t max_idle = 8);
  ~CurlHandlePool();
  CurlHandlePool(const CurlHandlePool&) = delete;
  CurlHandlePool& operator=(const CurlHandlePool&) = delete;

  // An idle handle (reset to defaults) or a new one.
  Lease Acquire();

 private:
  void Release(CURL* handle);

  const size_t max_idle_;
  std::mutex mu_;
  std::vector<CURL*> idle_;  // guarded by mu_
};

}  // namespace taiga::blob

#include "blob/stream_hasher.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "common/hex.h"

namespace taiga::blob {
namespace {

// OpenSSL failing on an in-memory digest is not recoverable (allocation failure or a broken
// library), as in common/hash.cc.
void Check(int rc, const char* what) {
  if (rc != 1) throw std::runtime_error(what);
}

EVP_MD_CTX* NewContext(const EVP_MD* md) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) throw std::runtime_error("EVP_MD_CTX_new failed");
  Check(EVP_DigestInit_ex(ctx, md, nullptr), "EVP_DigestInit_ex failed");
  return ctx;
}

std::string FinalHex(EVP_MD_CTX* ctx, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  Check(EVP_DigestFinal_ex(ctx, out, &len), "EVP_DigestFinal_ex failed");
  Check(EVP_DigestInit_ex(ctx, md, nullptr), "EVP_DigestInit_ex failed");
  return common::HexEncode(std::string_view(reinterpret_cast<const char*>(out), len));
}

}  // namespace

struct StreamHasher::Contexts {
  EVP_MD_CTX* sha256 = nullptr;
  EVP_MD_CTX* md5 = nullptr;
  std::unique_ptr<MultiLaneMd5::Stream> lanes;  // instead of md5
  ~Contexts() {
    EVP_MD_CTX_free(sha256);
    EVP_MD_CTX_free(md5);
  }
};

StreamHasher::StreamHasher(Algorithms algorithms, MultiLaneMd5* md5)
    : contexts_(std::make_unique<Contexts>()), algorithms_(algorithms) {
  contexts_->sha256 = NewContext(EVP_sha256());
  if (algorithms_ != Algorithms::kSha256AndMd5) return;
  if (md5 != nullptr) {
    contexts_->lanes = md5->NewStream();
  } else {
    contexts_->md5 = NewContext(EVP_md5());
  }
}

StreamHasher::~StreamHasher() = default;
StreamHasher::StreamHasher(StreamHasher&&) noexcept = default;
StreamHasher& StreamHasher::operator=(StreamHasher&&) noexcept = default;

void StreamHasher::Update(std::string_view bytes) {
  if (bytes.empty()) return;
  if (contexts_->lanes) contexts_->lanes->Update(bytes);  // first: the worker starts on it
  Check(EVP_DigestUpdate(contexts_->sha256, bytes.data(), bytes.size()), "EVP_DigestUpdate failed");
  if (contexts_->md5 != nullptr) {
    Check(EVP_DigestUpdate(contexts_->md5, bytes.data(), bytes.size()), "EVP_DigestUpdate failed");
  }
}

StreamDigests StreamHasher::Finish() {
  StreamDigests out;
  out.sha256 = FinalHex(contexts_->sha256, EVP_sha256());
  if (contexts_->md5 != nullptr) out.md5 = FinalHex(contexts_->md5, EVP_md5());
  if (contexts_->lanes) out.md5 = contexts_->lanes->FinishHex();
  return out;
}

}  // namespace taiga::blob

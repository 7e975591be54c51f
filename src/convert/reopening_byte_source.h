// ReopeningByteSource: makes any stream rewindable by opening it again — e.g. a blob read
// twice for the two-pass imports: the opener is called once at the start and again on each
// Rewind. Not thread-safe; the opener must give the same bytes every time.
#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "convert/byte_source.h"

namespace taiga::convert {

class ReopeningByteSource final : public ByteSource {
 public:
  using Opener = std::function<common::Result<std::unique_ptr<ByteSource>>()>;
  explicit ReopeningByteSource(Opener opener) : opener_(std::move(opener)) {}

  // Errors: the opener's (on the first read) and the stream's.
  common::Result<size_t> Read(char* buf, size_t n) override {
    if (current_ == nullptr) TAIGA_RETURN_IF_ERROR(Open());
    return current_->Read(buf, n);
  }
  // Errors: the opener's.
  common::Status Rewind() override { return Open(); }

 private:
  common::Status Open() {
    current_.reset();
    common::Result<std::unique_ptr<ByteSource>> opened = opener_();
    if (!opened.ok()) return opened.status();
    current_ = std::move(opened).value();
    return common::Status::Ok();
  }

  Opener opener_;
  std::unique_ptr<ByteSource> current_;
};

}  // namespace taiga::convert

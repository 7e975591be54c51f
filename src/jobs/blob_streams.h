// Adapters between the blob store and the converters' streams: BlobByteSource reads an object
// as a convert::ByteSource (rewindable: it opens the object again), BlobByteSink writes a
// convert::ByteSink into a BlobWriter, HashingByteSource passes another source through while
// computing SHA-256 and MD5 of every byte read, and Pump copies a source into a sink (a blob to
// a scratch file and back). Each is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "blob/blob_store.h"
#include "blob/stream_hasher.h"
#include "convert/byte_sink.h"
#include "convert/byte_source.h"
#include "jobs/job_context.h"

namespace taiga::jobs {

class BlobByteSource final : public convert::ByteSource {
 public:
  // Reads `key` of `store` (which must outlive the source); opened on the first Read.
  BlobByteSource(blob::BlobStore& store, std::string key) : store_(store), key_(std::move(key)) {}

  // Errors: the store's (NotFound when the object is gone, Unavailable).
  common::Result<size_t> Read(char* buf, size_t n) override;
  // Opens the object again from its first byte. Errors: the store's.
  common::Status Rewind() override;

 private:
  blob::BlobStore& store_;
  std::string key_;
  std::unique_ptr<blob::BlobReader> reader_;
};

class BlobByteSink final : public convert::ByteSink {
 public:
  explicit BlobByteSink(blob::BlobWriter& writer) : writer_(writer) {}
  common::Status Write(std::string_view bytes) override { return writer_.Write(bytes); }

 private:
  blob::BlobWriter& writer_;
};

class HashingByteSource final : public convert::ByteSource {
 public:
  explicit HashingByteSource(convert::ByteSource& inner) : inner_(inner) {}

  common::Result<size_t> Read(char* buf, size_t n) override;
  // The digests of everything read; call once, at the end.
  blob::StreamDigests Finish() { return hasher_.Finish(); }
  uint64_t bytes() const { return bytes_; }

 private:
  convert::ByteSource& inner_;
  blob::StreamHasher hasher_;
  uint64_t bytes_ = 0;
};

// Copies all of `from` into `to` in 1 MiB pieces (no Flush). Stops with Aborted once `context`
// (when given) is cancelled. Errors: the streams'.
common::Status Pump(convert::ByteSource& from, convert::ByteSink& to,
                    const JobContext* context = nullptr);

}  // namespace taiga::jobs

// BlobStore: where the bytes of datasets live (DESIGN.md §3, §7). The app layer sees only this
// interface; src/main/ picks the backend (local files, S3, or memory for tests).
// Keys are relative paths ("blobs/ab/abcdef…", "upload/<user>/<session>/<file>"); see
// blob/blob_key.h for what is rejected. Bytes always stream: no call holds a whole object.
// Every BlobStore implementation is thread-safe; a BlobWriter or BlobReader is used by one
// thread at a time and owned by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace taiga::blob {

struct BlobStat {
  std::string key;
  uint64_t size = 0;
  std::string etag;  // opaque; changes when the bytes under the key are replaced
};

struct WriteResult {
  std::string key;
  uint64_t size = 0;
  std::string sha256;  // lowercase hex of every byte written, computed while streaming
  std::string md5;     // lowercase hex, idem
};

// Streams one object into the store. Nothing is visible under the key before Commit succeeds;
// destroying an uncommitted writer discards everything written.
class BlobWriter {
 public:
  virtual ~BlobWriter() = default;
  // Appends bytes. Errors: Unavailable (disk or network), FailedPrecondition after Commit or
  // after an earlier error (the writer is then dead; start again).
  virtual common::Status Write(std::string_view bytes) = 0;
  // Makes the object visible under its key (replacing an existing one) and returns its size
  // and hashes. Errors: Unavailable, FailedPrecondition when called twice or after an error.
  virtual common::Result<WriteResult> Commit() = 0;
};

// Reads one object (or a range of it) front to back.
class BlobReader {
 public:
  virtual ~BlobReader() = default;
  // Copies up to n bytes into buf; returns how many, 0 at the end. Errors: Unavailable.
  virtual common::Result<size_t> Read(char* buf, size_t n) = 0;
};

struct PresignOptions {
  std::string base_url;        // e.g. http://host:port/taiga; used by the local store only
  int expires_seconds = 3600;  // 1 .. 604800 (seven days, the S3 maximum)
  std::string download_name;   // non-empty: Content-Disposition attachment (RFC 6266, filename*)
  std::string content_type;    // non-empty: the Content-Type the download is served with
  std::string content_encoding;  // non-empty: the Content-Encoding ("gzip": stored gzipped)
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // Opens a writer for `key`. Errors: InvalidArgument (bad key), Unavailable.
  virtual common::Result<std::unique_ptr<BlobWriter>> Write(std::string_view key) = 0;
  // Opens a reader of `length` bytes (all remaining when absent) from `offset`.
  // Errors: InvalidArgument (bad key, or a range past the end), NotFound, Unavailable.
  virtual common::Result<std::unique_ptr<BlobReader>> Read(
      std::string_view key, uint64_t offset = 0, std::optional<uint64_t> length = std::nullopt) = 0;
  // The object's size and etag, or nullopt when absent. Errors: InvalidArgument, Unavailable.
  virtual common::Result<std::optional<BlobStat>> Stat(std::string_view key) = 0;
  // Removes the object; an absent key is ok. Errors: InvalidArgument, Unavailable.
  virtual common::Status Delete(std::string_view key) = 0;
  // Moves `from` to `to`. When `to` already exists it is kept and `from` is deleted (content
  // addressing: same key, same bytes). Errors: InvalidArgument, NotFound (no `from`),
  // Unavailable.
  virtual common::Status Move(std::string_view from, std::string_view to) = 0;
  // Every object whose key starts with `prefix` (empty: all), sorted by key.
  // Errors: InvalidArgument (bad prefix), Unavailable.
  virtual common::Result<std::vector<BlobStat>> List(std::string_view prefix) = 0;
  // A URL that downloads the object without credentials until it expires.
  // Errors: InvalidArgument (bad key or options), NotFound is not checked (the URL of an absent
  // key fails when used).
  virtual common::Result<std::string> PresignGet(std::string_view key,
                                                 const PresignOptions& options) = 0;
  // "local", "s3" or "memory".
  virtual std::string Name() const = 0;
};

}  // namespace taiga::blob

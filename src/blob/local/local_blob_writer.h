// LocalBlobWriter: streams one object of the LocalBlobStore into a temp file in <root>/tmp/
// (same file system, LocalTempFile), hashing on the way. Commit fsyncs the file, renames it into
// place atomically and fsyncs the directory; destroying an uncommitted writer deletes the temp
// file. Used by one thread at a time.
#pragma once

#include <string>

#include "blob/blob_store.h"
#include "blob/local/local_temp_file.h"
#include "blob/stream_hasher.h"

namespace taiga::blob {

class LocalBlobWriter final : public BlobWriter {
 public:
  // Takes ownership of `fd`, open for writing on `tmp_path`; `md5` (the store's, may be null)
  // hashes MD5 beside the writer.
  LocalBlobWriter(std::string root, std::string key, std::string tmp_path, int fd, bool fsync,
                  MultiLaneMd5* md5);
  LocalBlobWriter(const LocalBlobWriter&) = delete;
  LocalBlobWriter& operator=(const LocalBlobWriter&) = delete;

  common::Status Write(std::string_view bytes) override;
  common::Result<WriteResult> Commit() override;

 private:
  LocalTempFile file_;
  StreamHasher hasher_;
};

}  // namespace taiga::blob

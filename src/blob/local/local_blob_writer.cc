#include "blob/local/local_blob_writer.h"

#include <utility>

namespace taiga::blob {

LocalBlobWriter::LocalBlobWriter(std::string root, std::string key, std::string tmp_path, int fd,
                                 bool fsync, MultiLaneMd5* md5)
    : file_(std::move(root), std::move(key), std::move(tmp_path), fd, fsync),
      hasher_(StreamHasher::Algorithms::kSha256AndMd5, md5) {}

common::Status LocalBlobWriter::Write(std::string_view bytes) {
  if (file_.finished()) {
    return common::FailedPrecondition("the writer of " + file_.key() + " is finished");
  }
  hasher_.Update(bytes);
  return file_.Write(bytes);
}

common::Result<WriteResult> LocalBlobWriter::Commit() {
  TAIGA_ASSIGN_OR_RETURN(uint64_t size, file_.Commit());
  StreamDigests d = hasher_.Finish();
  return WriteResult{file_.key(), size, std::move(d.sha256), std::move(d.md5)};
}

}  // namespace taiga::blob

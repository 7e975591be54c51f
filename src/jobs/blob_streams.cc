#include "jobs/blob_streams.h"

namespace taiga::jobs {

common::Result<size_t> BlobByteSource::Read(char* buf, size_t n) {
  if (reader_ == nullptr) {
    TAIGA_ASSIGN_OR_RETURN(reader_, store_.Read(key_));
  }
  return reader_->Read(buf, n);
}

common::Status BlobByteSource::Rewind() {
  reader_.reset();
  TAIGA_ASSIGN_OR_RETURN(reader_, store_.Read(key_));
  return common::Status::Ok();
}

common::Result<size_t> HashingByteSource::Read(char* buf, size_t n) {
  TAIGA_ASSIGN_OR_RETURN(size_t got, inner_.Read(buf, n));
  hasher_.Update(std::string_view(buf, got));
  bytes_ += got;
  return got;
}

common::Status HashingByteSource::Rewind() {
  TAIGA_RETURN_IF_ERROR(inner_.Rewind());
  (void)hasher_.Finish();
  bytes_ = 0;
  return common::Status::Ok();
}

}  // namespace taiga::jobs

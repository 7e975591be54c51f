#include "jobs/blob_streams.h"

#include <vector>

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

common::Status Pump(convert::ByteSource& from, convert::ByteSink& to, const JobContext* context) {
  std::vector<char> buf(size_t{1} << 20);
  for (;;) {
    if (context != nullptr && context->cancelled()) {
      return common::Aborted("stopped; the job will run again");
    }
    TAIGA_ASSIGN_OR_RETURN(size_t n, from.Read(buf.data(), buf.size()));
    if (n == 0) return common::Status::Ok();
    TAIGA_RETURN_IF_ERROR(to.Write(std::string_view(buf.data(), n)));
  }
}

}  // namespace taiga::jobs

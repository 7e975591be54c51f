// MemoryFaultInjector: makes a chosen call of a MemoryBlobStore fail with Unavailable, so tests
// of callers can see what happens when the store breaks mid-stream. Counts start when armed:
// FailNthWrite(1) fails the next BlobWriter::Write of any writer of the store.
// Thread-safe (guarded by mu_).
#pragma once

#include <mutex>

#include "common/status.h"

namespace taiga::blob {

class MemoryFaultInjector {
 public:
  // Arms the nth BlobWriter::Write call from now (n >= 1) to fail; 0 disarms.
  void FailNthWrite(int n);
  // Arms the nth BlobReader::Read call from now to fail; 0 disarms.
  void FailNthRead(int n);
  // Arms the nth BlobWriter::Commit call from now to fail; 0 disarms.
  void FailNthCommit(int n);

  // Called by the store before the operation: Unavailable when this is the armed call.
  common::Status OnWrite();
  common::Status OnRead();
  common::Status OnCommit();

 private:
  static common::Status Tick(int& countdown, const char* what);

  std::mutex mu_;
  int write_countdown_ = 0;   // guarded by mu_
  int read_countdown_ = 0;    // guarded by mu_
  int commit_countdown_ = 0;  // guarded by mu_
};

}  // namespace taiga::blob

#include "blob/memory/memory_fault_injector.h"

#include <string>

namespace taiga::blob {

void MemoryFaultInjector::FailNthWrite(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  write_countdown_ = n;
}

void MemoryFaultInjector::FailNthRead(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  read_countdown_ = n;
}

void MemoryFaultInjector::FailNthCommit(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  commit_countdown_ = n;
}

common::Status MemoryFaultInjector::Tick(int& countdown, const char* what) {
  if (countdown <= 0) return common::Status::Ok();
  if (--countdown > 0) return common::Status::Ok();
  return common::Unavailable(std::string("injected fault: ") + what + " failed");
}

common::Status MemoryFaultInjector::OnWrite() {
  std::lock_guard<std::mutex> lock(mu_);
  return Tick(write_countdown_, "blob write");
}

common::Status MemoryFaultInjector::OnRead() {
  std::lock_guard<std::mutex> lock(mu_);
  return Tick(read_countdown_, "blob read");
}

common::Status MemoryFaultInjector::OnCommit() {
  std::lock_guard<std::mutex> lock(mu_);
  return Tick(commit_countdown_, "blob commit");
}

}  // namespace taiga::blob

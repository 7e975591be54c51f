// TestJobContext: a JobContext for unit tests of job kinds (*_test.cc only): a fixed payload
// and id, recorded progress messages and result, and a cancel switch. Not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "jobs/job_context.h"

namespace taiga::jobs::testing {

class TestJobContext final : public JobContext {
 public:
  TestJobContext(std::string id, std::string payload)
      : id_(std::move(id)), payload_(std::move(payload)) {}

  const std::string& job_id() const override { return id_; }
  const std::string& payload() const override { return payload_; }
  int64_t attempt() const override { return 1; }
  common::Status ReportProgress(int64_t, int64_t, const std::string& message) override {
    messages.push_back(message);
    return common::Status::Ok();
  }
  void SetResult(std::string json) override { result = std::move(json); }
  bool cancelled() const override { return cancel; }

  std::vector<std::string> messages;
  std::string result;
  bool cancel = false;

 private:
  std::string id_, payload_;
};

}  // namespace taiga::jobs::testing

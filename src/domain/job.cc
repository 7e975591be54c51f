#include "domain/job.h"

#include <array>
#include <utility>

#include "common/random.h"

namespace taiga::domain {
namespace {

constexpr std::array<std::pair<JobState, const char*>, 5> kStateNames = {{
    {JobState::kPending, "PENDING"},
    {JobState::kStarted, "STARTED"},
    {JobState::kProgress, "PROGRESS"},
    {JobState::kSuccess, "SUCCESS"},
    {JobState::kFailure, "FAILURE"},
}};

}  // namespace

const char* JobStateName(JobState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "PENDING";
}

std::optional<JobState> ParseJobState(std::string_view name) {
  for (const auto& [s, n] : kStateNames) {
    if (name == n) return s;
  }
  return std::nullopt;
}

Job NewJob(std::string kind, std::string payload, common::Timestamp now, int64_t max_attempts) {
  Job job;
  job.id = common::NewUuid36();
  job.kind = std::move(kind);
  job.payload = std::move(payload);
  job.max_attempts = max_attempts;
  job.run_after = now;
  job.created_at = now;
  job.updated_at = now;
  return job;
}

TaskStatus TaskStatusOf(const Job& job) {
  TaskStatus status;
  status.id = job.id;
  status.state = job.state;
  status.result = job.result;
  switch (job.state) {
    case JobState::kPending:
      status.message = "Waiting in the task queue";
      status.current = 0;
      status.total = 1;
      break;
    case JobState::kStarted:
    case JobState::kProgress:
      status.message = job.progress_message.value_or("No message");
      status.current = job.progress_current;
      status.total = job.progress_total;
      break;
    case JobState::kSuccess:
      status.message = "Task has successfully terminated";
      status.current = 1;
      status.total = 1;
      break;
    case JobState::kFailure:
      status.message = job.error.value_or("The task failed without a message");
      status.current = 1;
      status.total = -1;
      break;
  }
  return status;
}

}  // namespace taiga::domain

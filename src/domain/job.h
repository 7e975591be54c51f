// A background job (DESIGN.md §9): one row of the durable queue — what to run (kind + JSON
// payload), where it is (state, progress, attempts, lease) and how it ended (result or error).
// Also the task status clients poll for it (TaskStatusOf). Plain value types; pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace taiga::domain {

// The states of Taiga 2's Celery tasks that clients know (taigapy accepts exactly these names).
enum class JobState { kPending, kStarted, kProgress, kSuccess, kFailure };

// "PENDING" | "STARTED" | "PROGRESS" | "SUCCESS" | "FAILURE".
const char* JobStateName(JobState state);
// The state named `name` (as JobStateName prints it); nullopt for anything else.
std::optional<JobState> ParseJobState(std::string_view name);
// True for SUCCESS and FAILURE: nothing changes the job any more.
inline bool IsFinal(JobState s) { return s == JobState::kSuccess || s == JobState::kFailure; }
// True for STARTED and PROGRESS: a worker holds (or held) a lease on it.
inline bool IsRunning(JobState s) { return s == JobState::kStarted || s == JobState::kProgress; }

inline constexpr int kDefaultJobMaxAttempts = 5;  // workers.max_attempts

struct Job {
  std::string id;              // UUID36: the task id clients poll
  std::string kind;            // names the JobKind that runs it, e.g. "upload.process"
  std::string payload = "{}";  // JSON text, the kind's input
  JobState state = JobState::kPending;
  int64_t progress_current = 0;
  int64_t progress_total = 1;
  std::optional<std::string> progress_message;
  int64_t attempts = 0;  // claims so far (a graceful hand-back does not count)
  int64_t max_attempts = kDefaultJobMaxAttempts;
  common::Timestamp run_after = 0;  // not claimed before this
  std::optional<std::string> lease_owner;
  std::optional<common::Timestamp> lease_expires;
  std::optional<std::string> result;  // JSON text, set on SUCCESS (if the kind gives one)
  std::optional<std::string> error;   // the last failure's message, for a person to read
  common::Timestamp created_at = 0;
  common::Timestamp updated_at = 0;
};

// A PENDING job with a fresh UUID36 id, runnable at once. Services build the job they need with
// this and insert it in their own write transaction (db::JobRepository::Insert).
Job NewJob(std::string kind, std::string payload, common::Timestamp now,
           int64_t max_attempts = kDefaultJobMaxAttempts);

// What GET /api/task_status/{id} reports, computed as Taiga 2 did from the Celery state:
//   PENDING           "Waiting in the task queue", 0 of 1
//   STARTED/PROGRESS  the progress message or "No message", current of total
//   SUCCESS           "Task has successfully terminated", 1 of 1
//   FAILURE           the error text, 1 of -1
struct TaskStatus {
  std::string id;
  JobState state = JobState::kPending;
  std::string message;
  int64_t current = 0;
  int64_t total = 1;
  std::optional<std::string> result;  // JSON text, when the job has one
};

TaskStatus TaskStatusOf(const Job& job);

}  // namespace taiga::domain

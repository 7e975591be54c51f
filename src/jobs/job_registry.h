// JobRegistry: the job kinds a process can run, by name. Filled once at start-up (main's
// RegisterJobKinds) before any WorkerPool starts, then only read: Register is not synchronised
// with the readers; Find and Kinds are thread-safe once registration is over. Owns the kinds.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "jobs/job_kind.h"

namespace taiga::jobs {

class JobRegistry {
 public:
  // Adds a kind. Errors: InvalidArgument (null, or a name that is empty, longer than 64
  // characters or not [a-z0-9._-]), AlreadyExists (a kind of that name is registered).
  common::Status Register(std::unique_ptr<JobKind> kind);
  // The kind named `name`; null when none is registered.
  JobKind* Find(std::string_view name) const;
  // Every registered name, sorted.
  std::vector<std::string> Kinds() const;
  bool empty() const { return kinds_.empty(); }

 private:
  std::map<std::string, std::unique_ptr<JobKind>, std::less<>> kinds_;
};

}  // namespace taiga::jobs

// The export (conversion) cache, inside one Transaction: one entry per (real datafile, format),
// created at most once under concurrent requests (the unique key decides). Not thread-safe
// (belongs to its transaction). All calls return Unavailable when the database fails and
// Aborted when a concurrent transaction won.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "domain/conversion.h"

namespace taiga::db {

class ConversionRepository {
 public:
  virtual ~ConversionRepository() = default;

  // Inserts `entry` unless one exists for its (datafile, format); true when this call inserted
  // it. Errors: FailedPrecondition (unknown datafile, job or blob).
  virtual common::Result<bool> InsertIfAbsent(const domain::ConversionEntry& entry) = 0;
  virtual common::Result<std::optional<domain::ConversionEntry>> Find(
      const std::string& datafile_id, const std::string& format) = 0;
  virtual common::Result<std::optional<domain::ConversionEntry>> FindById(
      const std::string& id) = 0;
  // Starts the entry over: running, "Conversion pending", made by `job_id`, no result or error.
  // Errors: NotFound, FailedPrecondition (unknown job).
  virtual common::Status Restart(const std::string& id, const std::string& job_id,
                                 common::Timestamp now) = 0;
  // Sets the status text of a running entry; false when it is not running (any more).
  virtual common::Result<bool> SetStatus(const std::string& id, const std::string& status) = 0;
  // Running → complete with its result. Errors: NotFound, FailedPrecondition (unknown blob).
  virtual common::Status Complete(const std::string& id, const std::string& blob_sha256) = 0;
  // Running → failed with `error`. Errors: NotFound.
  virtual common::Status Fail(const std::string& id, const std::string& error) = 0;
};

}  // namespace taiga::db

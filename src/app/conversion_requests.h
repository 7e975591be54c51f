// ConversionRequests: the conversion-cache side of GET /api/datafile (DESIGN.md §8) — for a
// real datafile and a format that needs converting (csv, tsv, gct), finds or creates the one
// cache entry of (datafile, format) and its export job, in one write transaction, so concurrent
// first requests make one entry and one job. Reports a running entry's status text, a complete
// one's result, and a failed one's error; `force` starts a finished (complete or failed) entry
// over with a new job. An entry whose job ended without finishing it (its retries ran out, or
// the job is gone) counts as failed, with the job's error. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/conversion.h"
#include "domain/job.h"

namespace taiga::app {

struct ConversionOutcome {
  domain::ConversionEntry entry;
  std::optional<db::BlobRow> result;  // when complete
};

class ConversionRequests {
 public:
  // `job_kind`: the kind of the export job ("convert.export"), whose payload is
  // {"conversion_id": …}. `notify` is called after a commit that enqueued one (may be empty).
  ConversionRequests(db::Database& db, const common::Clock& clock, std::string job_kind,
                     std::function<void()> notify)
      : db_(db), clock_(clock), job_kind_(std::move(job_kind)), notify_(std::move(notify)) {}

  // The entry of (`datafile_id`, `format`), made or restarted as needed. Errors:
  // FailedPrecondition when the conversion failed (the message says why and that force=Y tries
  // again); Unavailable, Aborted (retry the request).
  common::Result<ConversionOutcome> Request(const std::string& datafile_id,
                                            const std::string& format, bool force);

 private:
  // Ok(nullopt) when a concurrent request inserted the entry first (read it again).
  common::Result<std::optional<ConversionOutcome>> Start(const std::string& datafile_id,
                                                         const std::string& format, bool force);

  // The export job of one cache entry (payload {"conversion_id": …}).
  domain::Job NewExportJob(const std::string& conversion_id, common::Timestamp now) const;

  db::Database& db_;
  const common::Clock& clock_;
  std::string job_kind_;
  std::function<void()> notify_;
};

}  // namespace taiga::app

// SqlUploadRepository: UploadRepository over a soci::session (SQLite or PostgreSQL), for one
// SqlTransaction: the `upload_sessions` and `upload_session_files` tables. A file's place in its
// session is a position column (1, 2, ...) assigned on insert. Holds only a reference to the
// transaction's context; not thread-safe.
#pragma once

#include "db/sql/sql_tx_context.h"
#include "db/upload_repository.h"

namespace taiga::db {

class SqlUploadRepository final : public UploadRepository {
 public:
  explicit SqlUploadRepository(SqlTxContext& context) : context_(context) {}

  // Errors: AlreadyExists (id taken), FailedPrecondition (unknown user).
  common::Status InsertSession(const domain::UploadSession& session) override;
  common::Result<std::optional<domain::UploadSession>> FindSession(const std::string& id) override;
  // Errors: NotFound (no such session).
  common::Status MarkSessionUsed(const std::string& id, common::Timestamp at) override;
  // expires_at < now, by expiry then id.
  common::Result<std::vector<domain::UploadSession>> ListExpiredSessions(common::Timestamp now,
                                                                         size_t limit) override;
  // Errors: NotFound (no such session).
  common::Status DeleteSession(const std::string& id) override;

  // Errors: AlreadyExists (id taken), FailedPrecondition (unknown session, datafile or job).
  common::Status InsertFile(const domain::UploadSessionFile& file) override;
  common::Result<std::optional<domain::UploadSessionFile>> FindFile(const std::string& id) override;
  common::Result<std::vector<domain::UploadSessionFile>> ListFiles(
      const std::string& session_id) override;
  // Sets the state and the error (kept as given, also for states other than failed).
  // Errors: NotFound (no such file).
  common::Status SetFileState(const std::string& file_id, domain::UploadFileState state,
                              const std::optional<std::string>& error) override;
  // Errors: NotFound (no such file), FailedPrecondition (unknown blob).
  common::Status SetFileProcessed(const std::string& file_id,
                                  const ProcessedUpload& result) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db

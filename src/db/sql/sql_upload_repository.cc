#include "db/sql/sql_upload_repository.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using OptString = std::optional<std::string>;
using OptInt = std::optional<int64_t>;

#define TAIGA_SESSION_COLUMNS "id, user_id, created_at, expires_at, used_at"
constexpr char kInsertSession[] = "INSERT INTO upload_sessions (" TAIGA_SESSION_COLUMNS
                                  ") VALUES (:id, :user_id, :created_at, :expires_at, :used_at)";
constexpr char kFindSession[] =
    "SELECT " TAIGA_SESSION_COLUMNS " FROM upload_sessions WHERE id = :id";
constexpr char kListExpiredSessions[] = "SELECT " TAIGA_SESSION_COLUMNS
                                        " FROM upload_sessions WHERE expires_at < :now "
                                        "ORDER BY expires_at, id LIMIT :limit";
#undef TAIGA_SESSION_COLUMNS
constexpr char kMarkSessionUsed[] = "UPDATE upload_sessions SET used_at = :at WHERE id = :id";
constexpr char kDeleteSessionFiles[] = "DELETE FROM upload_session_files WHERE session_id = :id";
constexpr char kDeleteSession[] = "DELETE FROM upload_sessions WHERE id = :id";

#define TAIGA_FILE_COLUMNS                                                                      \
  "id, session_id, filename, filetype, initial_format, encoding, custom_metadata, upload_key, " \
  "existing_datafile_id, job_id, state, error, converted_format, blob_sha256, "                 \
  "compressed_blob_sha256, short_summary, long_summary, column_types, preview, "                \
  "original_file_sha256, original_file_md5, original_file_size, created_at"
// The position is one more than the session's highest (1 for its first file).
constexpr char kInsertFile[] =
    "INSERT INTO upload_session_files (" TAIGA_FILE_COLUMNS
    ", position) VALUES (:id, :session_id, :filename, :filetype, :initial_format, :encoding, "
    ":custom_metadata, :upload_key, :existing_datafile_id, :job_id, :state, :error, "
    ":converted_format, :blob, :compressed, :short_summary, :long_summary, :column_types, "
    ":preview, :original_sha256, :original_md5, :original_size, :created_at, "
    "(SELECT COALESCE(MAX(position), 0) + 1 FROM upload_session_files "
    "WHERE session_id = :same_session_id))";
constexpr char kFindFile[] =
    "SELECT " TAIGA_FILE_COLUMNS " FROM upload_session_files WHERE id = :id";
constexpr char kListFiles[] = "SELECT " TAIGA_FILE_COLUMNS
                              " FROM upload_session_files WHERE session_id = :session_id "
                              "ORDER BY position";
#undef TAIGA_FILE_COLUMNS
constexpr char kSetFileState[] =
    "UPDATE upload_session_files SET state = :state, error = :error WHERE id = :id";
constexpr char kSetFileProcessed[] =
    "UPDATE upload_session_files SET state = 'ready', error = NULL, "
    "converted_format = :converted_format, blob_sha256 = :blob, compressed_blob_sha256 = "
    ":compressed, short_summary = :short_summary, long_summary = :long_summary, column_types = "
    ":column_types, preview = :preview, original_file_sha256 = :original_sha256, "
    "original_file_md5 = :original_md5, original_file_size = :original_size WHERE id = :id";

using SessionColumns = Columns<std::string, std::string, int64_t, int64_t, OptInt>;
using FileColumns = Columns<std::string, std::string, std::string, std::string, OptString,
                            OptString, OptString, OptString, OptString, OptString, std::string,
                            OptString, OptString, OptString, OptString, OptString, OptString,
                            OptString, OptString, OptString, OptString, OptInt, int64_t>;
using FileStatement = PreparedStatement<Params<std::string>, FileColumns>;
using IdStatement = PreparedStatement<Params<std::string>, Columns<>>;

domain::UploadSession SessionOf(
    std::tuple<std::string, std::string, int64_t, int64_t, OptInt>&& row) {
  auto& [id, user_id, created_at, expires_at, used_at] = row;
  return domain::UploadSession{std::move(id), std::move(user_id), created_at, expires_at, used_at};
}

template <typename T, typename F>
std::optional<T> ParseOptional(const OptString& s, F parse, const std::string& what) {
  if (!s) return std::nullopt;
  std::optional<T> value = parse(*s);
  if (!value) throw std::runtime_error(what + " " + *s);
  return value;
}

domain::UploadSessionFile FileOf(FileStatement::Row&& row) {
  auto& [id, session_id, filename, filetype, initial_format, encoding, custom_metadata, upload_key,
         existing_datafile_id, job_id, state, error, converted_format, blob, compressed,
         short_summary, long_summary, column_types, preview, original_sha256, original_md5,
         original_size, created_at] = row;
  const std::string where = "upload file " + id + " has ";
  domain::UploadSessionFile f;
  const std::optional<domain::DatafileKind> kind = domain::ParseDatafileKind(filetype);
  if (!kind) throw std::runtime_error(where + "filetype " + filetype);
  const std::optional<domain::UploadFileState> parsed_state = domain::ParseUploadFileState(state);
  if (!parsed_state) throw std::runtime_error(where + "state " + state);
  f.initial_format = ParseOptional<domain::UploadFormat>(initial_format, domain::ParseUploadFormat,
                                                         where + "initial format");
  f.converted_format = ParseOptional<domain::StorageFormat>(
      converted_format, domain::ParseStorageFormat, where + "converted format");
  f.id = std::move(id);
  f.session_id = std::move(session_id);
  f.filename = std::move(filename);
  f.filetype = *kind;
  f.encoding = std::move(encoding);
  f.custom_metadata = std::move(custom_metadata);
  f.upload_key = std::move(upload_key);
  f.existing_datafile_id = std::move(existing_datafile_id);
  f.job_id = std::move(job_id);
  f.state = *parsed_state;
  f.error = std::move(error);
  f.blob_sha256 = std::move(blob);
  f.compressed_blob_sha256 = std::move(compressed);
  f.short_summary = std::move(short_summary);
  f.long_summary = std::move(long_summary);
  f.column_types = std::move(column_types);
  f.preview = std::move(preview);
  f.original_file_sha256 = std::move(original_sha256);
  f.original_file_md5 = std::move(original_md5);
  f.original_file_size = original_size;
  f.created_at = created_at;
  return f;
}

Status UpdatedOne(long long changed, const std::string& what) {
  return changed == 0 ? common::NotFound(what + " does not exist") : Status::Ok();
}

}  // namespace

Status SqlUploadRepository::InsertSession(const domain::UploadSession& s) {
  return context_.Run("insert upload session", [&](SqlConnection& c) {
    using S =
        PreparedStatement<Params<std::string, std::string, int64_t, int64_t, OptInt>, Columns<>>;
    c.Statement<S>(kInsertSession)
        .Bind(s.id, s.user_id, s.created_at, s.expires_at, s.used_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::UploadSession>> SqlUploadRepository::FindSession(
    const std::string& id) {
  return context_.Run("find upload session",
                      [&](SqlConnection& c) -> Result<std::optional<domain::UploadSession>> {
                        using S = PreparedStatement<Params<std::string>, SessionColumns>;
                        auto row = c.Statement<S>(kFindSession).Bind(id).First();
                        if (!row) return std::optional<domain::UploadSession>();
                        return std::optional<domain::UploadSession>(SessionOf(std::move(*row)));
                      });
}

Status SqlUploadRepository::MarkSessionUsed(const std::string& id, common::Timestamp at) {
  return context_.Run("mark upload session used", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<int64_t, std::string>, Columns<>>;
    return UpdatedOne(c.Statement<S>(kMarkSessionUsed).Bind(at, id).Exec(), "upload session " + id);
  });
}

Result<std::vector<domain::UploadSession>> SqlUploadRepository::ListExpiredSessions(
    common::Timestamp now, size_t limit) {
  return context_.Run(
      "list expired upload sessions",
      [&](SqlConnection& c) -> Result<std::vector<domain::UploadSession>> {
        using S = PreparedStatement<Params<int64_t, int64_t>, SessionColumns>;
        std::vector<domain::UploadSession> sessions;
        c.Statement<S>(kListExpiredSessions)
            .Bind(now, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)))
            .ForEach([&](S::Row&& row) { sessions.push_back(SessionOf(std::move(row))); });
        return sessions;
      });
}

Status SqlUploadRepository::DeleteSession(const std::string& id) {
  return context_.Run("delete upload session", [&](SqlConnection& c) {
    c.Statement<IdStatement>(kDeleteSessionFiles).Bind(id).Exec();
    return UpdatedOne(c.Statement<IdStatement>(kDeleteSession).Bind(id).Exec(),
                      "upload session " + id);
  });
}

Status SqlUploadRepository::InsertFile(const domain::UploadSessionFile& f) {
  return context_.Run("insert upload file", [&](SqlConnection& c) {
    using S = PreparedStatement<
        Params<std::string, std::string, std::string, std::string, OptString, OptString, OptString,
               OptString, OptString, OptString, std::string, OptString, OptString, OptString,
               OptString, OptString, OptString, OptString, OptString, OptString, OptString, OptInt,
               int64_t, std::string>,
        Columns<>>;
    const OptString initial =
        f.initial_format ? OptString(std::string(domain::UploadFormatName(*f.initial_format)))
                         : std::nullopt;
    const OptString converted =
        f.converted_format ? OptString(std::string(domain::StorageFormatName(*f.converted_format)))
                           : std::nullopt;
    c.Statement<S>(kInsertFile)
        .Bind(f.id, f.session_id, f.filename, std::string(domain::DatafileKindName(f.filetype)),
              initial, f.encoding, f.custom_metadata, f.upload_key, f.existing_datafile_id,
              f.job_id, std::string(domain::UploadFileStateName(f.state)), f.error, converted,
              f.blob_sha256, f.compressed_blob_sha256, f.short_summary, f.long_summary,
              f.column_types, f.preview, f.original_file_sha256, f.original_file_md5,
              f.original_file_size, f.created_at, f.session_id)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::UploadSessionFile>> SqlUploadRepository::FindFile(
    const std::string& id) {
  return context_.Run("find upload file",
                      [&](SqlConnection& c) -> Result<std::optional<domain::UploadSessionFile>> {
                        auto row = c.Statement<FileStatement>(kFindFile).Bind(id).First();
                        if (!row) return std::optional<domain::UploadSessionFile>();
                        return std::optional<domain::UploadSessionFile>(FileOf(std::move(*row)));
                      });
}

Result<std::vector<domain::UploadSessionFile>> SqlUploadRepository::ListFiles(
    const std::string& session_id) {
  return context_.Run(
      "list upload files", [&](SqlConnection& c) -> Result<std::vector<domain::UploadSessionFile>> {
        std::vector<domain::UploadSessionFile> files;
        c.Statement<FileStatement>(kListFiles)
            .Bind(session_id)
            .ForEach([&](FileStatement::Row&& row) { files.push_back(FileOf(std::move(row))); });
        return files;
      });
}

Status SqlUploadRepository::SetFileState(const std::string& file_id, domain::UploadFileState state,
                                         const std::optional<std::string>& error) {
  return context_.Run("set upload file state", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, OptString, std::string>, Columns<>>;
    return UpdatedOne(c.Statement<S>(kSetFileState)
                          .Bind(std::string(domain::UploadFileStateName(state)), error, file_id)
                          .Exec(),
                      "upload file " + file_id);
  });
}

Status SqlUploadRepository::SetFileProcessed(const std::string& file_id, const ProcessedUpload& r) {
  return context_.Run("store upload file result", [&](SqlConnection& c) {
    using S = PreparedStatement<
        Params<std::string, std::string, OptString, OptString, OptString, OptString, OptString,
               std::string, std::string, OptInt, std::string>,
        Columns<>>;
    return UpdatedOne(c.Statement<S>(kSetFileProcessed)
                          .Bind(std::string(domain::StorageFormatName(r.converted_format)),
                                r.blob_sha256, r.compressed_blob_sha256, r.short_summary,
                                r.long_summary, r.column_types, r.preview, r.original_file_sha256,
                                r.original_file_md5, r.original_file_size, file_id)
                          .Exec(),
                      "upload file " + file_id);
  });
}

}  // namespace taiga::db

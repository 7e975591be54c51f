-- 0001: the whole model of DESIGN.md §6. Timestamps are microseconds since the epoch (UTC).
-- JSON values are stored as TEXT. Never edit this file after it lands; add 0002_*.sql instead.

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  email           TEXT NOT NULL,
  home_folder_id  TEXT,
  trash_folder_id TEXT,
  created_at      BIGINT NOT NULL
);
CREATE INDEX users_email ON users(email);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE user_groups (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE group_members (
  group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members(user_id);

-- Folders, datasets and dataset versions share one id space.
CREATE TABLE entries (
  id            TEXT PRIMARY KEY,
  type          TEXT NOT NULL CHECK (type IN ('folder', 'dataset', 'dataset_version')),
  name          TEXT NOT NULL,
  description   TEXT,
  creator_id    TEXT REFERENCES users(id),
  creation_date BIGINT NOT NULL
);
CREATE INDEX entries_creator ON entries(creator_id);
CREATE INDEX entries_name ON entries(name);

CREATE TABLE folders (
  id          TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  folder_type TEXT NOT NULL CHECK (folder_type IN ('home', 'trash', 'folder'))
);

CREATE TABLE folder_entries (
  folder_id TEXT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  entry_id  TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  added_at  BIGINT NOT NULL,
  PRIMARY KEY (folder_id, entry_id)
);
CREATE INDEX folder_entries_entry ON folder_entries(entry_id);

CREATE TABLE datasets (
  id TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE
);

CREATE TABLE dataset_permanames (
  permaname     TEXT PRIMARY KEY,
  dataset_id    TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  creation_date BIGINT NOT NULL
);
CREATE INDEX dataset_permanames_dataset ON dataset_permanames(dataset_id);

CREATE TABLE dataset_versions (
  id                  TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  dataset_id          TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  version             INTEGER NOT NULL CHECK (version >= 1),
  state               TEXT NOT NULL DEFAULT 'approved'
                        CHECK (state IN ('approved', 'deprecated', 'deleted')),
  reason_state        TEXT,
  changes_description TEXT,
  UNIQUE (dataset_id, version)
);

-- Content-addressed bytes: one row per distinct SHA-256, whoever uploaded them.
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,
  md5        TEXT NOT NULL,
  size       BIGINT NOT NULL,
  store_key  TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE datafiles (
  id                      TEXT PRIMARY KEY,
  dataset_version_id      TEXT NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
  name                    TEXT NOT NULL,
  kind                    TEXT NOT NULL CHECK (kind IN ('s3', 'virtual', 'gcs')),
  format                  TEXT CHECK (format IN ('Raw', 'HDF5', 'Columnar')),
  underlying_datafile_id  TEXT REFERENCES datafiles(id),
  blob_sha256             TEXT REFERENCES blobs(sha256),
  compressed_blob_sha256  TEXT REFERENCES blobs(sha256),
  s3_bucket               TEXT,
  s3_key                  TEXT,
  encoding                TEXT,
  custom_metadata         TEXT,
  short_summary           TEXT,
  long_summary            TEXT,
  column_types            TEXT,
  preview                 TEXT,
  original_file_sha256    TEXT,
  original_file_md5       TEXT,
  gcs_path                TEXT,
  created_at              BIGINT NOT NULL,
  UNIQUE (dataset_version_id, name),
  CHECK (kind <> 'virtual' OR underlying_datafile_id IS NOT NULL)
);
CREATE INDEX datafiles_underlying ON datafiles(underlying_datafile_id);
CREATE INDEX datafiles_blob ON datafiles(blob_sha256);
CREATE INDEX datafiles_compressed_blob ON datafiles(compressed_blob_sha256);

CREATE TABLE upload_sessions (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX upload_sessions_expiry ON upload_sessions(expires_at);

CREATE TABLE jobs (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'PENDING'
                  CHECK (state IN ('PENDING', 'STARTED', 'PROGRESS', 'SUCCESS', 'FAILURE')),
  progress_current BIGINT NOT NULL DEFAULT 0,
  progress_total   BIGINT NOT NULL DEFAULT 1,
  message       TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  max_attempts  INTEGER NOT NULL DEFAULT 5,
  run_after     BIGINT NOT NULL,
  lease_owner   TEXT,
  lease_expires BIGINT,
  result        TEXT,
  error         TEXT,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX jobs_claim ON jobs(state, run_after);

CREATE TABLE upload_session_files (
  id                 TEXT PRIMARY KEY,
  session_id         TEXT NOT NULL REFERENCES upload_sessions(id) ON DELETE CASCADE,
  filename           TEXT NOT NULL,
  filetype           TEXT NOT NULL CHECK (filetype IN ('s3', 'virtual', 'gcs')),
  initial_format     TEXT,
  encoding           TEXT,
  custom_metadata    TEXT,
  upload_key         TEXT,
  existing_datafile_id TEXT REFERENCES datafiles(id),
  job_id             TEXT REFERENCES jobs(id),
  state              TEXT NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'processing', 'ready', 'failed')),
  error              TEXT,
  converted_format   TEXT,
  blob_sha256        TEXT REFERENCES blobs(sha256),
  compressed_blob_sha256 TEXT REFERENCES blobs(sha256),
  short_summary      TEXT,
  long_summary       TEXT,
  column_types       TEXT,
  preview            TEXT,
  original_file_sha256 TEXT,
  original_file_md5  TEXT,
  created_at         BIGINT NOT NULL,
  position           BIGINT NOT NULL,  -- 1, 2, ... in the order the files were added
  UNIQUE (session_id, position)
);
CREATE INDEX upload_session_files_existing ON upload_session_files(existing_datafile_id);
CREATE INDEX upload_session_files_blob ON upload_session_files(blob_sha256);
CREATE INDEX upload_session_files_compressed_blob ON upload_session_files(compressed_blob_sha256);

-- Export cache: one row per (real datafile, format), created once under concurrency.
CREATE TABLE conversion_cache (
  id          TEXT PRIMARY KEY,
  datafile_id TEXT NOT NULL REFERENCES datafiles(id) ON DELETE CASCADE,
  format      TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'complete', 'failed')),
  status      TEXT,
  job_id      TEXT REFERENCES jobs(id),
  blob_sha256 TEXT REFERENCES blobs(sha256),
  error       TEXT,
  created_at  BIGINT NOT NULL,
  UNIQUE (datafile_id, format)
);
CREATE INDEX conversion_cache_blob ON conversion_cache(blob_sha256);

CREATE TABLE activities (
  id                  TEXT PRIMARY KEY,
  dataset_id          TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  user_id             TEXT REFERENCES users(id),
  type                TEXT NOT NULL CHECK (type IN ('created', 'changed_name',
                        'changed_description', 'added_version', 'started_log')),
  timestamp           BIGINT NOT NULL,
  comments            TEXT,
  dataset_name        TEXT,
  dataset_description TEXT,
  dataset_version     INTEGER,
  changes_description TEXT
);
CREATE INDEX activities_dataset ON activities(dataset_id, timestamp);

CREATE TABLE access_logs (
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  entry_id    TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  last_access BIGINT NOT NULL,
  PRIMARY KEY (user_id, entry_id)
);
CREATE INDEX access_logs_entry ON access_logs(entry_id);

CREATE TABLE subscriptions (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, dataset_id)
);
CREATE INDEX subscriptions_dataset ON subscriptions(dataset_id);

-- Editor grants on an entry, to a user or a group (exactly one of them).
CREATE TABLE rights_grants (
  id         TEXT PRIMARY KEY,
  entry_id   TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  user_id    TEXT REFERENCES users(id) ON DELETE CASCADE,
  group_id   INTEGER REFERENCES user_groups(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
  created_at BIGINT NOT NULL,
  CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
CREATE INDEX rights_grants_entry ON rights_grants(entry_id);

-- Keys and secrets the server generates on first start (signing keys), by name.
CREATE TABLE server_settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

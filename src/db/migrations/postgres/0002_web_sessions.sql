-- 0002: web UI sign-in (issue #5). One-time sign-in codes (the link `taiga serve` and
-- `taiga signin-url` print) and browser sessions (the taiga_session cookie). Only SHA-256 hashes
-- of the secrets are stored. Timestamps are microseconds since the epoch (UTC).

CREATE TABLE signin_codes (
  code_hash  TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX signin_codes_expires ON signin_codes(expires_at);

CREATE TABLE web_sessions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash  TEXT NOT NULL UNIQUE,
  method       TEXT NOT NULL,  -- code | token
  api_token_id TEXT REFERENCES api_tokens(id) ON DELETE CASCADE,  -- method token: revoking ends it
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions(user_id);
CREATE INDEX web_sessions_expires ON web_sessions(expires_at);

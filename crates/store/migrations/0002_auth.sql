-- Sign-in state lives in the database, so a restart or a second instance
-- keeps users signed in. Tokens are stored as SHA-256 hashes only.

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

-- Failed sign-ins per e-mail address (also for unknown addresses), for
-- the lock-out after repeated failures.
CREATE TABLE login_failures (
    email            TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL,
    first_failure_at BIGINT NOT NULL,
    locked_until     BIGINT
);

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- The deadline engine and calendar feeds (issue 4). Portable SQL only, as
-- in 0001.

-- Per user at most one calendar feed: the secret in the feed's URL
-- (/agenda/{token}.ics) is stored only as its SHA-256 hash, so a copy of
-- the database opens no feed. Resetting replaces the row (the old URL stops
-- working at once); removing deletes it.
CREATE TABLE calendar_feeds (
    user_id    TEXT PRIMARY KEY REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
);

-- A user's open terms (their calendar feed): the complaints they handle or
-- answer for as manager. Partial indexes hold the open complaints only
-- (those with a next term), so the cost does not grow with the closed ones.
CREATE INDEX complaints_open_handler_idx ON complaints (handler, next_due, id)
    WHERE next_due IS NOT NULL;
CREATE INDEX complaints_open_manager_idx ON complaints (responsible_manager, next_due, id)
    WHERE next_due IS NOT NULL;

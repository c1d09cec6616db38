-- Saved views of the overview (issue 15 §6): the quality manager and the
-- director keep a filter of /overzicht under a name of their own. Per
-- user; the name is unique per user by its key (trimmed, lower case), so
-- "Te laat" and "te laat " are one name. `query` is the filter's query
-- string as /overzicht reads it. Portable SQL only, as in 0001.
CREATE TABLE saved_views (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    query       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT saved_views_user_name_key UNIQUE (user_id, name_key)
);

-- The first sign-in tour of the start page (issue 16): shown until the
-- user puts it away, which is remembered here, per user. Portable SQL
-- only, as in 0001.
CREATE TABLE tour_dismissals (
    user_id      TEXT PRIMARY KEY REFERENCES users (id),
    dismissed_at BIGINT NOT NULL
);

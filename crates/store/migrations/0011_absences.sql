-- Absences (issue 12, item 7): while a handler or action owner is away,
-- their reminders and digests go to a stand-in. Portable SQL only, as in
-- 0001. Days are ISO dates as text ('2026-12-07'), as the terms in
-- `complaints`, so that they compare in date order on both databases.
CREATE TABLE absences (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    note        TEXT,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at BIGINT NOT NULL,
    -- When the responsible managers were alerted to hand over the
    -- person's work: set once, in the transaction that queues the alert.
    alerted_at  BIGINT,
    CONSTRAINT absences_period_check CHECK (ends_on >= starts_on)
);

-- The absences that are current or planned (the engine's and the page's
-- question): those that have not ended.
CREATE INDEX absences_ends_on_idx ON absences (ends_on, starts_on);
CREATE INDEX absences_user_idx ON absences (user_id, ends_on);

-- Structural complaints and improvement actions (DESIGN §6). Portable SQL
-- only, as in 0001: instants BIGINT microseconds, dates TEXT 'YYYY-MM-DD',
-- ids TEXT UUIDs.

-- Detection reads the complaints received in the window by receipt
-- (complaints_received_idx) and their intake events by primary key.

-- Per year the last number handed to an improvement action (V-2026-0003).
CREATE TABLE improvement_counters (
    year        INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

-- An improvement action (verbeteractie): the current state. `version` is
-- the number of its events and guards every change (optimistic
-- concurrency), as for complaints.
CREATE TABLE improvement_actions (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    number      BIGINT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES users (id),
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL,
    evaluation  TEXT,
    pattern_key TEXT,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    closed_at   BIGINT,
    version     BIGINT NOT NULL,
    CONSTRAINT improvement_actions_number_key UNIQUE (year, number)
);
CREATE INDEX improvement_actions_created_idx ON improvement_actions (created_at, id);
CREATE INDEX improvement_actions_owner_idx ON improvement_actions (owner_id, created_at, id);
CREATE INDEX improvement_actions_status_idx ON improvement_actions (status, created_at, id);

-- The complaints an action answers.
CREATE TABLE improvement_action_complaints (
    action_id    TEXT NOT NULL REFERENCES improvement_actions (id),
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    PRIMARY KEY (action_id, complaint_id)
);
CREATE INDEX improvement_action_complaints_complaint_idx
    ON improvement_action_complaints (complaint_id, action_id);

-- Every change of an action: who, when and what (JSON of the domain's
-- ImprovementEvent). Append-only; the actor's name is kept as it was.
CREATE TABLE improvement_events (
    action_id  TEXT NOT NULL REFERENCES improvement_actions (id),
    seq        BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    actor_id   TEXT,
    actor_name TEXT NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (action_id, seq)
);

-- What the quality manager decided about a flagged pattern: dismissed
-- (with a reason) or acted on (with the improvement action opened for
-- it). A decision covers the complaints the pattern held at that moment;
-- the pattern key is one per (dimension, value), e.g. 'category:planning'.
CREATE TABLE pattern_decisions (
    id          TEXT PRIMARY KEY,
    pattern_key TEXT NOT NULL,
    label       TEXT NOT NULL,
    window_from TEXT NOT NULL,
    window_to   TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    reason      TEXT,
    action_id   TEXT REFERENCES improvement_actions (id),
    decided_by  TEXT NOT NULL REFERENCES users (id),
    decided_by_name TEXT NOT NULL,
    decided_at  BIGINT NOT NULL
);
CREATE INDEX pattern_decisions_window_idx ON pattern_decisions (window_to, decided_at);
CREATE INDEX pattern_decisions_key_idx ON pattern_decisions (pattern_key, decided_at);

CREATE TABLE pattern_decision_complaints (
    decision_id  TEXT NOT NULL REFERENCES pattern_decisions (id),
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    PRIMARY KEY (decision_id, complaint_id)
);

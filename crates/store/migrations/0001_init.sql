-- One schema for SQLite and PostgreSQL: only portable types and syntax.
-- Instants are BIGINT microseconds since the Unix epoch (UTC); calendar
-- dates are TEXT 'YYYY-MM-DD' (they sort as text); ids are TEXT UUIDs.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    manager_id    TEXT REFERENCES users (id),
    password_hash TEXT,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);
CREATE INDEX users_manager_idx ON users (manager_id);

-- Per year the last reference number handed out (K-2026-0042).
CREATE TABLE reference_counters (
    year        INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

-- The stream header and the read model for lists, in one row per
-- complaint: `version` is the seq of the last event and guards every
-- append (optimistic concurrency).
CREATE TABLE complaints (
    id                  TEXT PRIMARY KEY,
    reference           TEXT NOT NULL,
    version             BIGINT NOT NULL,
    kind                TEXT NOT NULL,
    status              TEXT NOT NULL,
    channel             TEXT NOT NULL,
    received_at         BIGINT NOT NULL,
    received_by         TEXT,
    responsible_manager TEXT,
    handler             TEXT,
    complainant_name    TEXT NOT NULL,
    service             TEXT,
    category            TEXT,
    summary             TEXT NOT NULL,
    next_step           TEXT,
    next_due            TEXT,
    report_due          TEXT NOT NULL,
    contact_due         TEXT NOT NULL,
    offer_due           TEXT NOT NULL,
    record_due          TEXT NOT NULL,
    closed_at           BIGINT,
    updated_at          BIGINT NOT NULL,
    CONSTRAINT complaints_reference_key UNIQUE (reference)
);
CREATE INDEX complaints_received_idx ON complaints (received_at, id);
CREATE INDEX complaints_next_due_idx ON complaints (next_due, id);
CREATE INDEX complaints_status_idx ON complaints (status, received_at);

-- Who is connected to a complaint (registrant, responsible manager,
-- handler, assistants): object-level authorisation of lists uses it.
CREATE TABLE complaint_participants (
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    user_id      TEXT NOT NULL,
    PRIMARY KEY (complaint_id, user_id)
);
CREATE INDEX complaint_participants_user_idx ON complaint_participants (user_id, complaint_id);

-- The append-only history: the audit trail and the source of truth.
CREATE TABLE complaint_events (
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    seq          BIGINT NOT NULL,
    at           BIGINT NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    data         TEXT NOT NULL,
    PRIMARY KEY (complaint_id, seq)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

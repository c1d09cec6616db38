-- The public side (DESIGN §8, issue 4): tracking codes, attachments sent
-- with the public form, the services the form offers with the manager each
-- is routed to, and the rate limit of the form. Portable SQL only, as in
-- 0001.

-- The complainant's tracking code (volgcode): a secret capability to read
-- the status page, so it is kept here and not in the event history (which
-- is exported and sealed into the dossier). Written in the complaint's own
-- transaction. `code` is the 12-character compact form.
CREATE TABLE tracking_codes (
    complaint_id TEXT PRIMARY KEY REFERENCES complaints (id),
    code         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    CONSTRAINT tracking_codes_code_key UNIQUE (code)
);

-- Files sent with a complaint, kept in the database so that every
-- instance serves them. BYTEA is PostgreSQL's binary type; SQLite accepts
-- the name and stores the bytes as a BLOB. The type is checked by its
-- magic bytes before it gets here; `sha256` (hex) and `size_bytes` let the
-- dossier prove what was received.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BYTEA NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX attachments_complaint_idx ON attachments (complaint_id, created_at);

-- "Over welke dienst of afdeling gaat uw klacht?": the choices of the
-- public form, each with the manager a submission about it is reported
-- to. Kept in Beheer (with a log entry per change); renamed or
-- deactivated, never deleted. Without a manager (or without a choice) a
-- submission stays unrouted and the quality manager routes it.
CREATE TABLE public_services (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    manager_id TEXT REFERENCES users (id),
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    position   INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT public_services_name_key UNIQUE (name_key)
);

-- Rate limits shared by all instances: one row per key (e.g. a hashed
-- client address) with the start of its current window and the hits in
-- it. Rows whose window has passed are deleted as new hits come in.
CREATE TABLE rate_limits (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         INTEGER NOT NULL
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);

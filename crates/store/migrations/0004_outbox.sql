-- The durable outbox (DESIGN §7, issue 4): every message to the outside
-- world (e-mail now, the Exact registration later) is a row written in the
-- same transaction as the change that causes it. A worker delivers it with
-- retries and back-off; nothing is lost when the receiver is down.
--
-- status: 'pending' (waiting or being delivered), 'sent', 'failed' (after
-- the last attempt; shown to the quality manager, who may retry it).
-- A claimed message gets `available_at` = now + lease: a worker that dies
-- mid-delivery leaves it to be picked up again once the lease ends.
-- `dedupe_key` makes scheduling idempotent: a reminder that was already
-- queued (by this or another instance) is not queued twice.
CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    dedupe_key   TEXT,
    complaint_id TEXT,
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    available_at BIGINT NOT NULL,
    last_error   TEXT,
    sent_at      BIGINT,
    result       TEXT,
    CONSTRAINT outbox_dedupe_key UNIQUE (dedupe_key)
);
-- The worker's queue: pending rows by due time.
CREATE INDEX outbox_pending_idx ON outbox (status, kind, available_at);
CREATE INDEX outbox_complaint_idx ON outbox (complaint_id, created_at);

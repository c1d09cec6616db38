-- Complaints from the mailbox (issue 17 §2): every message the mailbox job
-- takes in, kept as received (`raw`) so that nothing is ever lost, also a
-- message that cannot be read (`problem` says why). Portable SQL as in 0001;
-- BYTEA is stored as a BLOB by SQLite (see 0005).
--
-- The unique key (folder, uid_validity, uid) is the claim: the insert of
-- the row is the job's "mine", so two instances polling the same mailbox
-- take each message in once. A new UIDVALIDITY (the server renumbered the
-- folder) starts a new key space, as IMAP says it must.
CREATE TABLE mailbox_messages (
    id            TEXT PRIMARY KEY,
    folder        TEXT NOT NULL,
    uid_validity  BIGINT NOT NULL,
    uid           BIGINT NOT NULL,
    taken_in_at   BIGINT NOT NULL,
    sender_email  TEXT,
    sender_name   TEXT,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    -- Why the message needs a human look (unreadable, a file refused).
    problem       TEXT,
    raw           BYTEA NOT NULL,
    -- open: waits on the quality manager's start page; registered: became
    -- a complaint or signal; dismissed: "geen klacht"; reply: added to
    -- the timeline of `complaint_id` as "E-mail van de klager".
    status        TEXT NOT NULL,
    complaint_id  TEXT REFERENCES complaints (id),
    decided_by    TEXT REFERENCES users (id),
    decided_at    BIGINT,
    -- A reply: when the afhandelaar marked it read on the start page.
    seen_at       BIGINT,
    CONSTRAINT mailbox_messages_claim UNIQUE (folder, uid_validity, uid),
    CONSTRAINT mailbox_messages_status_check
        CHECK (status IN ('open', 'registered', 'dismissed', 'reply'))
);

CREATE INDEX mailbox_messages_status_idx ON mailbox_messages (status, taken_in_at);

-- Files of a message that waits as an intake item; once it is registered
-- they are copied to `attachments` of the complaint.
CREATE TABLE mailbox_attachments (
    id           TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL REFERENCES mailbox_messages (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BYTEA NOT NULL
);

CREATE INDEX mailbox_attachments_message_idx ON mailbox_attachments (message_id);

-- The complaint dossier (klachtendossier, DESIGN §3 "close", issue 5):
-- what the quality manager files on closing, the hash chain that seals a
-- filed complaint's history, and the retention log (AVG/GDPR).
-- Portable SQL only, as in 0001.

-- One entry per filed complaint: the complaint form frozen as a PDF and a
-- JSON record of every event up to `sealed_seq`, each with its SHA-256
-- (lower-case hex). `chain_head` is the chain hash of event `sealed_seq`.
-- `year` is the year of closing in the organisation's zone (the dossier is
-- kept per year). Anonymisation (retention) replaces record and PDF and
-- re-seals; `anonymised_at` says when.
CREATE TABLE dossier (
    complaint_id  TEXT PRIMARY KEY REFERENCES complaints (id),
    year          INTEGER NOT NULL,
    closed_at     BIGINT NOT NULL,
    filed_at      BIGINT NOT NULL,
    filed_by      TEXT,
    sealed_seq    BIGINT NOT NULL,
    record_json   TEXT NOT NULL,
    record_sha256 TEXT NOT NULL,
    pdf           BYTEA NOT NULL,
    pdf_sha256    TEXT NOT NULL,
    chain_head    TEXT NOT NULL,
    anonymised_at BIGINT
);
-- The dossier page: one year, newest filing first, keyset-paginated.
CREATE INDEX dossier_year_filed_idx ON dossier (year, filed_at, complaint_id);

-- The hash chain of a filed complaint: for every event, in seq order,
-- hash_n = SHA-256(hash_{n-1} || canonical bytes of event n), hash_0 = 32
-- zero bytes (see crates/store/src/dossier.rs). Written when the complaint
-- is filed and extended in the same transaction as every later append.
CREATE TABLE complaint_event_hashes (
    complaint_id TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    hash         TEXT NOT NULL,
    PRIMARY KEY (complaint_id, seq)
);

-- Retention (AVG/GDPR): every anonymisation and every access export, who,
-- when and what. Append-only. `detail` is JSON (fields anonymised, chain
-- heads before and after, or what an export was asked for).
CREATE TABLE retention_log (
    id           TEXT PRIMARY KEY,
    at           BIGINT NOT NULL,
    action       TEXT NOT NULL,
    complaint_id TEXT,
    reference    TEXT,
    actor        TEXT NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX retention_log_complaint_idx ON retention_log (complaint_id, action);
CREATE INDEX retention_log_at_idx ON retention_log (at, id);

-- Retention finds expired complaints by their closing (and signals by
-- their receipt, which complaints_received_idx serves).
CREATE INDEX complaints_closed_at_idx ON complaints (closed_at);

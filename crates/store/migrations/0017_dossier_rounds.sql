-- Issue 16: reopening a filed complaint. The dossier row is the filing of
-- the complaint's latest filed round (`round`, 1 for every complaint filed
-- before reopening existed). When a later round is filed, the earlier
-- filing moves to `dossier_rounds` exactly as it was (same documents,
-- digests and chain head; the chain hashes of its events stay in
-- complaint_event_hashes), so that every round stays listed and verifiable
-- with `klacht verify`. Portable SQL only, as in 0001.
ALTER TABLE dossier ADD COLUMN round INTEGER NOT NULL DEFAULT 1;

CREATE TABLE dossier_rounds (
    complaint_id  TEXT NOT NULL REFERENCES complaints (id),
    round         INTEGER NOT NULL,
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
    -- When the next round's filing took its place in `dossier`.
    superseded_at BIGINT NOT NULL,
    PRIMARY KEY (complaint_id, round)
);

-- The overview's count per status without counting the table (issue 14
-- §3): at a million complaints `GROUP BY status` read every row on every
-- page view. Every write of a complaint's row adds its status moves here in
-- the same transaction (+1 for the new status, -1 for the old one); the
-- count is the sum per status. Insert-only, so concurrent intakes never
-- wait on one counter row; reading the counts folds the moves back into
-- one row per status once they pile up. Portable SQL as in 0001.
CREATE TABLE complaint_status_moves (
    status TEXT NOT NULL,
    delta  BIGINT NOT NULL
);
INSERT INTO complaint_status_moves (status, delta)
    SELECT status, COUNT(*) FROM complaints GROUP BY status;

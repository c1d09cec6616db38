-- The dashboard and the yearly report at 200,000 complaints a year (issue
-- 14 §2): each complaint's report facts (`klacht_domain::stats::ComplaintFacts`)
-- kept on its read-model row, written by the same statement as the row on
-- every write, so the reports read them instead of replaying every stream.
-- `facts` is the facts as JSON, `facts_key` names what they were computed
-- on (the working calendar and the facts' version, a hash made by the
-- application). Both NULL on rows written before this migration: the
-- reports replay those and a job round fills them in slices. Adding
-- nullable columns rewrites nothing, on either engine; the index lets
-- that job find stale rows without reading the table.
ALTER TABLE complaints ADD COLUMN facts_key TEXT;
ALTER TABLE complaints ADD COLUMN facts TEXT;
CREATE INDEX complaints_facts_key_idx ON complaints (facts_key);

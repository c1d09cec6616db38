-- Text search by index (issue 14 §2), PostgreSQL's half of migration 0028
-- (the runner applies `*.postgres.sql` on PostgreSQL only, `*.sqlite.sql`
-- on SQLite only; see `Store::migrate`). The lists keep their query
-- (LOWER(column) LIKE '%...%' per column, ORed): a trigram GIN index on
-- each lowered column lets the planner answer it with a BitmapOr of index
-- scans instead of reading every complaint. pg_trgm is a trusted extension
-- (PostgreSQL 13+), so the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX complaints_reference_trgm ON complaints USING gin (LOWER(reference) gin_trgm_ops);
CREATE INDEX complaints_name_trgm ON complaints USING gin (LOWER(complainant_name) gin_trgm_ops);
CREATE INDEX complaints_summary_trgm ON complaints USING gin (LOWER(summary) gin_trgm_ops);
CREATE INDEX complaints_service_trgm ON complaints USING gin (LOWER(COALESCE(service, '')) gin_trgm_ops);
CREATE INDEX complaints_category_trgm ON complaints USING gin (LOWER(COALESCE(category, '')) gin_trgm_ops);

-- Text search by index (issue 14 §2), SQLite's half of migration 0028 (the
-- runner applies `*.sqlite.sql` on SQLite only, `*.postgres.sql` on
-- PostgreSQL only; see `Store::migrate`). The lists searched a part of a
-- word with LOWER(...) LIKE '%...%', a scan of every complaint. An FTS5
-- table with the trigram tokenizer answers the same question from an index
-- for searches of three characters or more (a phrase of trigrams is a
-- substring match, case-insensitive); shorter ones keep the LIKE.
--
-- Contentless (the text stays in `complaints` only), rows deleted by rowid
-- (contentless_delete, SQLite 3.43+), and the rowid is the complaint row's.
-- Triggers keep it in step with every write of `complaints` in the same
-- transaction: intake, appends, the bulk path and anonymisation (which
-- rewrites complainant_name, so the old name leaves the index too).
CREATE VIRTUAL TABLE complaint_search USING fts5(
    reference, complainant_name, summary, service, category,
    content = '', contentless_delete = 1, tokenize = 'trigram'
);
INSERT INTO complaint_search (rowid, reference, complainant_name, summary, service, category)
    SELECT rowid, reference, complainant_name, summary, service, category FROM complaints;
CREATE TRIGGER complaint_search_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO complaint_search (rowid, reference, complainant_name, summary, service, category)
        VALUES (new.rowid, new.reference, new.complainant_name, new.summary, new.service, new.category);
END;
CREATE TRIGGER complaint_search_update AFTER UPDATE ON complaints
    WHEN old.reference IS NOT new.reference
      OR old.complainant_name IS NOT new.complainant_name
      OR old.summary IS NOT new.summary
      OR old.service IS NOT new.service
      OR old.category IS NOT new.category
      OR old.rowid IS NOT new.rowid
BEGIN
    DELETE FROM complaint_search WHERE rowid = old.rowid;
    INSERT INTO complaint_search (rowid, reference, complainant_name, summary, service, category)
        VALUES (new.rowid, new.reference, new.complainant_name, new.summary, new.service, new.category);
END;
CREATE TRIGGER complaint_search_delete AFTER DELETE ON complaints BEGIN
    DELETE FROM complaint_search WHERE rowid = old.rowid;
END;

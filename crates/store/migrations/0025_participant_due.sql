-- "Mijn klachten" at scale (issue 14 §3): the list of a person's complaints
-- is ordered by the next term, which lives on the complaint; a manager of a
-- large team takes part in hundreds of thousands, and ordering them meant
-- joining and sorting all of them on every page. Each participant row now
-- carries the complaint's sort key (its next term, '9999-12-31' without
-- one), rewritten with the participants on every append, so a page is one
-- seek in the index below. Portable SQL as in 0001.
ALTER TABLE complaint_participants ADD COLUMN due_key TEXT NOT NULL DEFAULT '9999-12-31';
UPDATE complaint_participants SET due_key = COALESCE(
    (SELECT c.next_due FROM complaints c WHERE c.id = complaint_participants.complaint_id),
    '9999-12-31');
CREATE INDEX complaint_participants_due_idx ON complaint_participants (user_id, due_key, complaint_id);

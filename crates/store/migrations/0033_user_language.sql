-- The language a staff member chose for their pages and mail (issue 18);
-- NULL: not chosen, their browser's language decides. Codes as
-- klacht_domain::Language writes them ('nl', 'en').
ALTER TABLE users ADD COLUMN language TEXT;

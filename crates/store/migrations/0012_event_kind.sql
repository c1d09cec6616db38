-- Events found by their type: the director's open consultations (issue 12)
-- are the open complaints with a `director_consulted` event addressed to
-- her, read for her start page. Portable SQL, as in 0001.
CREATE INDEX complaint_events_kind_idx ON complaint_events (kind, complaint_id);

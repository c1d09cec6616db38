-- The work queue at scale (issue 14): every staff page counts what waits
-- for its user, which read every complaint the user ever took part in (a
-- manager of a large team: hundreds of thousands) and the action events of
-- every open complaint in the organisation. Now:
-- 1. An open complaint without a term sorts at '9999-12-30' in its
--    participants' rows, before the finished ones at '9999-12-31', so a
--    person's open complaints are one range of complaint_participants_due_idx.
-- 2. The action events have a partial index by complaint, so a complaint's
--    actions are found without reading its other events.
-- Portable SQL as in 0001.
UPDATE complaint_participants SET due_key = '9999-12-30'
 WHERE due_key = '9999-12-31'
   AND complaint_id IN (SELECT id FROM complaints
                         WHERE status IN ('awaiting_handler', 'in_progress', 'recorded', 'escalated', 'reopened'));
CREATE INDEX complaint_events_action_idx ON complaint_events (complaint_id, seq)
 WHERE kind IN ('action_agreed', 'action_completed', 'corrected');

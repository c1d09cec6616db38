-- Issue 12: a registration in Exact entered by hand (the quality manager
-- records the E-Synergy number on the complaint) settles the registration
-- still waiting in the outbox, in the same transaction as the event (see
-- settle_registered_in_exact in crates/store/src/sql/outbox.rs). Rows left
-- waiting by earlier versions are settled here, so that they are neither
-- sent nor exported a second time. Portable SQL only, as in 0001.
UPDATE outbox
SET status = 'sent',
    result = 'geregistreerd in Exact',
    last_error = NULL,
    sent_at = (
        SELECT MAX(e.at) FROM complaint_events e
        WHERE e.complaint_id = outbox.complaint_id AND e.kind = 'registered_in_exact'
    )
WHERE kind = 'exact'
  AND status IN ('pending', 'failed')
  AND complaint_id IN (
      SELECT complaint_id FROM complaint_events WHERE kind = 'registered_in_exact'
  );

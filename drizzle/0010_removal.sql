-- The one way past the immutability triggers: chronicle_remove_events, which the scavenger
-- (retention) and the rollback of an import call. The row trigger lets a delete through only
-- while the function runs, which it marks with a transaction-local setting that it clears again;
-- updates stay refused, and so does truncate. Each call is recorded on the audit trail by its
-- caller, in the same transaction.
CREATE OR REPLACE FUNCTION chronicle_reject_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('chronicle.removing_stream', true) = OLD.stream_id THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'events are immutable: % is not allowed on events', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Removes a stream's events up to and including p_through_version; answers how many it removed.
-- p_reason names the caller ('retention' or 'import-rollback') for the error it raises otherwise.
CREATE FUNCTION chronicle_remove_events(p_stream_id text, p_through_version bigint, p_reason text)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_removed bigint;
BEGIN
  IF p_reason NOT IN ('retention', 'import-rollback') THEN
    RAISE EXCEPTION 'events are removed only by retention or an import rollback, not %', p_reason
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('chronicle.removing_stream', p_stream_id, true);
  DELETE FROM events WHERE stream_id = p_stream_id AND stream_version <= p_through_version;
  GET DIAGNOSTICS v_removed = ROW_COUNT;
  PERFORM set_config('chronicle.removing_stream', '', true);
  RETURN v_removed;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION chronicle_remove_events(text, bigint, text) FROM PUBLIC;

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
--> statement-breakpoint
-- Retention. Whether one event has expired: its category has a rule, its stream is not under a
-- legal hold, and it is past the rule's count (each stream keeps its newest max_count events) or
-- age (by recorded time). Reads call it only for the categories that have a rule (see
-- lib/retention/visible.ts). Recorded times never decrease along a stream (chronicle_append
-- takes them after locking the stream row), so the expired events are always a prefix of it.
CREATE FUNCTION chronicle_event_expired(p_stream_id text, p_category text, p_version bigint,
  p_recorded_at timestamptz)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM retention_policies r JOIN streams s ON s.stream_id = p_stream_id
    WHERE r.category = p_category
      AND (p_version <= s.version - r.max_count
        OR p_recorded_at < now() - make_interval(days => r.max_age_days))
      AND NOT EXISTS (SELECT 1 FROM stream_holds h WHERE h.stream_id = p_stream_id))
$$;
--> statement-breakpoint
-- The last version of a stream that no read shows: removed by the scavenger (the truncation
-- anchor) or expired by its category's rule; 0 for none.
CREATE FUNCTION chronicle_expired_through(p_stream_id text)
RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT greatest(
    coalesce((SELECT t.anchor_version FROM stream_truncations t WHERE t.stream_id = p_stream_id), 0),
    coalesce((
      SELECT greatest(
        coalesce(s.version - r.max_count, 0),
        -- The first event still young enough, found by walking the expired ones (few, once
        -- the scavenger has run); none at all: every event has expired.
        CASE WHEN r.max_age_days IS NULL THEN 0 ELSE coalesce((
          SELECT e.stream_version - 1 FROM events e
          WHERE e.stream_id = s.stream_id
            AND e.recorded_at >= now() - make_interval(days => r.max_age_days)
          ORDER BY e.stream_version LIMIT 1), s.version) END)
      FROM streams s JOIN retention_policies r ON r.category = s.category
      WHERE s.stream_id = p_stream_id
        AND NOT EXISTS (SELECT 1 FROM stream_holds h WHERE h.stream_id = p_stream_id)), 0))
$$;

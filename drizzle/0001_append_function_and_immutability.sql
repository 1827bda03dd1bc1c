-- Appends a batch to one stream in a single call (one round trip, one transaction).
--
-- p_expected: >= 0 exact version (0 = the stream must not exist), -1 any, -2 stream_exists.
-- p_events: [{eventId, type, schemaVersion, data, metadata, occurredAtMs|null, contentHash}]
--
-- Global positions are derived from the transaction id: xid * 1024 + index within the
-- transaction. Readers only return rows below pg_snapshot_xmin * 1024, so a position is never
-- exposed before every transaction that could still take a lower one has ended.
--
-- The stream row is written before anything else in the transaction, so the transaction id is
-- assigned at that point. A writer that had to wait for the row (another writer appended to
-- the stream meanwhile) fails the version predicate and is retried by the caller in a new
-- transaction: a stream's positions therefore always increase with its versions.
CREATE FUNCTION chronicle_append(p_stream_id text, p_expected bigint, p_events jsonb)
RETURNS TABLE (r_status text, r_version bigint, r_first_position bigint, r_recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_count int := jsonb_array_length(p_events);
  v_seen bigint;
  v_written int;
  v_now timestamptz;
  v_now_ms bigint;
  v_xid xid8;
  v_offset int;
  v_prev text;
  v_prevs text[] := '{}';
  v_hashes text[] := '{}';
  v_event record;
BEGIN
  IF p_expected >= 0 THEN
    v_seen := p_expected;
  ELSE
    SELECT s.version INTO v_seen FROM streams s WHERE s.stream_id = p_stream_id;
    v_seen := coalesce(v_seen, 0);
    IF p_expected = -2 AND v_seen = 0 THEN
      RETURN QUERY SELECT 'wrong_version'::text, 0::bigint, NULL::bigint, NULL::timestamptz;
      RETURN;
    END IF;
  END IF;

  -- The commit time is read once the stream row is ours, so it never goes backwards within a
  -- stream: time travel by recorded time can treat a stream's recorded times as ordered.
  IF v_seen = 0 THEN
    INSERT INTO streams (stream_id, category, version, created_at, updated_at)
    VALUES (p_stream_id, split_part(p_stream_id, '-', 1), v_count,
      date_trunc('milliseconds', clock_timestamp()), date_trunc('milliseconds', clock_timestamp()))
    ON CONFLICT (stream_id) DO NOTHING
    RETURNING updated_at INTO v_now;
  ELSE
    UPDATE streams SET version = version + v_count,
      updated_at = greatest(updated_at, date_trunc('milliseconds', clock_timestamp()))
    WHERE stream_id = p_stream_id AND version = v_seen
    RETURNING updated_at INTO v_now;
  END IF;
  GET DIAGNOSTICS v_written = ROW_COUNT;

  IF v_written = 0 THEN
    SELECT s.version INTO v_seen FROM streams s WHERE s.stream_id = p_stream_id;
    RETURN QUERY SELECT
      CASE WHEN p_expected >= 0 THEN 'wrong_version' ELSE 'raced' END,
      coalesce(v_seen, 0), NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;

  IF v_seen = 0 THEN
    v_prev := repeat('0', 64);
  ELSE
    SELECT e.hash INTO STRICT v_prev FROM events e
    WHERE e.stream_id = p_stream_id AND e.stream_version = v_seen;
  END IF;

  v_xid := pg_current_xact_id();
  v_offset := coalesce(nullif(current_setting('chronicle.transaction_events', true), ''), '0')::int;
  IF v_offset + v_count > 1024 THEN
    RAISE EXCEPTION 'a transaction can append at most 1024 events' USING ERRCODE = '54000';
  END IF;
  PERFORM set_config('chronicle.transaction_events', (v_offset + v_count)::text, true);

  v_now_ms := (extract(epoch FROM v_now) * 1000)::bigint;
  FOR v_event IN
    SELECT x.ord, (x.e ->> 'occurredAtMs')::bigint AS occurred_ms, x.e ->> 'contentHash' AS content_hash
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord)
    ORDER BY x.ord
  LOOP
    v_prevs := v_prevs || v_prev;
    v_prev := encode(sha256(convert_to(
      v_prev || '|' || (v_seen + v_event.ord) || '|' || coalesce(v_event.occurred_ms, v_now_ms)
        || '|' || v_now_ms || '|' || v_event.content_hash, 'UTF8')), 'hex');
    v_hashes := v_hashes || v_prev;
  END LOOP;

  INSERT INTO events (global_position, stream_id, category, stream_version, event_id, event_type,
    schema_version, data, metadata, occurred_at, recorded_at, transaction_id, prev_hash, hash)
  SELECT
    v_xid::text::bigint * 1024 + v_offset + x.ord - 1,
    p_stream_id,
    split_part(p_stream_id, '-', 1),
    v_seen + x.ord,
    (x.e ->> 'eventId')::uuid,
    x.e ->> 'type',
    (x.e ->> 'schemaVersion')::int,
    x.e -> 'data',
    x.e -> 'metadata',
    coalesce(timestamptz 'epoch' + (x.e ->> 'occurredAtMs')::bigint * interval '1 millisecond', v_now),
    v_now,
    v_xid,
    v_prevs[x.ord],
    v_hashes[x.ord]
  FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);

  RETURN QUERY SELECT 'ok'::text, v_seen + v_count, v_xid::text::bigint * 1024 + v_offset, v_now;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION chronicle_reject_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % is not allowed on events', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_immutable_rows BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION chronicle_reject_event_change();
--> statement-breakpoint
CREATE TRIGGER events_immutable_table BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION chronicle_reject_event_change();

ALTER TABLE "streams" ADD COLUMN "head_hash" text;--> statement-breakpoint
ALTER TABLE "streams" ADD COLUMN "head_prev" text;--> statement-breakpoint
ALTER TABLE "streams" ADD COLUMN "head_position" bigint;--> statement-breakpoint
-- Sets every stream's head from its last event: hash, the hash before it, position. A stream
-- whose events retention removed has its truncation anchor's hash, and no position. Run here for
-- the streams that exist, and by a restore, which takes heads from the events, not the file.
CREATE FUNCTION chronicle_set_stream_heads() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE streams s SET head_hash = e.hash, head_prev = e.prev_hash, head_position = e.global_position
  FROM events e
  WHERE e.stream_id = s.stream_id AND e.stream_version = s.version
    AND (s.head_hash, s.head_prev, s.head_position)
      IS DISTINCT FROM (e.hash, e.prev_hash, e.global_position);
  UPDATE streams s SET head_hash = t.anchor_hash, head_prev = NULL, head_position = NULL
  FROM stream_truncations t
  WHERE t.stream_id = s.stream_id AND t.anchor_version = s.version
    AND (s.head_hash, s.head_prev, s.head_position) IS DISTINCT FROM (t.anchor_hash, NULL, NULL);
END;
$$;
--> statement-breakpoint
SELECT chronicle_set_stream_heads();
--> statement-breakpoint
-- Milliseconds since 1970, as the chain hashes times. STABLE, as its body is, so it is inlined.
CREATE FUNCTION chronicle_ms(p_at timestamptz) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (extract(epoch FROM p_at) * 1000)::bigint $$;
--> statement-breakpoint
-- The first position of the current transaction (its xid is assigned if it had none).
CREATE FUNCTION chronicle_xact_position() RETURNS bigint
LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint * 1024 + chronicle_position_base() $$;
--> statement-breakpoint
-- Called only where a stream's next event would get a position below its head's: a transaction
-- that started after this one appended to the stream first. The writer runs it again.
CREATE FUNCTION chronicle_out_of_order(p_stream_id text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stream % was appended to by a transaction that started after this one',
    p_stream_id USING ERRCODE = '40001', HINT = 'Run the transaction again.';
END;
$$;
--> statement-breakpoint
-- chronicle_append as in 0013, with one change: the previous event's hash and position come from
-- the stream's head, which the write that bumps the version returns, instead of a lookup in
-- events, and the append moves the head to its last event. (Single events outside a transaction
-- take one statement instead: lib/event-store/append-one.ts.)
CREATE OR REPLACE FUNCTION chronicle_append(p_stream_id text, p_expected bigint, p_events jsonb,
  p_check_ids boolean DEFAULT false, p_audit jsonb DEFAULT NULL)
RETURNS TABLE (r_status text, r_version bigint, r_first_position bigint, r_recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_count int := jsonb_array_length(p_events);
  -- No xid yet means nothing was written in this transaction, so no earlier append either.
  v_first_write boolean := pg_current_xact_id_if_assigned() IS NULL;
  v_seen bigint;
  v_now timestamptz;
  v_now_ms bigint;
  v_xid xid8;
  v_base bigint;
  v_offset int := 0;
  v_prev text;
  v_prev_position bigint;
  v_hash text;
  v_prevs text[];
  v_hashes text[];
  v_event record;
BEGIN
  IF p_check_ids AND EXISTS (
    SELECT 1 FROM events e
    WHERE e.event_id IN (SELECT (x ->> 'eventId')::uuid FROM jsonb_array_elements(p_events) x)
  ) THEN
    RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;

  IF p_expected >= 0 THEN
    v_seen := p_expected;
    IF v_seen = 0 THEN
      v_now := date_trunc('milliseconds', clock_timestamp());
      INSERT INTO streams (stream_id, category, version, created_at, updated_at)
      VALUES (p_stream_id, split_part(p_stream_id, '-', 1), v_count, v_now, v_now)
      ON CONFLICT (stream_id) DO NOTHING
      RETURNING updated_at INTO v_now;
    ELSE
      UPDATE streams SET version = version + v_count,
        updated_at = greatest(updated_at, date_trunc('milliseconds', clock_timestamp()))
      WHERE stream_id = p_stream_id AND version = v_seen
      RETURNING updated_at, head_hash, head_position INTO v_now, v_prev, v_prev_position;
    END IF;
    IF v_now IS NULL THEN
      SELECT s.version INTO v_seen FROM streams s WHERE s.stream_id = p_stream_id;
      RETURN QUERY SELECT 'wrong_version'::text, coalesce(v_seen, 0), NULL::bigint,
        NULL::timestamptz;
      RETURN;
    END IF;
  ELSE
    -- The class of the key spells "CHAP"; the key is the stream id's hash (a collision only
    -- makes two streams take turns).
    PERFORM pg_advisory_xact_lock(x'43484150'::int, hashtext(p_stream_id));
    IF p_expected = -2 THEN
      UPDATE streams SET version = version + v_count,
        updated_at = greatest(updated_at, date_trunc('milliseconds', clock_timestamp()))
      WHERE stream_id = p_stream_id
      RETURNING version - v_count, updated_at, head_hash, head_position
      INTO v_seen, v_now, v_prev, v_prev_position;
      IF v_now IS NULL THEN
        RETURN QUERY SELECT 'wrong_version'::text, 0::bigint, NULL::bigint, NULL::timestamptz;
        RETURN;
      END IF;
    ELSE
      v_now := date_trunc('milliseconds', clock_timestamp());
      INSERT INTO streams AS s (stream_id, category, version, created_at, updated_at)
      VALUES (p_stream_id, split_part(p_stream_id, '-', 1), v_count, v_now, v_now)
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_count,
        updated_at = greatest(s.updated_at, excluded.updated_at)
      RETURNING s.version - v_count, s.updated_at, s.head_hash, s.head_position
      INTO v_seen, v_now, v_prev, v_prev_position;
    END IF;
  END IF;

  IF v_seen = 0 THEN
    v_prev := repeat('0', 64);
  ELSIF v_prev IS NULL THEN
    RAISE EXCEPTION 'stream % has no head hash', p_stream_id;
  END IF;

  v_xid := pg_current_xact_id();
  v_base := v_xid::text::bigint * 1024 + chronicle_position_base();
  IF NOT v_first_write THEN
    -- A later write in a transaction (store.transact): continue after its earlier appends.
    SELECT coalesce(max(e.global_position) - v_base + 1, 0) INTO v_offset FROM events e
    WHERE e.global_position >= v_base AND e.global_position < v_base + 1024;
  END IF;
  IF v_offset + v_count > 1024 THEN
    RAISE EXCEPTION 'a transaction can append at most 1024 events' USING ERRCODE = '54000';
  END IF;
  IF v_prev_position >= v_base + v_offset THEN
    PERFORM chronicle_out_of_order(p_stream_id);
  END IF;
  v_now_ms := chronicle_ms(v_now);
  IF v_count = 1 THEN
    -- The common case: one event, no arrays, no loop.
    INSERT INTO events (global_position, stream_id, category, stream_version, event_id, event_type,
      schema_version, data, metadata, occurred_at, recorded_at, transaction_id, prev_hash, hash)
    SELECT v_base + v_offset, p_stream_id, split_part(p_stream_id, '-', 1), v_seen + 1,
      (e ->> 'eventId')::uuid, e ->> 'type', (e ->> 'schemaVersion')::int, e -> 'data', e -> 'metadata',
      coalesce((e ->> 'occurredAt')::timestamptz, v_now),
      v_now, v_xid, v_prev,
      chronicle_link_hash(v_prev, v_seen + 1, coalesce((e ->> 'occurredAtMs')::bigint, v_now_ms),
        v_now_ms, e ->> 'contentHash')
    FROM (SELECT p_events -> 0 AS e) x
    RETURNING hash INTO v_hash;
  ELSE
    v_prevs := array_fill(NULL::text, ARRAY[v_count]);
    v_hashes := array_fill(NULL::text, ARRAY[v_count]);
    FOR v_event IN
      SELECT x.ord, (x.e ->> 'occurredAtMs')::bigint AS occurred_ms, x.e ->> 'contentHash' AS content_hash
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord)
    LOOP
      v_prevs[v_event.ord] := v_prev;
      v_prev := chronicle_link_hash(v_prev, v_seen + v_event.ord, coalesce(v_event.occurred_ms, v_now_ms),
        v_now_ms, v_event.content_hash);
      v_hashes[v_event.ord] := v_prev;
    END LOOP;

    INSERT INTO events (global_position, stream_id, category, stream_version, event_id, event_type,
      schema_version, data, metadata, occurred_at, recorded_at, transaction_id, prev_hash, hash)
    SELECT v_base + v_offset + x.ord - 1, p_stream_id, split_part(p_stream_id, '-', 1), v_seen + x.ord,
      (x.e ->> 'eventId')::uuid, x.e ->> 'type', (x.e ->> 'schemaVersion')::int, x.e -> 'data',
      x.e -> 'metadata', coalesce((x.e ->> 'occurredAt')::timestamptz, v_now),
      v_now, v_xid, v_prevs[x.ord], v_hashes[x.ord]
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);
    v_prev := v_prevs[v_count];
    v_hash := v_hashes[v_count];
  END IF;

  UPDATE streams SET head_prev = v_prev, head_hash = v_hash,
    head_position = v_base + v_offset + v_count - 1
  WHERE stream_id = p_stream_id;

  IF p_audit IS NOT NULL THEN
    INSERT INTO audit_outbox (stream_id, event) VALUES (p_audit ->> 'streamId', p_audit -> 'event');
  END IF;

  RETURN QUERY SELECT 'ok'::text, v_seen + v_count, v_base + v_offset, v_now;
END;
$$;

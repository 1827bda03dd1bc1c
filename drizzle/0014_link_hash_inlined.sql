-- chronicle_link_hash computes exactly what it did (0003), but is declared STABLE: its body uses
-- convert_to and the text concatenation of numbers, which PostgreSQL marks STABLE, and an
-- IMMUTABLE SQL function whose body is not immutable is never inlined. Called, rather than
-- inlined, it went through the SQL-function executor once per event (pgbench, 16 clients,
-- single-event appends of "any": 5,300-5,400 calls/s before, 6,100-6,250 after). Nothing
-- indexes or constrains on it, so IMMUTABLE bought nothing.
CREATE OR REPLACE FUNCTION chronicle_link_hash(p_prev text, p_version bigint, p_occurred_ms bigint,
  p_recorded_ms bigint, p_content_hash text)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(
    p_prev || '|' || p_version || '|' || p_occurred_ms || '|' || p_recorded_ms || '|' || p_content_hash,
    'UTF8')), 'hex')
$$;

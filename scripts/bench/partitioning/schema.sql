-- Two copies of Chronicle's events table: plain, and range-partitioned by global_position into
-- ten partitions of a million events (positions n * 1024, as from transaction ids) plus an open
-- one that takes new appends.
create table events_plain (
  global_position bigint not null, stream_id text not null, category text not null,
  stream_version bigint not null, event_id uuid not null, event_type text not null,
  schema_version integer not null, data jsonb not null, metadata jsonb not null,
  occurred_at timestamptz not null, recorded_at timestamptz not null,
  transaction_id xid8 not null, prev_hash text not null, hash text not null);
create table events_part (like events_plain) partition by range (global_position);
select format('create table events_part_%s partition of events_part for values from (%s) to (%s)',
  k, k::bigint * 1000000 * 1024, (k + 1)::bigint * 1000000 * 1024)
from generate_series(0, 9) k \gexec
create table events_part_next partition of events_part
  for values from (10000000::bigint * 1024) to (maxvalue);
create sequence bench_position start 20000000;

-- Workload: 100 events recorded in a random minute, in position order.
\set m random(0, 1600)
select global_position, stream_id, data from TABLE
  where recorded_at >= timestamptz '2026-01-01' + :m * interval '1 minute'
    and recorded_at < timestamptz '2026-01-01' + (:m + 1) * interval '1 minute'
  order by global_position limit 100;

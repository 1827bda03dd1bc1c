-- Workload: 100 events of a random stream, in version order.
\set s random(0, 99999)
select global_position, stream_version, data from TABLE where stream_id = 'workflow-' || :s
  order by stream_version limit 100;

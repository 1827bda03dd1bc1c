-- Workload: a page of $all, 100 events after a random position.
\set p random(1, 9999000)
select global_position, stream_id, data from TABLE where global_position > :p::bigint * 1024
  order by global_position limit 100;

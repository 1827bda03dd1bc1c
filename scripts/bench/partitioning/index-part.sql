-- A unique index on a partitioned table must contain the partition key: (stream_id,
-- stream_version) and event_id can only be unique per partition, so these are plain indexes.
set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 1;
alter table events_part add primary key (global_position);
create index on events_part (stream_id, stream_version);
create index on events_part (event_id);
create index on events_part (category, global_position);
create index on events_part (event_type, global_position);
create index on events_part (recorded_at, global_position);
analyze events_part;

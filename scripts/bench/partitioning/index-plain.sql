set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 1;
alter table events_plain add primary key (global_position);
create unique index on events_plain (stream_id, stream_version);
create unique index on events_plain (event_id);
create index on events_plain (category, global_position);
create index on events_plain (event_type, global_position);
create index on events_plain (recorded_at, global_position);
analyze events_plain;

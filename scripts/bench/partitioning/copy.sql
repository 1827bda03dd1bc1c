-- Rows :lo to :hi of events_plain into the partitioned copy.
set synchronous_commit = off;
insert into events_part select * from events_plain where global_position between :lo::bigint * 1024 and :hi::bigint * 1024;

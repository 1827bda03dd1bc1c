select relname, pg_size_pretty(pg_total_relation_size(oid)) total,
  pg_size_pretty(pg_relation_size(oid)) heap from pg_class where relname = 'events_plain';
select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) total,
  pg_size_pretty(sum(pg_relation_size(inhrelid))) heap from pg_inherits
where inhparent = 'events_part'::regclass;

select count(*) from events_plain;

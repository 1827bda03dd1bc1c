-- Workload: one appended event (TABLE is replaced by each table name in turn).
\set s random(1, 100000000)
insert into TABLE values (nextval('bench_position') * 1024, 'bench-' || :s, 'bench', 1,
  gen_random_uuid(), 'StepCompleted', 1, '{"stepId":"a","output":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
  '{"actor":"token:1"}', now(), now(), pg_current_xact_id(), 'p', 'h');

-- Rows :lo to :hi of events_plain. Workflow-like: each block of 1,000 consecutive events
-- belongs to 10 streams of 100 events; recorded times 10 ms apart.
set synchronous_commit = off;
insert into events_plain
select i * 1024, 'workflow-' || s, 'workflow', (i % 1000) / 10 + 1,
  md5(i::text)::uuid, (array['WorkflowCreated','StepAdded','StepStarted','StepCompleted'])[(1 + i % 4)::int], 1,
  jsonb_build_object('stepId', md5((i / 3)::text), 'output', repeat('x', (40 + i % 80)::int)),
  jsonb_build_object('correlationId', md5(s::text)::uuid, 'actor', 'token:' || (i % 50)),
  timestamptz '2026-01-01' + i * interval '10 ms', timestamptz '2026-01-01' + i * interval '10 ms',
  (i / 3 + 1000)::text::xid8, md5((i - 1)::text) || md5((i - 1)::text), md5(i::text) || md5(i::text)
from generate_series(:lo::bigint, :hi) i, lateral (select (i / 1000) * 10 + i % 10 as s) x;

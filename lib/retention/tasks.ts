import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { actorLabel, assertRole, systemActor, type Actor } from '../actor';
import type { Repository } from '../aggregates/repository';
import type { EventStore } from '../event-store';
import type { Queryable } from '../event-store/context';
import { scavenge } from './scavenge';

export const SCAVENGE_TASK = 'retention-scavenge';

const payload = z.object({ requestedBy: z.string().max(300) });

/** The scavenger as a job of the queue. */
export const retentionTasks = (deps: { store: EventStore; repository: Repository }): TaskList => ({
  [SCAVENGE_TASK]: async (raw) => {
    await scavenge(deps, { actor: systemActor, requestedBy: payload.parse(raw).requestedBy });
  },
});

/** The scavenger on the schedule, once across all workers (the crontab's job key). */
export const scavengeCrontab = (cron: string) =>
  cron === 'off'
    ? undefined
    : `${cron} ${SCAVENGE_TASK} ?max=1&id=${SCAVENGE_TASK} {requestedBy:"schedule"}`;

/**
 * Queues a scavenge now. The job key keeps one run queued at a time: asking again while one
 * waits changes nothing.
 */
export async function requestScavenge(sql: Queryable, { actor }: { actor: Actor }) {
  assertRole(actor, 'operator');
  await sql`
    select graphile_worker.add_job(${SCAVENGE_TASK},
      json_build_object('requestedBy', ${actorLabel(actor)}::text),
      job_key => ${SCAVENGE_TASK}, job_key_mode => 'preserve_run_at', max_attempts => 3)`;
  return scavengeStatus(sql, { actor });
}

export type ScavengeStatus = {
  /** A run waiting in the queue or under way, with when it was asked for. */
  pending: { state: 'queued' | 'running'; since: string; lastError: string | null } | null;
};

export async function scavengeStatus(
  sql: Queryable,
  { actor }: { actor: Actor },
): Promise<ScavengeStatus> {
  assertRole(actor, 'auditor');
  const [job] = await sql<
    { locked_at: Date | null; created_at: Date; last_error: string | null }[]
  >`
    select locked_at, created_at, last_error from graphile_worker.jobs
    where task_identifier = ${SCAVENGE_TASK} order by id desc limit 1`;
  return {
    pending: job
      ? {
          state: job.locked_at ? 'running' : 'queued',
          since: (job.locked_at ?? job.created_at).toISOString(),
          lastError: job.last_error,
        }
      : null,
  };
}

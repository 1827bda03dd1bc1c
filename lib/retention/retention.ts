import type { Actor } from '../actor';
import { AUDIT_CATEGORY } from '../audit/audit-event';
import type { Repository } from '../aggregates/repository';
import type { EventStore } from '../event-store';
import {
  isHeld,
  listHolds,
  listRules,
  listTruncations,
  setHold,
  setRule,
  type RetentionRule,
} from './rules';
import { scavenge, type ScavengeSummary } from './scavenge';
import { requestScavenge, scavengeStatus } from './tasks';

type Paging = { actor: Actor; limit?: number | undefined; cursor?: string | undefined };

/** Retention rules, legal holds, truncation anchors and the scavenger over one store. */
export function createRetention(deps: { store: EventStore; repository: Repository }) {
  const { store } = deps;
  const ctx = store.context;
  const sql = ctx.sql;

  /** The newest finished run, from the audit trail (it shows once the trail has moved it). */
  async function lastRun({ actor }: { actor: Actor }): Promise<ScavengeSummary | null> {
    const { events } = await store.readAllBackward({
      actor,
      category: AUDIT_CATEGORY,
      types: ['RetentionScavenge'],
      limit: 1,
    });
    const detail = (events[0]?.data as { detail?: ScavengeSummary } | undefined)?.detail;
    return detail ?? null;
  }

  return {
    rules: ({ actor }: { actor: Actor }) => listRules(sql, { actor }),
    setRule: (params: { actor: Actor } & RetentionRule) => setRule(sql, params),
    setHold: (params: { actor: Actor; streamId: string; hold: boolean }) => setHold(ctx, params),
    isHeld: (params: { actor: Actor; streamId: string }) => isHeld(sql, params),
    holds: (paging: Paging) => listHolds(sql, paging),
    truncations: (paging: Paging) => listTruncations(sql, paging),
    /** Scavenges now, in this process (the job and tests). */
    scavenge: (params: { actor: Actor; requestedBy?: string }) => scavenge(deps, params),
    requestScavenge: ({ actor }: { actor: Actor }) => requestScavenge(sql, { actor }),
    scavengeStatus: async ({ actor }: { actor: Actor }) => ({
      ...(await scavengeStatus(sql, { actor })),
      lastRun: await lastRun({ actor }),
    }),
  };
}

export type Retention = ReturnType<typeof createRetention>;

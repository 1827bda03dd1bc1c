import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type postgres from 'postgres';
import { unprocessable } from '../errors';
import { noMasterKey, type MasterKey } from './master-key';
import { subjectKey, type SubjectKey } from './subject-key';

export const ERASURE_CHANNEL = 'chronicle_erasures';

/** `null`: the subject was erased; its values can never be opened again. */
type Entry = { key: SubjectKey | null };

export type SubjectKeys = {
  /** Every subject's key, made for those that have none; an erased subject takes no new data. */
  forWriting: (subjectIds: readonly string[]) => Promise<Map<string, SubjectKey>>;
  /** Every subject's key, `null` for an erased one. */
  forReading: (subjectIds: readonly string[]) => Promise<Map<string, SubjectKey | null>>;
  /** Forgets a subject's key at once (it was erased, here or in another process). */
  forget: (subjectId: string) => void;
  /** Calls `listener` whenever any process erases a subject, from the first key read on. */
  onErased: (listener: (subjectId: string) => void) => void;
  master: MasterKey | null;
};

/**
 * The subjects' keys, read outside the caller's transaction (on the pool) so that making a key
 * never takes the transaction id that orders an append. Unwrapped keys are cached briefly; an
 * erasure drops them here at once and, through a notification, in every other process, and the
 * short lifetime bounds how long a missed notification could keep one.
 */
export function createSubjectKeys({
  pool,
  master,
  ttlMs = 5_000,
}: {
  pool: postgres.Sql;
  master: MasterKey | null;
  ttlMs?: number;
}): SubjectKeys {
  const cache = new LRUCache<string, Entry>({ max: 10_000, ttl: ttlMs });
  const listeners: ((subjectId: string) => void)[] = [];
  let listening: Promise<unknown> | undefined;

  const forget = (subjectId: string) => {
    cache.delete(subjectId);
  };

  function listen() {
    listening ??= pool
      .listen(ERASURE_CHANNEL, (subjectId) => {
        forget(subjectId);
        for (const listener of listeners) listener(subjectId);
      })
      .catch(() => {
        listening = undefined;
      });
  }

  async function load(subjectIds: readonly string[], create: boolean) {
    const found = new Map<string, Entry>();
    const missing: string[] = [];
    for (const id of new Set(subjectIds)) {
      const entry = cache.get(id);
      if (entry) found.set(id, entry);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    listen();
    if (create) {
      if (!master) throw noMasterKey();
      const made = missing.map((id) => ({
        subject_id: id,
        wrapped_key: master.wrap(id, randomBytes(32)).toString('base64'),
      }));
      await pool`
        insert into subject_keys (subject_id, wrapped_key, master_key_id)
        select m.subject_id, decode(m.wrapped_key, 'base64'), ${master.id}
        from jsonb_to_recordset(${JSON.stringify(made)}::jsonb) as m(subject_id text, wrapped_key text)
        on conflict (subject_id) do nothing`;
    }
    const rows = await pool<{ subject_id: string; wrapped_key: Buffer | null }[]>`
      select subject_id, wrapped_key from subject_keys where subject_id = any(${missing})`;
    for (const row of rows) {
      let key: SubjectKey | null = null;
      if (row.wrapped_key) {
        if (!master) throw noMasterKey();
        key = subjectKey(master.unwrap(row.subject_id, row.wrapped_key));
      }
      const entry = { key };
      // An erased subject stays erased: that answer may be kept as long as the cache likes.
      cache.set(row.subject_id, entry, key ? {} : { ttl: 0 });
      found.set(row.subject_id, entry);
    }
    return found;
  }

  return {
    master,
    forget,
    onErased: (listener) => listeners.push(listener),
    async forWriting(subjectIds) {
      const entries = await load(subjectIds, true);
      const keys = new Map<string, SubjectKey>();
      for (const id of subjectIds) {
        const key = entries.get(id)?.key;
        if (!key) {
          throw unprocessable(
            `Subject ${id} was erased: the store takes no more personal data about them`,
            [{ path: 'metadata.subjectId', message: 'erased' }],
          );
        }
        keys.set(id, key);
      }
      return keys;
    },
    async forReading(subjectIds) {
      const entries = await load(subjectIds, false);
      return new Map([...entries].map(([id, entry]) => [id, entry.key]));
    },
  };
}

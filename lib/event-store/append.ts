import { randomUUID } from 'node:crypto';
import { assertRole, systemActor } from '../actor';
import {
  ChronicleError,
  concurrencyError,
  payloadTooLarge,
  unprocessable,
  validationError,
} from '../errors';
import { metrics } from '../metrics';
import type { StoreContext } from './context';
import { NOTIFY_SQL } from './notifier';
import { appendOne, type AppendOneRow } from './append-one';
import { canonicalJson } from './canonical-json';
import { contentJson, sha256 } from './hash';
import { assertInstant } from './instant';
import { findIdempotentResult, type PreparedEvent } from './idempotency';
import { assertStorableJson, isJsonObject } from './json';
import { EVENT_TYPE_PATTERN, assertWritableStreamId, categoryOf } from './stream-id';
import { personalPlan, sealFields, type PersonalPlan } from '../personal/personal-fields';
import type { SubjectKey } from '../personal/subject-key';
import type {
  AppendResult,
  ExpectedVersion,
  JsonObject,
  NewEvent,
  OutboxEvent,
  WithActor,
} from './types';

export const MAX_EVENTS_PER_APPEND = 1000;
export const MAX_RACE_RETRIES = 50;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AppendParams = WithActor<{
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
  /**
   * The stream's aggregate folded these events onto its state and accepted them (the
   * repository sets it): a category that belongs to an aggregate takes no other appends.
   */
  folded?: boolean;
  /** A `$` stream: the system's own (the audit trail), never a caller's. */
  systemStream?: boolean;
  /** The audit event of the act this append is part of: kept in the same transaction. */
  audit?: OutboxEvent;
}>;

/**
 * An append inside a caller's transaction cannot go on there: it lost a race, its transaction
 * started before another that already wrote to the stream, or its event ids were written
 * meanwhile. `store.transact` runs the whole work again in a new transaction.
 */
export class RaceLost extends Error {
  constructor(readonly streamId: string) {
    super(`Another writer appended to ${streamId} first`);
  }
}

type AppendRow = {
  r_status: 'ok' | 'wrong_version' | 'duplicate';
  r_version: number;
  r_first_position: number | null;
};

export async function appendToStream(
  ctx: StoreContext,
  params: AppendParams,
): Promise<AppendResult> {
  const stop = metrics().appendSeconds.startTimer();
  // A transaction's commit is announced by store.transact.
  const carriedFrom = ctx.inTransaction ? null : ctx.notifier.carry();
  try {
    const { result, notified } = await append(ctx, params, carriedFrom !== null);
    stop({ outcome: 'ok' });
    metrics().eventsAppended.inc(result.positions.length);
    if (notified) ctx.notifier.appended(carriedFrom);
    else if (!ctx.inTransaction) ctx.notifier.appended();
    return result;
  } catch (error) {
    stop({ outcome: error instanceof ChronicleError ? error.code : 'error' });
    if (carriedFrom !== null) ctx.notifier.carryFailed();
    throw error;
  }
}

/** `notified`: the append's own statement carried the notification, and committed. */
async function append(
  ctx: StoreContext,
  params: AppendParams,
  notify: boolean,
): Promise<{ result: AppendResult; notified: boolean }> {
  const { actor, streamId } = params;
  assertRole(actor, 'operator');
  assertWritableStreamId(streamId, { system: params.systemStream === true });
  const category = categoryOf(streamId);
  if (!params.folded && ctx.registry.isAggregateCategory(category)) {
    throw unprocessable(
      `Streams of category ${category} belong to the ${category} aggregate: they take events through its commands, or through an append its history accepts`,
      [{ path: 'streamId', message: `${category} streams are written through their aggregate` }],
    );
  }
  const expected = encodeExpectedVersion(params.expectedVersion ?? 'any');
  const prepared = await prepareEvents(ctx, params);
  // Inside a transaction a duplicate event id would abort it before the retry could be looked
  // up, so the function checks the ids first there; elsewhere the unique index is the check.
  const checkIds = ctx.inTransaction && prepared[0]!.clientEventId;
  const payload = `[${prepared.map(payloadElement).join(',')}]`;
  const auditEntry = params.audit ? outboxEntry(ctx, params.audit) : null;
  const subjects = subjectsOf(prepared);
  const sql = ctx.sql;
  // One event outside a transaction, without personal data: the one-statement append.
  const single = !ctx.inTransaction && !subjects && prepared.length === 1 ? prepared[0]! : null;
  const carried = notify ? sql`, ${sql.unsafe(NOTIFY_SQL)}` : sql``;
  for (let attempt = 0; ; attempt++) {
    let row: AppendRow | undefined;
    try {
      if (single) {
        const one = await appendOne(sql, streamId, category, expected, single, auditEntry, notify);
        if (one) return { result: resultOf(streamId, 1, one), notified: notify };
        const original = await retriedAppend(ctx, params, prepared);
        if (original) return { result: original, notified: false };
        throw concurrencyError(
          streamId,
          params.expectedVersion ?? 'any',
          await currentVersion(ctx, streamId),
        );
      }
      // Without personal data, the statement it always was: no fragment, nothing to upsert.
      [row] = subjects
        ? await sql<AppendRow[]>`
          with r as (
            select r_status, r_version, r_first_position
            from chronicle_append(${streamId}, ${expected}, ${payload}::jsonb, ${checkIds},
              ${auditEntry}::jsonb)),
          s as (
            insert into subject_streams as t (subject_id, stream_id, events, last_position)
            select x.subject_id, ${streamId}, x.events, r.r_first_position + x.last_index
            from r, jsonb_to_recordset(${subjects}::jsonb) as x(subject_id text, events int,
              last_index int)
            where r.r_status = 'ok'
            on conflict (subject_id, stream_id) do update set events = t.events + excluded.events,
              last_position = greatest(t.last_position, excluded.last_position))
          select *${carried} from r`
        : await sql<AppendRow[]>`
          select r_status, r_version, r_first_position${carried}
          from chronicle_append(${streamId}, ${expected}, ${payload}::jsonb, ${checkIds},
            ${auditEntry}::jsonb)`;
    } catch (error) {
      // Its transaction is aborted: only a new one can tell whether this was a retry.
      if (ctx.inTransaction && (isEventIdConflict(error) || isOutOfOrder(error)))
        throw new RaceLost(streamId);
      if (isEventIdConflict(error))
        return { result: await resolveRetry(ctx, params, prepared), notified: false };
      if (isOutOfOrder(error) && attempt < MAX_RACE_RETRIES) continue;
      throw error;
    }
    if (!row) throw new Error('chronicle_append returned no row');
    if (row.r_status === 'duplicate')
      return { result: await resolveRetry(ctx, params, prepared), notified: false };
    if (row.r_status === 'ok' && row.r_first_position !== null) {
      const result = resultOf(streamId, prepared.length, {
        r_version: row.r_version,
        r_first_position: row.r_first_position,
      });
      return { result, notified: notify };
    }
    const original = await retriedAppend(ctx, params, prepared);
    if (original) return { result: original, notified: false };
    throw concurrencyError(streamId, params.expectedVersion ?? 'any', row.r_version);
  }
}

function resultOf(streamId: string, count: number, row: AppendOneRow): AppendResult {
  const first = row.r_first_position;
  return {
    streamId,
    fromVersion: row.r_version - count + 1,
    toVersion: row.r_version,
    positions: Array.from({ length: count }, (_, i) => first + i),
  };
}

/**
 * Per data subject of the append, how many of its events name them and the index of the last:
 * kept in subject_streams by the append's own statement. Null for an append without personal
 * data, which then runs the statement it always did.
 */
function subjectsOf(prepared: PreparedEvent[]): string | null {
  const bySubject = new Map<string, { subject_id: string; events: number; last_index: number }>();
  prepared.forEach(({ subjectId }, index) => {
    if (subjectId === undefined) return;
    const entry = bySubject.get(subjectId);
    if (entry) {
      entry.events++;
      entry.last_index = index;
    } else bySubject.set(subjectId, { subject_id: subjectId, events: 1, last_index: index });
  });
  return bySubject.size ? JSON.stringify([...bySubject.values()]) : null;
}

/** The result of an earlier append of the same events, when this append is a retry of it. */
export async function findRetry(
  ctx: StoreContext,
  params: AppendParams,
): Promise<AppendResult | null> {
  assertRole(params.actor, 'operator');
  return retriedAppend(ctx, params, await prepareEvents(ctx, params));
}

/**
 * The original result when this append repeats one already written; a retry is an act too, so
 * its audit event is kept, although it writes no event.
 */
async function retriedAppend(
  ctx: StoreContext,
  params: AppendParams,
  prepared: PreparedEvent[],
): Promise<AppendResult | null> {
  const original = await findIdempotentResult(ctx, params.streamId, prepared);
  if (original && params.audit) {
    await ctx.sql`
      insert into audit_outbox (stream_id, event)
      select e ->> 'streamId', e -> 'event' from (select ${outboxEntry(ctx, params.audit)}::jsonb as e) x`;
  }
  return original;
}

async function resolveRetry(
  ctx: StoreContext,
  params: AppendParams,
  prepared: PreparedEvent[],
): Promise<AppendResult> {
  const original = await retriedAppend(ctx, params, prepared);
  if (original) return original;
  const { streamId, expectedVersion } = params;
  throw concurrencyError(streamId, expectedVersion ?? 'any', await currentVersion(ctx, streamId));
}

async function currentVersion(ctx: StoreContext, streamId: string): Promise<number> {
  const [row] = await ctx.sql<{ version: number }[]>`
    select version from streams where stream_id = ${streamId}`;
  return row?.version ?? 0;
}

/** chronicle_append refused to give a stream's next event a position below its previous one. */
const isOutOfOrder = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '40001';

function isEventIdConflict(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === '23505' &&
    'constraint_name' in error &&
    error.constraint_name === 'events_event_id_idx'
  );
}

/**
 * An event as chronicle_append takes it, built from the canonical texts already made for the
 * hashes, so that data is not serialised twice.
 */
function payloadElement(e: PreparedEvent): string {
  return (
    `{"eventId":"${e.eventId}","type":"${e.type}","schemaVersion":${e.schemaVersion},` +
    `"data":${e.dataJson},"metadata":${e.metadataJson},` +
    (e.occurredAt
      ? `"occurredAt":"${e.occurredAt.toISOString()}","occurredAtMs":${e.occurredAt.getTime()},`
      : '') +
    `"contentHash":"${e.contentHash}"}`
  );
}

/**
 * The outbox entry of an event for a system stream, prepared (validated, canonical, content
 * hash) now, so that moving it into its stream later is SQL alone: `{streamId, event}`, the
 * event as chronicle_append takes it.
 */
export function outboxEntry(ctx: StoreContext, { streamId, event }: OutboxEvent): string {
  assertWritableStreamId(streamId, { system: true });
  const [draft] = draftEvents(ctx, { actor: systemActor, streamId, events: [event] });
  const prepared = finishDraft(streamId, draft!, NO_KEYS);
  return `{"streamId":${JSON.stringify(streamId)},"event":${payloadElement(prepared)}}`;
}

function encodeExpectedVersion(expected: ExpectedVersion): number {
  if (expected === 'any') return -1;
  if (expected === 'stream_exists') return -2;
  if (expected === 'no_stream') return 0;
  if (Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw validationError(
    'expectedVersion must be an integer ≥ 0, "any", "no_stream" or "stream_exists"',
    [{ path: 'expectedVersion', message: `got ${JSON.stringify(expected)}` }],
  );
}

/**
 * Validates the events and makes each one's canonical texts and content hash. Personal fields
 * are sealed first, under their subject's key, so the stored text, and so the hash chain,
 * holds only ciphertext, and erasing the key later changes no hash.
 */
async function prepareEvents(ctx: StoreContext, params: AppendParams): Promise<PreparedEvent[]> {
  const drafts = draftEvents(ctx, params);
  const subjects = drafts.flatMap((draft) => (draft.personal ? [draft.personal.subjectId] : []));
  const keys = subjects.length ? await ctx.subjectKeys.forWriting(subjects) : NO_KEYS;
  return drafts.map((draft) => finishDraft(params.streamId, draft, keys));
}

const NO_KEYS: ReadonlyMap<string, SubjectKey> = new Map();

type Draft = Omit<PreparedEvent, 'dataJson' | 'metadataJson' | 'contentHash'> & {
  path: string;
  data: JsonObject;
  metadata: JsonObject;
  personal: PersonalPlan | null;
};

function finishDraft(
  streamId: string,
  draft: Draft,
  keys: ReadonlyMap<string, SubjectKey>,
): PreparedEvent {
  const { eventId, type, schemaVersion, path, personal } = draft;
  let stored = draft.data;
  if (personal) {
    const key = keys.get(personal.subjectId);
    if (!key) throw new Error(`${path} holds personal data, and no key was fetched for it`);
    stored = sealFields(key, eventId, stored, personal, path);
  }
  const dataJson = storableJson(stored, `${path}.data`);
  const metadataJson = storableJson(draft.metadata, `${path}.metadata`);
  // Field by field rather than spread: this runs for every event of every append.
  return {
    eventId,
    clientEventId: draft.clientEventId,
    type,
    schemaVersion,
    dataJson,
    metadataJson,
    suppliedMetadata: draft.suppliedMetadata,
    occurredAt: draft.occurredAt,
    subjectId: personal?.subjectId,
    contentHash: sha256(
      contentJson({ streamId, eventId, type, schemaVersion, dataJson, metadataJson }),
    ),
  };
}

function draftEvents(ctx: StoreContext, { actor, streamId, events }: AppendParams): Draft[] {
  if (events.length === 0) {
    throw validationError('An append needs at least one event', [
      { path: 'events', message: 'empty' },
    ]);
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw payloadTooLarge(
      `An append carries at most ${MAX_EVENTS_PER_APPEND} events; got ${events.length}`,
    );
  }
  const withIds = events.filter((event) => event.eventId !== undefined).length;
  if (withIds > 0 && withIds < events.length) {
    throw validationError(
      `Give every event of an append an eventId, or none: ${withIds} of ${events.length} have one, and a batch with only some ids could never be retried`,
      [{ path: 'events', message: 'eventId on some events only' }],
    );
  }
  const category = categoryOf(streamId);
  const batchCorrelationId = randomUUID();
  const seen = new Set<string>();
  const now = Date.now();
  return events.map((event, i) => {
    const path = `events[${i}]`;
    if (typeof event.type !== 'string' || !EVENT_TYPE_PATTERN.test(event.type)) {
      throw validationError(`${path}.type must match ^[A-Za-z][A-Za-z0-9_.]*$ (≤ 100 characters)`, [
        { path: `${path}.type`, message: 'invalid event type' },
      ]);
    }
    if (event.eventId !== undefined && !UUID_PATTERN.test(event.eventId)) {
      throw validationError(`${path}.eventId must be a UUID`, [
        { path: `${path}.eventId`, message: 'not a UUID' },
      ]);
    }
    for (const [field, value] of [
      ['data', event.data],
      ['metadata', event.metadata ?? {}],
    ] as const) {
      if (!isJsonObject(value)) {
        throw validationError(`${path}.${field} must be a JSON object`, [
          { path: `${path}.${field}`, message: 'not an object' },
        ]);
      }
    }
    const suppliedMetadata = event.metadata ?? {};
    const correlationId = suppliedMetadata.correlationId ?? batchCorrelationId;
    if (typeof correlationId !== 'string' || correlationId.length > 200) {
      throw validationError(
        `${path}.metadata.correlationId must be a string of at most 200 characters`,
        [{ path: `${path}.metadata.correlationId`, message: 'invalid' }],
      );
    }
    const eventId = (event.eventId ?? randomUUID()).toLowerCase();
    if (seen.has(eventId)) {
      throw validationError(`${path}.eventId ${eventId} appears twice in this append`, [
        { path: `${path}.eventId`, message: 'duplicate in batch' },
      ]);
    }
    seen.add(eventId);
    if (event.occurredAt !== undefined)
      assertOccurredAt(event.occurredAt, `${path}.occurredAt`, now, ctx.maxClockSkewMs);
    const { schemaVersion, data } = ctx.registry.prepare(category, event.type, event.data);
    const metadata: JsonObject = {
      ...suppliedMetadata,
      correlationId,
      causationId: suppliedMetadata.causationId ?? correlationId,
      actor: actor.id,
    };
    const personal = personalPlan(
      ctx.registry.personalOf(category, event.type),
      data,
      suppliedMetadata,
      ctx.subjectKeys.master,
      path,
    );
    if (personal) {
      metadata.subjectId = personal.subjectId;
      metadata.personalFields = personal.fields;
    }
    return {
      eventId,
      clientEventId: event.eventId !== undefined,
      type: event.type,
      schemaVersion,
      path,
      data,
      metadata,
      personal,
      suppliedMetadata,
      occurredAt: event.occurredAt,
    };
  });
}

/** Nothing can have happened later than now, give or take the clocks' disagreement. */
function assertOccurredAt(occurredAt: Date, path: string, now: number, skewMs: number): void {
  assertInstant(occurredAt, path);
  if (occurredAt.getTime() > now + skewMs) {
    throw validationError(
      `${path} ${occurredAt.toISOString()} is in the future: an event cannot have occurred later than it is recorded (clock tolerance ${skewMs} ms)`,
      [{ path, message: 'in the future' }],
    );
  }
}

/** The canonical text of a value, or the precise reason jsonb would refuse it. */
function storableJson(value: JsonObject, path: string): string {
  const text = canonicalJson(value);
  if (text !== null) return text;
  assertStorableJson(value, path);
  throw validationError(`${path} is not JSON`, [{ path, message: 'not JSON' }]);
}

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin, auditor, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { connect } from '@/db/client';
import { actorLabel } from '../actor';
import { createChronicle, type Chronicle } from '../chronicle';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import { isChronicleError } from '../errors';
import { asQueryable } from '../event-store/context';
import { getWorkflowSummary } from '../read-models/workflow-summaries';
import { generateMasterKeyText, loadMasterKey } from './master-key';

let t: TestDatabase;
let chronicle: Chronicle;
const master = loadMasterKey(generateMasterKeyText());
beforeAll(async () => {
  t = await createTestDatabase();
  chronicle = createChronicle({ db: t.db, masterKey: master, snapshotEvery: 2 });
});

const fields = { title: 'Sleep', question: 'Does sleep help?', methodology: { design: 'RCT' } };
const stored = async (streamId: string) =>
  (
    await t.db.$client<{ text: string }[]>`
    select data::text || metadata::text as text from events where stream_id = ${streamId}`
  )
    .map((row) => row.text)
    .join('\n');

async function errorOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('a workflow requester', () => {
  it('is stored sealed, read in the clear, and named by a pseudonym rather than the address', async () => {
    const email = `Ada.${randomUUID()}@example.org`;
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      ...fields,
      requestedBy: email,
    });
    const streamId = workflowStreamId(workflowId);
    const text = await stored(streamId);
    expect(text).not.toContain(email);
    expect(text.toLowerCase()).not.toContain(email.toLowerCase());
    const subjectId = master.pseudonym('email', email);
    expect(subjectId).toMatch(/^email:[A-Za-z0-9_-]{32}$/);
    const { events } = await chronicle.store.readStream({ actor: auditor, streamId });
    expect(events[0]!.data.requestedBy).toBe(email);
    expect(events[0]!.metadata).toMatchObject({ subjectId, personalFields: ['/requestedBy'] });
    expect(events[0]!.erasedFields).toBeUndefined();
    const view = await getWorkflowSummary(asQueryable(t.db.$client), {
      actor: auditor,
      workflowId,
    });
    expect(view.requestedBy).toBe(email);
    const [row] = await t.db.$client<{ events: number }[]>`
      select events from subject_streams where subject_id = ${subjectId} and stream_id = ${streamId}`;
    expect(row?.events).toBe(1);
  });

  it('reads null with erasedFields after erasure, everywhere, while the chain still verifies', async () => {
    const email = `grace.${randomUUID()}@example.org`;
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      ...fields,
      requestedBy: email,
    });
    const streamId = workflowStreamId(workflowId);
    await chronicle.research.runWorkflowCommand({
      actor: operator,
      workflowId,
      command: { command: 'start' },
    });
    await chronicle.repository.flush();
    const subjectId = master.pseudonym('email', email);
    const before = await chronicle.store.verifyStream({ actor: auditor, streamId });

    const erased = await chronicle.eraseSubject({ actor: admin, subjectId });
    expect(erased).toMatchObject({
      subjectId,
      events: 1,
      streams: [streamId],
      alreadyErased: false,
    });

    const { events } = await chronicle.store.readStream({ actor: auditor, streamId });
    expect(events[0]!.data.requestedBy).toBeNull();
    expect(events[0]!.erasedFields).toEqual(['/requestedBy']);
    const event = await chronicle.store.getEvent({ actor: auditor, eventId: events[0]!.eventId });
    expect(event.erasedFields).toEqual(['/requestedBy']);
    const view = await getWorkflowSummary(asQueryable(t.db.$client), {
      actor: auditor,
      workflowId,
    });
    expect(view.requestedBy).toBeNull();
    const loaded = await chronicle.repository.load(workflowAggregate, streamId, {
      actor: auditor,
    });
    expect(loaded.state?.requestedBy).toBeNull();
    const [snapshots] = await t.db.$client<{ n: number }[]>`
      select count(*)::int as n from snapshots where stream_id = ${streamId}`;
    expect(snapshots?.n).toBe(0);
    const after = await chronicle.store.verifyStream({ actor: auditor, streamId });
    expect(after).toEqual(before);
    expect(after.valid).toBe(true);

    const again = await chronicle.eraseSubject({ actor: admin, subjectId });
    expect(again).toMatchObject({ subjectId, erasedAt: erased.erasedAt, alreadyErased: true });
  });

  it('takes no new personal data about an erased subject', async () => {
    const email = `erased.${randomUUID()}@example.org`;
    await chronicle.research.createWorkflow({ actor: operator, ...fields, requestedBy: email });
    await chronicle.eraseSubject({ actor: admin, subjectId: master.pseudonym('email', email) });
    const error = await errorOf(
      chronicle.research.createWorkflow({ actor: operator, ...fields, requestedBy: email }),
    );
    expect(isChronicleError(error, 'unprocessable')).toBe(true);
  });
});

describe('personal fields named per append', () => {
  it('seals the named fields under the named subject, and a retry matches its original', async () => {
    const streamId = `patient-${randomUUID()}`;
    const subjectId = `person:${randomUUID()}`;
    const event = {
      eventId: randomUUID(),
      type: 'Visited',
      data: { name: 'Marie Curie', notes: { text: 'allergic' }, ward: 3 },
      metadata: { subjectId, personalFields: ['/name', '/notes/text'] },
    };
    const first = await chronicle.append({ actor: operator, streamId, events: [event] });
    const retry = await chronicle.append({ actor: operator, streamId, events: [event] });
    expect(retry).toEqual(first);
    expect(await stored(streamId)).not.toContain('Marie Curie');
    const { events } = await chronicle.store.readStream({ actor: auditor, streamId });
    expect(events[0]!.data).toEqual(event.data);

    await chronicle.eraseSubject({ actor: admin, subjectId });
    const { events: erased } = await chronicle.store.readStream({ actor: auditor, streamId });
    expect(erased[0]!.data).toEqual({ name: null, notes: { text: null }, ward: 3 });
    expect(erased[0]!.erasedFields).toEqual(['/name', '/notes/text']);
  });

  it.each([
    [{ subjectId: 'x@example.org', personalFields: ['/name'] }, 'metadata.subjectId'],
    [{ subjectId: 'p-1' }, 'metadata.personalFields'],
    [{ subjectId: 'p-1', personalFields: ['/missing'] }, 'metadata.personalFields'],
    [{ subjectId: 'p-1', personalFields: ['/notes', '/notes/text'] }, 'metadata.personalFields'],
  ])('refuses %j', async (metadata, path) => {
    const error = await errorOf(
      chronicle.append({
        actor: operator,
        streamId: `patient-${randomUUID()}`,
        events: [{ type: 'Visited', data: { name: 'n', notes: { text: 't' } }, metadata }],
      }),
    );
    expect(isChronicleError(error, 'unprocessable')).toBe(true);
    const { errors } = (error as { details: { errors: { path: string }[] } }).details;
    expect(errors[0]!.path).toContain(path);
  });

  it('refuses personal data when no master key is configured', async () => {
    const keyless = createChronicle({ db: t.db });
    const error = await errorOf(
      keyless.append({
        actor: operator,
        streamId: `patient-${randomUUID()}`,
        events: [
          {
            type: 'Visited',
            data: { name: 'n' },
            metadata: { subjectId: 'p-2', personalFields: ['/name'] },
          },
        ],
      }),
    );
    expect(isChronicleError(error, 'unavailable')).toBe(true);
  });
});

describe('erasure', () => {
  it('is for admins, and an unknown subject is not found', async () => {
    expect(
      isChronicleError(
        await errorOf(chronicle.eraseSubject({ actor: operator, subjectId: 'p-x' })),
        'forbidden',
      ),
    ).toBe(true);
    expect(
      isChronicleError(
        await errorOf(chronicle.eraseSubject({ actor: admin, subjectId: 'nobody' })),
        'not_found',
      ),
    ).toBe(true);
  });

  it('lists subjects with their streams and who erased them', async () => {
    const subjectId = `person:${randomUUID()}`;
    const streamId = `patient-${randomUUID()}`;
    await chronicle.append({
      actor: operator,
      streamId,
      events: [1, 2].map(() => ({
        type: 'Visited',
        data: { name: 'n' },
        metadata: { subjectId, personalFields: ['/name'] },
      })),
    });
    await chronicle.eraseSubject({ actor: admin, subjectId });
    const page = await chronicle.listSubjects({ actor: admin, sort: 'erasedAt', limit: 500 });
    const listed = page.subjects.find((s) => s.subjectId === subjectId);
    expect(listed).toMatchObject({
      streams: [{ streamId, events: 2 }],
      streamCount: 1,
      events: 2,
      erasedBy: actorLabel(admin),
    });
    expect(page.total).toBeGreaterThanOrEqual(page.subjects.length);
    expect(
      isChronicleError(await errorOf(chronicle.listSubjects({ actor: auditor })), 'forbidden'),
    ).toBe(true);
  });

  it('finds the subject an e-mail address names, whatever its case, without storing it', async () => {
    const email = `Finder.${randomUUID()}@Lab.example`;
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      title: 'Found by address',
      question: 'Who asked?',
      methodology: {},
      requestedBy: email,
    });
    const found = await chronicle.listSubjects({ actor: admin, email: email.toUpperCase() });
    expect(found.total).toBe(1);
    expect(found.subjects).toEqual([
      expect.objectContaining({ streams: [{ streamId: `workflow-${workflowId}`, events: 1 }] }),
    ]);
    expect(found.subjects[0]!.subjectId).toMatch(/^email:/);
    expect(found.subjects[0]!.subjectId).not.toContain('finder');
    const none = await chronicle.listSubjects({ actor: admin, email: 'nobody@lab.example' });
    expect(none).toEqual({ subjects: [], total: 0 });
    const keyless = createChronicle({ db: t.db });
    expect(
      isChronicleError(await errorOf(keyless.listSubjects({ actor: admin, email })), 'unavailable'),
    ).toBe(true);
  });

  it('keeps an erasure final in the database itself', async () => {
    const subjectId = `person:${randomUUID()}`;
    await chronicle.append({
      actor: operator,
      streamId: `patient-${randomUUID()}`,
      events: [
        {
          type: 'Visited',
          data: { name: 'n' },
          metadata: { subjectId, personalFields: ['/name'] },
        },
      ],
    });
    await chronicle.eraseSubject({ actor: admin, subjectId });
    await expect(
      t.db.$client`update subject_keys set erased_at = null where subject_id = ${subjectId}`,
    ).rejects.toThrow(/erased/);
  });
});

describe('another process', () => {
  it('stops showing an erased subject as soon as the erasure is notified', async () => {
    const other = connect({ url: t.url, max: 2 });
    try {
      const elsewhere = createChronicle({ db: other, masterKey: master });
      const email = `elsewhere.${randomUUID()}@example.org`;
      const { workflowId } = await elsewhere.research.createWorkflow({
        actor: operator,
        ...fields,
        requestedBy: email,
      });
      const streamId = workflowStreamId(workflowId);
      const load = () => elsewhere.repository.load(workflowAggregate, streamId, { actor: auditor });
      expect((await load()).state?.requestedBy).toBe(email);
      await chronicle.eraseSubject({ actor: admin, subjectId: master.pseudonym('email', email) });
      // Well within the key cache's lifetime: only the notification can have told it.
      await expect
        .poll(async () => (await load()).state?.requestedBy, { timeout: 1000, interval: 20 })
        .toBeNull();
      const { events } = await elsewhere.store.readStream({ actor: auditor, streamId });
      expect(events[0]!.erasedFields).toEqual(['/requestedBy']);
    } finally {
      await other.$client.end();
    }
  });
});

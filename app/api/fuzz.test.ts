import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';
import { generateSigningKeyPem } from '@/lib/integrity/signing-key';
import { generateMasterKeyText } from '@/lib/personal/master-key';
import { getChronicle } from '@/lib/runtime';
import { createWorkflow, routeContext, useApiDatabase } from '@/test/api';
import { faultOf } from '@/test/fuzz/answers';
import { requestSpec, toRequest, type Operation, type Parameter } from '@/test/fuzz/requests';
import type { Components, JsonSchema } from '@/test/fuzz/schema-values';

/**
 * Bad input at scale: requests generated from the OpenAPI document (well-shaped ones, and ones
 * with wrong types, missing and unknown fields, huge numbers, odd Unicode, invalid JSON and
 * UTF-8, wrong content types, bodies over the limit) sent to the real route handlers on this
 * file's own database. No answer may be a 500, show a stack trace or a server path, or be an
 * error other than a problem+json document that agrees with its status.
 *
 * FUZZ_SEED replays a run (the seed is printed with any failure); FUZZ_REQUESTS sets its size.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);

/**
 * Acts that remove, revoke or hide something run after all the others, so that what they do
 * with valid-looking input cannot change what the others see.
 */
const LAST = [
  'put /retention/{category}',
  'put /streams/{id}/hold',
  'post /subjects/{subjectId}/erase',
  'post /snapshots/cleanup',
  'post /retention/scavenge',
  'delete /tokens/{id}',
];

type Documented = Operation & { key: string; statuses: string[] };
type Document = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, unknown>;
      }
    >
  >;
  components: { schemas: Components };
};

const document = openApiDocument() as unknown as Document;
const operations: Documented[] = Object.entries(document.paths)
  .flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method} ${route}`,
      method,
      path: route,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema,
      statuses: Object.keys(operation.responses),
    })),
  )
  .sort((a, b) => rank(a) - rank(b));

function rank({ key, method }: Documented) {
  if (LAST.includes(key)) return 2 + LAST.indexOf(key);
  return method === 'get' ? 1 : 0;
}

type Handler = (req: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

/** app/api/v1/streams/[id]/events/route.ts for /streams/{id}/events. */
async function handlerOf({ method, path: route }: Operation): Promise<Handler> {
  const file = path.resolve(`app/api/v1${route.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`);
  const handler = ((await import(file)) as Record<string, Handler | undefined>)[
    method.toUpperCase()
  ];
  if (!handler) throw new Error(`${file} has no ${method.toUpperCase()}`);
  return handler;
}

const known: string[] = [
  'event-stats',
  'workflow-summary',
  'agent-activity',
  'workflow',
  'agent',
  '$audit',
  `$audit-${new Date().toISOString().slice(0, 10)}`,
  'person:fuzz',
  '0',
  '1',
];
const statuses = new Map<string, Map<number, number>>();
let started = 0;

beforeAll(async () => {
  await useApiDatabase();
  // With both keys, personal data, digests and evidence are served rather than refused.
  process.env.CHRONICLE_MASTER_KEY = generateMasterKeyText();
  process.env.CHRONICLE_SIGNING_KEY = generateSigningKeyPem();
  const { store } = await getChronicle();
  const system = { id: 'fuzz-setup', role: 'admin', via: 'system' } as const;
  const streamId = `fuzz-${randomUUID()}`;
  const correlationId = randomUUID();
  const eventId = randomUUID();
  await store.append({
    actor: system,
    streamId,
    events: [
      { eventId, type: 'Seeded', data: { n: 1 }, metadata: { correlationId } },
      {
        eventId: randomUUID(),
        type: 'Seeded',
        data: { n: 2, name: 'Ada' },
        metadata: { correlationId, subjectId: 'person:fuzz', personalFields: ['/name'] },
      },
    ],
  });
  const workflowId = await createWorkflow();
  known.push(streamId, correlationId, eventId, workflowId, `workflow-${workflowId}`);
  started = performance.now();
});

afterAll(() => {
  const seconds = (performance.now() - started) / 1000;
  const lines = [...statuses].map(([key, counts]) => {
    const sent = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const spread = [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    return `${key.padEnd(48)} ${String(sent).padStart(5)}  ${spread.join(' ')}`;
  });
  const total = [...statuses.values()].flatMap((counts) => [...counts.values()]);
  console.log(
    `${lines.join('\n')}\n${total.reduce((sum, n) => sum + n, 0)} requests in ${seconds.toFixed(1)} s (seed ${SEED})`,
  );
});

describe(`${REQUESTS} generated requests (seed ${SEED})`, () => {
  const runs = Math.ceil(REQUESTS / operations.length);
  operations.forEach((operation, index) => {
    it(`${operation.key}: no 500, no stack trace, every error a problem+json document`, async () => {
      const handler = await handlerOf(operation);
      const counts = new Map<number, number>();
      statuses.set(operation.key, counts);
      const property = fc.asyncProperty(
        requestSpec(operation, document.components.schemas, known),
        async (spec) => {
          const response = await handler(toRequest(operation, spec), routeContext(spec.params));
          counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
          const fault = await faultOf(response, operation.statuses);
          expect(fault, `${operation.key} (FUZZ_SEED=${SEED})`).toBeNull();
        },
      );
      await fc.assert(property, { seed: SEED + index, numRuns: runs });
    }, 300_000);
  });
});

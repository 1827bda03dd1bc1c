import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { PROBLEM_CONTENT_TYPE } from '@/lib/http/problem';
import {
  allPage,
  appendRequest,
  correlationPage,
  correlationQuery,
  liveEventsQuery,
  recordedEvent,
  appendResult,
  health,
  listStreamsQuery,
  problem,
  readAllQuery,
  readStreamQuery,
  streamDetails,
  streamList,
  streamPage,
  verifyResult,
  downloadQuery,
  historyDocument,
} from './schemas';
import {
  diffQuery,
  snapshotCleanup,
  snapshotStats,
  stateDiff,
  stateQuery,
  streamState,
} from './state-schemas';
import {
  createWorkflowRequest,
  listWorkflowsQuery,
  workflow,
  workflowCommandRequest,
  workflowList,
  workflowVersion,
} from './workflow-schemas';
import { createdToken, createTokenRequest, tokenInfo } from './token-schemas';
import { erasureResult, listSubjectsQuery, subjectIdParam, subjectList } from './subject-schemas';
import {
  failureOutcome,
  failureView,
  listReplaysQuery,
  projectionView,
  replayList,
  replayView,
  startReplayRequest,
} from './projection-schemas';
import {
  digestList,
  digestView,
  evidenceQuery,
  listDigestsQuery,
  listVerificationsQuery,
  verificationList,
  verificationRunView,
} from './integrity-schemas';
import {
  holdAnswer,
  holdRequest,
  retentionCategoryParams,
  retentionRules,
  scavengeStatus,
  setRetentionRequest,
} from './retention-schemas';
import { READABLE_STREAM_ID } from './fields';
import { z } from './zod';

const problemAnswers = {
  400: 'Invalid input: the body, a parameter or the stream id',
  401: 'No valid bearer token (unknown, revoked or expired)',
  403: "The caller's role does not allow it",
  404: 'Unknown stream',
  409: 'Concurrency conflict (with currentVersion) or an eventId reused for other content',
  413: 'Body over 1 MiB or more than 1000 events',
  415: 'A body that is not application/json',
  422: 'Data that breaks the schema registered for its event type',
  429: "Over the token's rate limit; Retry-After says when to try again",
  503: 'The database is unreachable, or personal data is involved and no CHRONICLE_MASTER_KEY is configured; Retry-After says when to try again',
} as const;

type ProblemStatus = keyof typeof problemAnswers;

const projectionParams = z.object({ name: z.string().openapi({ example: 'event-stats' }) });

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * Every authenticated route can answer 401, 403, 429 and 503, besides what it lists. A status
 * listed with its own description means something particular to that route (a 422 refused
 * transition).
 */
function answers(
  success: Record<number, ResponseConfig>,
  statuses: (ProblemStatus | [ProblemStatus, string])[],
) {
  const all = [...statuses, 401, 403, 429, 503] as const;
  return {
    ...success,
    ...Object.fromEntries(
      all.map((entry) => {
        const [status, description] =
          typeof entry === 'number' ? [entry, problemAnswers[entry]] : entry;
        const content = { [PROBLEM_CONTENT_TYPE]: { schema: problem } };
        return [status, { description, content }];
      }),
    ),
  };
}

const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const streamPath = z.object({
  id: z.string().openapi({
    pattern: READABLE_STREAM_ID,
    param: { description: 'Stream id, URL-encoded; `$` ids are read-only' },
  }),
});

/**
 * A GET of one stream's resource: 404 for an unknown stream, 400 for an impossible id. A refusal
 * given with the same status replaces the usual description.
 */
const streamResource = (
  operationId: string,
  path: string,
  summary: string,
  schema: z.ZodType,
  query?: z.ZodObject,
  refusals: [ProblemStatus, string][] = [],
): RouteConfig => ({
  method: 'get',
  path,
  operationId,
  summary,
  request: { params: streamPath, query },
  responses: answers({ 200: json(schema, 'OK') }, [400, 404, ...refusals]),
});

const workflowPath = z.object({
  id: z.guid().openapi({ param: { description: 'workflowId; not a UUID: 400' } }),
});

const unknownWorkflow: [ProblemStatus, string] = [404, 'Unknown workflow'];
const versionRefusals: [ProblemStatus, string][] = [
  [404, 'Unknown stream, or a version beyond its newest'],
  [
    422,
    'A stream of a category with no aggregate type (only workflow and agent streams have states)',
  ],
];

const routes: RouteConfig[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness and database status',
    security: [],
    responses: {
      200: json(health, 'The database answers'),
      503: json(health, 'The database is down'),
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    security: [],
    responses: {
      200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: {} } } },
    },
  },
  {
    method: 'get',
    path: '/streams',
    operationId: 'listStreams',
    summary: 'List streams (auditor)',
    request: { query: listStreamsQuery },
    responses: answers({ 200: json(streamList, 'A page of streams') }, [400]),
  },
  streamResource(
    'getStream',
    '/streams/{id}',
    'A stream and the hash of its newest event (auditor)',
    streamDetails,
  ),
  streamResource(
    'readStream',
    '/streams/{id}/events',
    "Read a stream's events (auditor)",
    streamPage,
    readStreamQuery,
  ),
  {
    method: 'get',
    path: '/streams/{id}/events/download',
    operationId: 'downloadStream',
    summary:
      "A stream's whole history as one JSON file, events in version order, sent as it is read (auditor)",
    request: { params: streamPath, query: downloadQuery },
    responses: answers(
      {
        200: {
          description: 'An attachment named after the stream and its version',
          content: { 'application/json': { schema: historyDocument } },
        },
      },
      [400, 404],
    ),
  },
  {
    method: 'post',
    path: '/streams/{id}/events',
    operationId: 'appendToStream',
    summary: 'Append events (operator)',
    request: { params: streamPath, body: jsonBody(appendRequest) },
    responses: answers(
      { 201: json(appendResult, 'Written, or the original result of an idempotent retry') },
      [400, 409, 413, 415, 422],
    ),
  },
  {
    method: 'get',
    path: '/events',
    operationId: 'readAll',
    summary: 'Read the global log $all, gap-safe (auditor)',
    request: { query: readAllQuery },
    responses: answers({ 200: json(allPage, 'A page of events') }, [400]),
  },
  {
    method: 'get',
    path: '/events/live',
    operationId: 'subscribeToAll',
    summary:
      'Server-Sent Events: `ready` with the start position, then an `event` for each new matching event of $all as it becomes readable, gap-safe; each has its position as id, so a reconnect (Last-Event-ID) resumes after it (auditor)',
    request: { query: liveEventsQuery },
    responses: answers(
      {
        200: {
          description: 'An event stream that stays open until the client leaves',
          content: { 'text/event-stream': { schema: z.string() } },
        },
      },
      [400],
    ),
  },
  {
    method: 'get',
    path: '/events/{id}',
    operationId: 'getEvent',
    summary: 'One event by its eventId (auditor)',
    request: {
      params: z.object({
        id: z.guid().openapi({ param: { description: 'eventId; not a UUID: 400' } }),
      }),
    },
    responses: answers({ 200: json(recordedEvent, 'The event') }, [400, [404, 'Unknown event']]),
  },
  {
    method: 'get',
    path: '/correlations/{id}',
    operationId: 'readCorrelation',
    summary:
      'Every event whose metadata.correlationId is this id, across streams, in $all order, gap-safe; at most `limit` (≤ 1000, default 1000) a page, continued with `after` (auditor)',
    request: {
      params: z.object({
        id: z
          .string()
          .min(1)
          .max(200)
          .openapi({ param: { description: 'The correlation id, URL-encoded' } }),
      }),
      query: correlationQuery,
    },
    responses: answers({ 200: json(correlationPage, 'The group, or a page of it') }, [400]),
  },
  streamResource(
    'verifyStream',
    '/streams/{id}/verify',
    "Recompute a stream's hash chain (auditor)",
    verifyResult,
  ),
  streamResource(
    'getStreamState',
    '/streams/{id}/state',
    "A workflow's or agent's state at a version or a time (auditor); exactly one of version and at",
    streamState,
    stateQuery,
    versionRefusals,
  ),
  streamResource(
    'diffStreamStates',
    '/streams/{id}/diff',
    'The fields that differ between the states at two versions (auditor)',
    stateDiff,
    diffQuery,
    versionRefusals,
  ),
  {
    method: 'get',
    path: '/workflows',
    operationId: 'listWorkflows',
    summary: 'List workflows from the read model, most recently changed first (auditor)',
    request: { query: listWorkflowsQuery },
    responses: answers({ 200: json(workflowList, 'A page of workflows') }, [400]),
  },
  {
    method: 'post',
    path: '/workflows',
    operationId: 'createWorkflow',
    summary: 'Create a research workflow, in status draft (operator)',
    request: { body: jsonBody(createWorkflowRequest) },
    responses: answers(
      { 201: json(workflowVersion, 'Created; Location names the workflow') },
      [400, 413, 415],
    ),
  },
  {
    method: 'get',
    path: '/workflows/{id}',
    operationId: 'getWorkflow',
    summary: "A workflow's state from the read model (auditor)",
    request: { params: workflowPath },
    responses: answers({ 200: json(workflow, 'OK') }, [400, unknownWorkflow]),
  },
  {
    method: 'post',
    path: '/workflows/{id}/commands',
    operationId: 'sendWorkflowCommand',
    summary: 'Send a workflow a command (operator); each accepted one appends one event',
    request: { params: workflowPath, body: jsonBody(workflowCommandRequest) },
    responses: answers({ 200: json(workflowVersion, 'Accepted; the new version') }, [
      400,
      unknownWorkflow,
      [409, 'expectedVersion is stale; currentVersion says the version now'],
      413,
      415,
      [422, 'A transition the workflow refuses; the detail names it and says why'],
    ]),
  },
  {
    method: 'get',
    path: '/snapshots/stats',
    operationId: 'getSnapshotStats',
    summary: 'Snapshot counts, bytes, compression, creation times and cache hit rate (auditor)',
    responses: answers({ 200: json(snapshotStats, 'OK') }, []),
  },
  {
    method: 'post',
    path: '/snapshots/cleanup',
    operationId: 'cleanUpSnapshots',
    summary: "Delete all but each stream's newest snapshots (operator); needs no body",
    responses: answers({ 200: json(snapshotCleanup, 'Done') }, []),
  },
  {
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    summary: 'API tokens not revoked, newest first, never their secrets (admin)',
    responses: answers({ 200: json(z.array(tokenInfo), 'OK') }, []),
  },
  {
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    summary: 'Make an API token with a role (admin); its secret is in this answer only',
    request: { body: jsonBody(createTokenRequest) },
    responses: answers({ 201: json(createdToken, 'Created') }, [400, 413, 415]),
  },
  {
    method: 'delete',
    path: '/tokens/{id}',
    operationId: 'revokeToken',
    summary: 'Revoke an API token at once (admin)',
    request: { params: z.object({ id: z.guid() }) },
    responses: answers({ 204: { description: 'Revoked' } }, [
      400,
      [404, 'Unknown or already revoked'],
    ]),
  },
  {
    method: 'get',
    path: '/subjects',
    operationId: 'listSubjects',
    summary:
      'Data subjects: their streams, events, and when and by whom they were erased (admin: the list is itself personal data)',
    request: { query: listSubjectsQuery },
    responses: answers({ 200: json(subjectList, 'OK') }, [400]),
  },
  {
    method: 'post',
    path: '/subjects/{subjectId}/erase',
    operationId: 'eraseSubject',
    summary:
      'Erase a data subject: delete their key, so every read shows their personal fields as null (admin); a second call answers the first erasure',
    request: { params: z.object({ subjectId: subjectIdParam }) },
    responses: answers({ 200: json(erasureResult, 'Erased') }, [400, [404, 'Unknown subject']]),
  },
  {
    method: 'get',
    path: '/projections',
    operationId: 'listProjections',
    summary: 'Each projection: kind, status, checkpoint, lag, last error, failures (auditor)',
    responses: answers({ 200: json(z.array(projectionView), 'OK') }, []),
  },
  {
    method: 'get',
    path: '/projections/{name}/failures',
    operationId: 'listProjectionFailures',
    summary: 'Events a projection could not apply, and those parked behind them (auditor)',
    request: { params: projectionParams },
    responses: answers({ 200: json(z.array(failureView), 'OK') }, [
      400,
      [404, 'Unknown projection'],
    ]),
  },
  ...(['retry', 'skip'] as const).map((act): RouteConfig => ({
    method: 'post',
    path: `/projections/{name}/failures/{id}/${act}`,
    operationId: `${act}ProjectionFailure`,
    summary:
      act === 'retry'
        ? 'Apply a failed event again, with the events of its stream parked behind it (operator)'
        : 'Give up on a failed event; the projection goes on without it (operator)',
    request: { params: projectionParams.extend({ id: z.guid() }) },
    responses: answers({ 200: json(failureOutcome, 'Done; `error` says if it still fails') }, [
      400,
      [404, 'Unknown projection or failure'],
      [409, 'The failure is in a state that does not allow it'],
    ]),
  })),
  {
    method: 'get',
    path: '/replays',
    operationId: 'listReplays',
    summary: 'Replays, newest first (auditor)',
    request: { query: listReplaysQuery },
    responses: answers({ 200: json(replayList, 'OK') }, [400]),
  },
  {
    method: 'post',
    path: '/replays',
    operationId: 'startReplay',
    summary: 'Rebuild a projection in full, or resume an async one from its checkpoint (operator)',
    request: { body: jsonBody(startReplayRequest) },
    responses: answers(
      {
        202: json(
          z.object({ replayId: z.guid(), status: replayView.shape.status }),
          'Queued; its progress is at /replays/{id}/progress',
        ),
      },
      [
        400,
        [404, 'Unknown projection'],
        [409, 'A replay of that projection is already queued or running'],
        413,
        415,
        [422, 'An incremental replay of an inline projection'],
      ],
    ),
  },
  {
    method: 'get',
    path: '/replays/{id}',
    operationId: 'getReplay',
    summary: 'A replay and its progress (auditor)',
    request: { params: z.object({ id: z.guid() }) },
    responses: answers({ 200: json(replayView, 'OK') }, [400, [404, 'Unknown replay']]),
  },
  {
    method: 'get',
    path: '/replays/{id}/progress',
    operationId: 'followReplay',
    summary:
      'Server-Sent Events: `progress` events carrying the replay, at once and at each change, until a final status (auditor)',
    request: { params: z.object({ id: z.guid() }) },
    responses: answers(
      {
        200: {
          description: 'An event stream',
          content: { 'text/event-stream': { schema: z.string() } },
        },
      },
      [400, [404, 'Unknown replay']],
    ),
  },
  {
    method: 'post',
    path: '/replays/{id}/cancel',
    operationId: 'cancelReplay',
    summary: 'Cancel a replay: a queued one at once, a running one at its next batch (operator)',
    request: { params: z.object({ id: z.guid() }) },
    responses: answers(
      { 202: json(z.object({ replayId: z.guid(), status: replayView.shape.status }), 'Accepted') },
      [400, [404, 'Unknown replay'], [409, 'The replay has already ended']],
    ),
  },
  {
    method: 'get',
    path: '/digests',
    operationId: 'listDigests',
    summary:
      'Signed digests of the store, newest first; a `Link: rel="next"` header names the next page (auditor)',
    request: { query: listDigestsQuery },
    responses: answers({ 200: json(digestList, 'OK') }, [400]),
  },
  {
    method: 'post',
    path: '/digests',
    operationId: 'createDigest',
    summary: 'Take a signed digest of the store now (auditor: it changes no data)',
    responses: answers({ 201: json(digestView, 'Taken') }, [[409, 'No signing key is configured']]),
  },
  {
    method: 'get',
    path: '/digests/latest',
    operationId: 'getLatestDigest',
    summary: 'The newest digest: Merkle root over every stream head, signed (auditor)',
    responses: answers({ 200: json(digestView, 'OK') }, [[404, 'No digest taken yet']]),
  },
  {
    method: 'get',
    path: '/evidence',
    operationId: 'exportEvidence',
    summary:
      'An evidence file: events as stored, the signed digest, Merkle proofs; check it with bin/chronicle-verify.mjs (auditor)',
    request: { query: evidenceQuery },
    responses: answers(
      {
        200: {
          description: 'NDJSON lines: header, event, link, proof, end (docs/integrity.md)',
          content: { 'application/x-ndjson': { schema: z.string() } },
        },
      },
      [
        400,
        [404, 'Unknown stream'],
        [409, 'No signing key, or a stream whose events are not yet readable'],
      ],
    ),
  },
  {
    method: 'get',
    path: '/verifications',
    operationId: 'listVerifications',
    summary: 'Hash-chain checks, newest first: of one stream, or of every stream (auditor)',
    request: { query: listVerificationsQuery },
    responses: answers({ 200: json(verificationList, 'OK') }, [400]),
  },
  {
    method: 'post',
    path: '/verifications',
    operationId: 'startVerification',
    summary: 'Check every stream as a background job (auditor)',
    responses: answers({ 202: json(verificationRunView, 'Queued') }, [
      [409, 'A check of every stream is already queued or running'],
    ]),
  },
  {
    method: 'get',
    path: '/verifications/{id}',
    operationId: 'getVerification',
    summary: 'A check, its progress and the streams found broken (auditor)',
    request: { params: z.object({ id: z.guid() }) },
    responses: answers({ 200: json(verificationRunView, 'OK') }, [
      400,
      [404, 'Unknown verification'],
    ]),
  },
  {
    method: 'post',
    path: '/verifications/{id}/cancel',
    operationId: 'cancelVerification',
    summary: 'Stop a check of every stream at its next batch (auditor)',
    request: { params: z.object({ id: z.guid() }) },
    responses: answers({ 202: json(verificationRunView, 'Accepted') }, [
      400,
      [404, 'Unknown verification'],
      [409, 'The check has already ended'],
    ]),
  },
  {
    method: 'get',
    path: '/retention',
    operationId: 'listRetentionRules',
    summary: 'The retention rule of every category that has one (auditor)',
    responses: answers({ 200: json(retentionRules, 'OK') }, []),
  },
  {
    method: 'put',
    path: '/retention/{category}',
    operationId: 'setRetentionRule',
    summary:
      "Set a category's retention rule, or remove it with neither limit; answers the rule set. Expired events vanish from every read at once (admin)",
    request: { params: retentionCategoryParams, body: jsonBody(setRetentionRequest) },
    responses: answers({ 200: json(retentionRules, 'The rule set') }, [
      400,
      [422, 'The audit trail ($audit) and other system streams are not subject to retention'],
    ]),
  },
  {
    method: 'get',
    path: '/retention/scavenge',
    operationId: 'getScavengeStatus',
    summary: 'The scavenge run waiting or under way, and the last finished one (auditor)',
    responses: answers({ 200: json(scavengeStatus, 'OK') }, []),
  },
  {
    method: 'post',
    path: '/retention/scavenge',
    operationId: 'startScavenge',
    summary:
      'Queue a scavenge: expired events are removed for good, each stream keeping a truncation anchor (operator)',
    responses: answers({ 202: json(scavengeStatus, 'Queued') }, []),
  },
  {
    method: 'put',
    path: '/streams/{id}/hold',
    operationId: 'setStreamHold',
    summary: 'Place or lift a legal hold: retention leaves a held stream alone (admin)',
    request: { params: streamPath, body: jsonBody(holdRequest) },
    responses: answers({ 200: json(holdAnswer, 'OK') }, [400, 404]),
  },
];

function build() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const route of routes) registry.registerPath(route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Chronicle',
      version: '1',
      description: 'Event store REST API. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
  });
}

let document: ReturnType<typeof build> | undefined;

/** Built on first use: the routes and schemas do not change while the process runs. */
export function openApiDocument(): ReturnType<typeof build> {
  document ??= build();
  return document;
}

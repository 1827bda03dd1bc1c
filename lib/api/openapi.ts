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
} from './schemas';
import { z } from './zod';

const problemAnswers = {
  400: 'Invalid input: the body, a parameter or the stream id',
  401: 'No valid bearer token',
  403: 'The token lacks the role',
  404: 'Unknown stream',
  409: 'Concurrency conflict (with currentVersion) or an eventId reused for other content',
  413: 'Body over 1 MiB or more than 1000 events',
  415: 'A body that is not application/json',
  422: 'Data that breaks the schema registered for its event type',
  503: 'The database is unreachable',
} as const;

type ProblemStatus = keyof typeof problemAnswers;

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

/** Every authenticated route can answer 401, 403 and 503, besides what it lists. */
function answers(success: Record<number, ResponseConfig>, statuses: ProblemStatus[]) {
  const all: ProblemStatus[] = [...statuses, 401, 403, 503];
  return {
    ...success,
    ...Object.fromEntries(
      all.map((status) => [
        status,
        {
          description: problemAnswers[status],
          content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } },
        },
      ]),
    ),
  };
}

const streamPath = z.object({
  id: z
    .string()
    .openapi({ param: { description: 'Stream id, URL-encoded; `$` ids are read-only' } }),
});

/** A GET of one stream's resource: 404 for an unknown stream, 400 for an impossible id. */
const streamResource = (
  path: string,
  summary: string,
  schema: z.ZodType,
  query?: z.ZodObject,
): RouteConfig => ({
  method: 'get',
  path,
  summary,
  request: { params: streamPath, query },
  responses: answers({ 200: json(schema, 'OK') }, [400, 404]),
});

const routes: RouteConfig[] = [
  {
    method: 'get',
    path: '/health',
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
    summary: 'This document',
    security: [],
    responses: {
      200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: {} } } },
    },
  },
  {
    method: 'get',
    path: '/streams',
    summary: 'List streams (auditor)',
    request: { query: listStreamsQuery },
    responses: answers({ 200: json(streamList, 'A page of streams') }, [400]),
  },
  streamResource(
    '/streams/{id}',
    'A stream and the hash of its newest event (auditor)',
    streamDetails,
  ),
  streamResource(
    '/streams/{id}/events',
    "Read a stream's events (auditor)",
    streamPage,
    readStreamQuery,
  ),
  {
    method: 'post',
    path: '/streams/{id}/events',
    summary: 'Append events (operator)',
    request: {
      params: streamPath,
      body: { required: true, content: { 'application/json': { schema: appendRequest } } },
    },
    responses: answers(
      { 201: json(appendResult, 'Written, or the original result of an idempotent retry') },
      [400, 409, 413, 415, 422],
    ),
  },
  {
    method: 'get',
    path: '/events',
    summary: 'Read the global log $all, gap-safe (auditor)',
    request: { query: readAllQuery },
    responses: answers({ 200: json(allPage, 'A page of events') }, [400]),
  },
  streamResource('/streams/{id}/verify', "Recompute a stream's hash chain (auditor)", verifyResult),
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

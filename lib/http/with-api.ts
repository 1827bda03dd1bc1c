import { randomUUID } from 'node:crypto';
import { assertRole, type Actor, type Role } from '@/lib/actor';
import {
  auditEvent,
  type AuditAction,
  type AuditEvent,
  type RequestInfo,
} from '@/lib/audit/audit-event';
import { createMemoryLimiter } from '@/lib/auth/rate-limit';
import { env } from '@/lib/env';
import { ChronicleError, isChronicleError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { metrics } from '@/lib/metrics';
import { getChronicle, noteWrite } from '@/lib/runtime';
import { authenticate } from './authenticate';
import { clientAddress } from './client-address';
import { problemResponse, toProblem } from './problem';

export type RouteParams = Record<string, string | string[] | undefined>;

/** The audit record of a route's act: written by the wrapper, or by lib within the act itself. */
export type AuditScope = {
  /** The success event, for an act that appends to write in its own transaction. */
  inTransaction: (detail?: Record<string, unknown>) => AuditEvent;
  /** More for the record the wrapper writes (never a secret). */
  note: (detail: Record<string, unknown>) => void;
};

type Context<A> = {
  req: Request;
  url: URL;
  actor: A;
  params: RouteParams;
  requestId: string;
  request: RequestInfo;
  audit: AuditScope;
};

type Handler<A> = (context: Context<A>) => Promise<Response>;

/** What Next passes a route handler as its second argument. */
export type RouteContext = { params: Promise<RouteParams> };

export type RouteHandler = (req: Request, context: RouteContext) => Promise<Response>;

export type AuditSpec = {
  action: AuditAction;
  target?: (params: RouteParams, url: URL) => string | null;
};

/**
 * `route` is the file-system route (`/api/v1/streams/[id]`): a bounded label for logs and
 * metrics. `role` is the least role allowed, `any` any authenticated caller, `public` no one
 * in particular. `audit` names the act the route records on the audit trail.
 */
type Options<R> = { route: string; role: R; audit?: AuditSpec };

type ActorFor<R> = R extends Role | 'any' ? Actor : null;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

let apiLimiter: ReturnType<typeof createMemoryLimiter> | undefined;

/** Per principal, in memory: the bootstrap token (tests, benchmarks, automation) is exempt. */
function assertWithinLimit(actor: Actor) {
  if (actor.via === 'bootstrap' || actor.via === 'system') return;
  apiLimiter ??= createMemoryLimiter({ max: env().CHRONICLE_API_RATE_LIMIT, windowMs: 60_000 });
  const { allowed, retryAfterSeconds } = apiLimiter(`${actor.via}:${actor.id}`);
  if (!allowed) {
    throw new ChronicleError(
      'rate_limited',
      `Too many requests; try again in ${retryAfterSeconds} s`,
      {
        retryAfter: retryAfterSeconds,
      },
    );
  }
}

const roundMs = (seconds: number) => Math.round(seconds * 1e4) / 10;

const outcomeOf = (status: number) =>
  status < 400 ? 'succeeded' : status === 403 ? 'refused' : 'failed';

/**
 * Wraps every route handler, so that request ids, logs, metrics, authentication, rate limits,
 * the role check, the audit record and the mapping of errors to problem+json live in one place
 * and handlers only return successes.
 */
export function withApi<R extends Role | 'any' | 'public'>(
  { route, role, audit: spec }: Options<R>,
  handler: Handler<ActorFor<R>>,
): RouteHandler {
  return async (req, context) => {
    const started = performance.now();
    const given = req.headers.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const request: RequestInfo = {
      requestId,
      clientAddress: clientAddress(req.headers, env().CHRONICLE_TRUSTED_PROXIES),
    };
    const url = new URL(req.url);
    let actor: Actor | null = null;
    let params: RouteParams = {};
    let detail: Record<string, unknown> = {};
    let recordedInTransaction = false;
    const audit: AuditScope = {
      inTransaction: (extra) => {
        recordedInTransaction = true;
        return auditEvent({ actor, request }, spec!.action, 'succeeded', target(), extra);
      },
      note: (extra) => {
        detail = { ...detail, ...extra };
      },
    };
    const target = () => spec?.target?.(params, url) ?? null;
    let response: Response;
    let failure: unknown;
    try {
      params = await context.params;
      if (role !== 'public') {
        actor = await authenticate(req);
        assertWithinLimit(actor);
        if (role !== 'any') assertRole(actor, role);
      }
      // TypeScript cannot narrow R from `role`; the branch is what ActorFor<R> says.
      response = await handler({
        req,
        url,
        actor: actor as ActorFor<R>,
        params,
        requestId,
        request,
        audit,
      });
    } catch (error) {
      const { problem, code, unexpected } = toProblem(error);
      metrics().errors.inc({ code });
      if (unexpected || problem.status >= 500) failure = error;
      if (isChronicleError(error)) detail = { ...detail, problem: code };
      response = problemResponse({ ...problem, requestId });
    }
    const { status } = response;
    const outcome = outcomeOf(status);
    if (actor && req.method !== 'GET' && status < 400) noteWrite(actor);
    if (spec && actor && !(outcome === 'succeeded' && recordedInTransaction)) {
      const event = auditEvent({ actor, request }, spec.action, outcome, target(), {
        ...detail,
        ...(outcome === 'succeeded' ? {} : { status }),
      });
      await (
        await getChronicle()
      ).audit
        .record(event)
        .catch((error: unknown) =>
          logger().error({ err: error, requestId, action: spec.action }, 'audit record failed'),
        );
    }
    response.headers.set('x-request-id', requestId);
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    const seconds = (performance.now() - started) / 1000;
    metrics().httpSeconds.observe({ method: req.method, route, status: String(status) }, seconds);
    const line = { requestId, method: req.method, route, status, ms: roundMs(seconds) };
    // Answered requests are counted and timed by the metrics; a line for each at info would be
    // most of the cost of a small request (LOG_LEVEL=debug has them). Refusals stay at info.
    if (failure !== undefined) logger().error({ ...line, err: failure }, 'request failed');
    else if (status >= 400) logger().info(line, 'request');
    else logger().debug(line, 'request');
    return response;
  };
}

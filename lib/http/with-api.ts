import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Actor, Role } from '@/lib/actor';
import { logger } from '@/lib/logger';
import { metrics } from '@/lib/metrics';
import { authorize } from './authenticate';
import { problemResponse, toProblem } from './problem';

export type RouteParams = Record<string, string | string[] | undefined>;

type Context<A> = {
  req: Request;
  url: URL;
  actor: A;
  params: RouteParams;
  log: Logger;
  requestId: string;
};

type Handler<A> = (context: Context<A>) => Promise<Response>;

/** What Next passes a route handler as its second argument. */
export type RouteContext = { params: Promise<RouteParams> };

export type RouteHandler = (req: Request, context: RouteContext) => Promise<Response>;

/** `route` is the file-system route (`/api/v1/streams/[id]`): a bounded label for logs and metrics. */
type Options<R> = { route: string; role: R };

type ActorFor<R> = R extends Role ? Actor : null;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Wraps every route handler, so that request ids, logs, metrics, authentication, the role check
 * and the mapping of errors to problem+json live in one place and handlers only return successes.
 */
export function withApi<R extends Role | 'public'>(
  { route, role }: Options<R>,
  handler: Handler<ActorFor<R>>,
): RouteHandler {
  return async (req, context) => {
    const started = performance.now();
    const given = req.headers.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const log = logger().child({ requestId });
    let response: Response;
    let failure: unknown;
    try {
      // TypeScript cannot narrow R from `role`; the branch is what ActorFor<R> says.
      const actor = (role === 'public' ? null : authorize(req, role)) as ActorFor<R>;
      const params = await context.params;
      response = await handler({ req, url: new URL(req.url), actor, params, log, requestId });
    } catch (error) {
      const { problem, code, unexpected } = toProblem(error);
      metrics().errors.inc({ code });
      if (unexpected || problem.status >= 500) failure = error;
      response = problemResponse({ ...problem, requestId });
    }
    response.headers.set('x-request-id', requestId);
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    const seconds = (performance.now() - started) / 1000;
    const { status } = response;
    metrics().httpSeconds.observe({ method: req.method, route, status: String(status) }, seconds);
    const line = { method: req.method, route, status, ms: Math.round(seconds * 1e4) / 10 };
    if (failure === undefined) log.info(line, 'request');
    else log.error({ ...line, err: failure }, 'request failed');
    return response;
  };
}

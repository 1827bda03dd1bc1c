import { rawAppend, rawStream, type RawEvent, type RawExpected } from '@/lib/bench/raw-append';
import { env } from '@/lib/env';
import type { RouteContext } from '@/lib/http/with-api';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * The HTTP benchmark's in-app floor (`npm run bench`, suite http): the framework's cost with
 * none of ours (no wrapper, no authentication, no validation, no hash chain), one plain statement
 * into the benchmark's raw tables. Unless CHRONICLE_BENCH_FLOOR was set when the server started,
 * it answers 404 to everyone and touches nothing; it is not in the OpenAPI document.
 */
const notServed = () => new Response(null, { status: 404 });

export async function POST(req: Request, { params }: RouteContext): Promise<Response> {
  if (!env().CHRONICLE_BENCH_FLOOR) return notServed();
  const id = String((await params).id);
  const body = (await req.json()) as { expectedVersion?: RawExpected; events: RawEvent[] };
  const { db } = await getRuntime();
  const version = await rawAppend(
    db.$client,
    id,
    body.expectedVersion ?? 'any',
    body.events,
    'floor',
  );
  return Response.json({ streamId: id, toVersion: version }, { status: 201 });
}

export async function GET(_req: Request, { params }: RouteContext): Promise<Response> {
  if (!env().CHRONICLE_BENCH_FLOOR) return notServed();
  const id = String((await params).id);
  const stream = await rawStream((await getRuntime()).db.$client, id);
  return stream ? Response.json(stream) : notServed();
}

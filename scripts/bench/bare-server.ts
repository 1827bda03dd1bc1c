/**
 * The HTTP benchmark's second floor: the same statements as the in-app floor
 * (app/api/bench/append/[id]) behind bare node:http and postgres.js, with no framework.
 * Run by the http suite as its own process: DATABASE_URL, PORT, CHRONICLE_DB_POOL_SIZE.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect } from '../../db/client';
import { rawAppend, rawStream, type RawEvent, type RawExpected } from '../../lib/bench/raw-append';

const sql = connect({
  url: process.env.DATABASE_URL!,
  max: Number(process.env.CHRONICLE_DB_POOL_SIZE ?? 10),
  applicationName: 'chronicle-bench-bare',
}).$client;
const PATH = /^\/api\/bench\/append\/([^/?]+)$/;

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((req, res) => {
  const id = PATH.exec(req.url ?? '')?.[1];
  const answer = (status: number, body?: unknown) => {
    const json = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json' }).end(json);
  };
  if (!id) return answer(404);
  const work =
    req.method === 'POST'
      ? text(req).then(async (body) => {
          const parsed = JSON.parse(body) as { expectedVersion?: RawExpected; events: RawEvent[] };
          const { expectedVersion = 'any', events } = parsed;
          const toVersion = await rawAppend(sql, id, expectedVersion, events, 'floor');
          answer(201, { streamId: id, toVersion });
        })
      : rawStream(sql, id).then((stream) => (stream ? answer(200, stream) : answer(404)));
  work.catch((error: unknown) => answer(500, { detail: String(error) }));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});

// Chronicle's HTTP server (`npm start`): Next's request handler behind node:http, so that every
// request carries the address of the socket it came from in x-chronicle-peer, which a client
// cannot forge (any such header it sends is replaced). lib/http/client-address.ts reads it.
//
// CHRONICLE_PROCESSES=N (default 1) runs N such processes behind the one port (node:cluster:
// the first process hands each new connection to the next one in turn). They share nothing but
// the database; docs/operations.md says what that means. It needs DATABASE_URL: an embedded
// PostgreSQL belongs to one process.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import next from 'next';

const port = Number(process.env.PORT ?? 3000);
const processes = Number(process.env.CHRONICLE_PROCESSES || 1);

if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
  console.error('Invalid configuration: CHRONICLE_PROCESSES must be an integer from 1 to 64');
  process.exit(1);
}

if (processes > 1 && cluster.isPrimary) {
  if (!process.env.DATABASE_URL) {
    console.error('Invalid configuration: CHRONICLE_PROCESSES > 1 needs DATABASE_URL');
    process.exit(1);
  }
  let stopping = false;
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === processes) {
      console.log(`Chronicle listening on http://localhost:${port} (${processes} processes)`);
    }
  });
  // A process that dies is replaced; the others go on serving meanwhile.
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`app process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
    });
  }
  for (let i = 0; i < processes; i++) cluster.fork();
} else {
  const app = next({ dev: false, dir: import.meta.dirname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    req.headers['x-chronicle-peer'] = req.socket.remoteAddress ?? '';
    void handle(req, res);
  });
  // Longer than clients' and load balancers' idle timeouts (often 60 s): with Node's 5 s, a
  // client reusing a connection just as the server closes it gets ECONNRESET on its request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, () => {
    if (cluster.isPrimary) console.log(`Chronicle listening on http://localhost:${port}`);
  });
}

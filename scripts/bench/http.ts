import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { postgresCpuSeconds, processCpuSeconds } from './cpu-time';
import { median, pairedRatios, round } from './measure';
import { benchEvents } from './payload';

/** The targets for the REST path on this machine. */
export const HTTP_TARGETS = { appendToFloor: 0.9, hotP99Ms: 100, readsPerSec: 1500 };

const CONNECTIONS = 32;
const WARM_UP_SECONDS = 2;
const BOOTSTRAP = `bench-${randomUUID()}`;

type Kind = 'ours' | 'floor' | 'bare';
type Server = { url: string; pid: number; stop(): Promise<void> };
/**
 * CPU per request in µs: the server's process, PostgreSQL, and this process, which generates the
 * load on the same cores (autocannon); null where not measured.
 */
type CpuFigures = {
  serverCpuUs: number | null;
  databaseCpuUs: number | null;
  clientCpuUs: number | null;
};
type Figures = { reqPerSec: number; p50Ms: number; p99Ms: number; non2xx: number } & CpuFigures;
type Scenario = {
  name: string;
  streams: number;
  method: 'POST' | 'GET';
  notes: Record<string, string | number>;
};

const SCENARIOS: Scenario[] = [
  { name: 'http-append', streams: 5000, method: 'POST', notes: { streams: 5000 } },
  { name: 'http-append-hot', streams: 50, method: 'POST', notes: { streams: 50 } },
  { name: 'http-read-stream', streams: 50, method: 'GET', notes: { streams: 50 } },
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });

/** Starts a server process and waits for its line saying that it listens. */
async function startProcess(args: string[], env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (/listening/i.test(seen)) resolve();
      if (seen.length > 100_000) seen = seen.slice(-1000);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) at start`)));
  });
  child.stdout!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `next start` as `npm start` runs it, with the in-app floor served. */
function startApp(databaseUrl: string, processes: number) {
  if (!existsSync('.next/BUILD_ID')) {
    throw new Error('The http suite runs the built app: run `npm run build` first');
  }
  return startProcess(['server.mjs'], {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    CHRONICLE_BOOTSTRAP_TOKEN: BOOTSTRAP,
    CHRONICLE_BENCH_FLOOR: 'true',
    CHRONICLE_PROCESSES: String(processes),
    // One token makes every request here; the per-token limit is not what is measured.
    CHRONICLE_API_RATE_LIMIT: '1000000000',
  });
}

const startBare = (databaseUrl: string) =>
  startProcess(['--import', 'tsx', 'scripts/bench/bare-server.ts'], { DATABASE_URL: databaseUrl });

/** An operator token, as a program calling the API would hold. */
async function operatorToken(app: Server): Promise<string> {
  const response = await fetch(`${app.url}/api/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOOTSTRAP}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', role: 'operator' }),
  });
  if (response.status !== 201)
    throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Event ids whose append was answered 2xx, by where they must now be. */
type Acknowledged = { events: string[]; raw: string[] };

async function load(options: {
  server: Server;
  kind: Kind;
  scenario: Scenario;
  prefix: string;
  token: string;
  seconds: number;
  acknowledged: Acknowledged;
}): Promise<Figures> {
  const { kind, scenario, prefix, token, acknowledged } = options;
  const path = (i: number) =>
    kind === 'ours'
      ? `/api/v1/streams/${prefix}-${i}${scenario.method === 'POST' ? '/events' : ''}`
      : `/api/bench/append/${prefix}-${i}`;
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    // As browsers and fetch() send it: a server that compresses small answers pays here.
    'accept-encoding': 'gzip, deflate, br',
  };
  const into = kind === 'ours' ? acknowledged.events : acknowledged.raw;
  let n = 0;
  const cpuBefore = cpuNow(options.server);
  const result = await autocannon({
    url: options.server.url,
    connections: CONNECTIONS,
    duration: options.seconds,
    requests: [
      {
        method: scenario.method,
        setupRequest: (request, context: { eventId?: string }) => {
          const stream = n++ % scenario.streams;
          if (scenario.method === 'GET') return { ...request, path: path(stream), headers };
          const [event] = benchEvents(1);
          const eventId = randomUUID();
          context.eventId = eventId;
          const body = { expectedVersion: 'any', events: [{ ...event, eventId }] };
          return { ...request, path: path(stream), headers, body: JSON.stringify(body) };
        },
        onResponse: (status, _body, context: { eventId?: string }) => {
          if (status >= 200 && status < 300 && typeof context.eventId === 'string') {
            into.push(context.eventId);
          }
        },
      },
    ],
  });
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    ...cpuPerRequest(cpuBefore, cpuNow(options.server), result.requests.total),
  };
}

type CpuSample = { server: number | null; database: number | null; client: number };

const cpuNow = (server: Server): CpuSample => {
  const { user, system } = process.cpuUsage();
  return {
    server: processCpuSeconds(server.pid),
    database: postgresCpuSeconds(),
    client: (user + system) / 1e6,
  };
};

/** Where a request's time goes: the app (or bare server), the database and the load generator. */
function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): CpuFigures {
  const perRequest = (from: number | null, to: number | null) =>
    from === null || to === null || requests === 0
      ? null
      : Math.round(((to - from) / requests) * 1e6);
  return {
    serverCpuUs: perRequest(before.server, after.server),
    databaseCpuUs: perRequest(before.database, after.database),
    clientCpuUs: perRequest(before.client, after.client),
  };
}

/** Every append answered 2xx is in the database: the count, and the ids that are not. */
async function checkAcknowledged(databaseUrl: string, acknowledged: Acknowledged) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    let present = 0;
    for (const [table, ids] of [
      ['events', acknowledged.events],
      ['raw_events', acknowledged.raw],
    ] as const) {
      for (let i = 0; i < ids.length; i += 10_000) {
        const chunk = ids.slice(i, i + 10_000);
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from ${sql(table)} where event_id = any(${chunk}::uuid[])`;
        present += row?.n ?? 0;
      }
    }
    const total = acknowledged.events.length + acknowledged.raw.length;
    return {
      workload: 'http-acknowledged',
      acknowledged: total,
      present,
      missing: total - present,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Each round's ours-versus-other throughput (the kinds of a round ran back to back). */
const throughputRatios = (ours: Figures[], other: Figures[]) =>
  pairedRatios(
    ours.map((run) => run.reqPerSec),
    other.map((run) => run.reqPerSec),
  );

const medianOrNull = (values: (number | null)[]) =>
  values.every((value) => value !== null) ? median(values) : null;

const medianOf = (runs: Figures[]) => ({
  reqPerSec: Math.round(median(runs.map((r) => r.reqPerSec))),
  p50Ms: median(runs.map((r) => r.p50Ms)),
  p99Ms: median(runs.map((r) => r.p99Ms)),
  non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  serverCpuUs: medianOrNull(runs.map((r) => r.serverCpuUs)),
  databaseCpuUs: medianOrNull(runs.map((r) => r.databaseCpuUs)),
  clientCpuUs: medianOrNull(runs.map((r) => r.clientCpuUs)),
});

/** What the issue asks of each scenario, printed beside the figures. */
function verdict(name: string, ours: Figures, ratioToFloor: number) {
  if (name === 'http-append') {
    return {
      target: `reqPerSec ours/floor >= ${HTTP_TARGETS.appendToFloor}`,
      met: ratioToFloor >= HTTP_TARGETS.appendToFloor,
    };
  }
  if (name === 'http-append-hot') {
    return { target: `p99Ms < ${HTTP_TARGETS.hotP99Ms}`, met: ours.p99Ms < HTTP_TARGETS.hotP99Ms };
  }
  return {
    target: `reqPerSec >= ${HTTP_TARGETS.readsPerSec}`,
    met: ours.reqPerSec >= HTTP_TARGETS.readsPerSec,
  };
}

/**
 * REST appends and reads through `next start` (server.mjs) under autocannon, 32 connections,
 * next to two floors in the same run: the in-app floor (a bare route handler doing one plain
 * statement) and the same statement behind bare node:http. Then the append figure with
 * `processes` app processes, and the check that every acknowledged append is stored.
 */
export async function benchmarkHttp(
  databaseUrl: string,
  seconds: number,
  rounds: number,
  processes: number,
) {
  const acknowledged: Acknowledged = { events: [], raw: [] };
  const app = await startApp(databaseUrl, 1);
  const bare = await startBare(databaseUrl).catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
  const lines: Record<string, unknown>[] = [];
  try {
    const token = await operatorToken(app);
    const servers: Record<Kind, Server> = { ours: app, floor: app, bare };
    // A server just started loads each route's code and compiles it on its first requests:
    // every kind gets that time before any round, not only the kind a round starts with.
    for (const kind of ['ours', 'floor', 'bare'] as const) {
      for (const scenario of SCENARIOS) {
        process.stderr.write(`warming up ${scenario.name} ${kind}\n`);
        // Reads go to the hot streams just written, as in the rounds.
        const prefix = `warm-up-${scenario.method === 'GET' ? 'http-append-hot' : scenario.name}-${kind}`;
        const options = { server: servers[kind], kind, scenario, prefix, token, acknowledged };
        await load({ ...options, seconds: WARM_UP_SECONDS });
      }
    }
    for (const scenario of SCENARIOS) {
      const runs: Record<Kind, Figures[]> = { ours: [], floor: [], bare: [] };
      for (let r = 1; r <= rounds; r++) {
        const kinds: Kind[] = r % 2 === 1 ? ['ours', 'floor', 'bare'] : ['bare', 'floor', 'ours'];
        for (const kind of kinds) {
          process.stderr.write(`round ${r}/${rounds} ${scenario.name} ${kind}\n`);
          // Reads go to the hot streams the append runs of this round wrote.
          const prefix = `${scenario.method === 'GET' ? 'http-append-hot' : scenario.name}-r${r}${kind}`;
          const options = { server: servers[kind], kind, scenario, prefix, token, acknowledged };
          await load({ ...options, seconds: 1 });
          runs[kind].push(await load({ ...options, seconds }));
        }
      }
      const [ours, floor, bareFigures] = [
        medianOf(runs.ours),
        medianOf(runs.floor),
        medianOf(runs.bare),
      ];
      const toFloor = throughputRatios(runs.ours, runs.floor);
      const ratioToFloor = round(median(toFloor), 3);
      lines.push({
        workload: scenario.name,
        connections: CONNECTIONS,
        ...scenario.notes,
        ...ours,
        floor,
        bare: bareFigures,
        ratioToFloor,
        ratioToFloorByRound: toFloor.map((ratio) => round(ratio, 3)),
        ratioToBare: round(median(throughputRatios(runs.ours, runs.bare)), 3),
        ...verdict(scenario.name, ours, ratioToFloor),
      });
    }
  } finally {
    await Promise.all([app.stop(), bare.stop()]);
  }
  if (processes > 1)
    lines.push(await severalProcesses(databaseUrl, seconds, rounds, processes, acknowledged));
  const check = await checkAcknowledged(databaseUrl, acknowledged);
  lines.push(check);
  if (check.missing !== 0) {
    throw new Error(`${check.missing} acknowledged appends are missing from the database`);
  }
  return lines;
}

/** The spread append scenario against `processes` app processes behind one port. */
async function severalProcesses(
  databaseUrl: string,
  seconds: number,
  rounds: number,
  processes: number,
  acknowledged: Acknowledged,
) {
  const app = await startApp(databaseUrl, processes);
  try {
    const token = await operatorToken(app);
    const scenario = SCENARIOS[0]!;
    const runs: Figures[] = [];
    const warmUp = { server: app, kind: 'ours' as const, scenario, token, acknowledged };
    await load({ ...warmUp, prefix: `warm-up-x${processes}`, seconds: WARM_UP_SECONDS });
    for (let r = 1; r <= rounds; r++) {
      process.stderr.write(`round ${r}/${rounds} ${scenario.name} ours x${processes}\n`);
      const prefix = `${scenario.name}-r${r}x${processes}`;
      const options = { server: app, kind: 'ours' as const, scenario, prefix, token, acknowledged };
      await load({ ...options, seconds: 1 });
      runs.push(await load({ ...options, seconds }));
    }
    return {
      workload: `${scenario.name}-processes`,
      processes,
      ...scenario.notes,
      ...medianOf(runs),
      // The process started is the one that hands connections to the app processes.
      serverCpuUs: null,
    };
  } finally {
    await app.stop();
  }
}

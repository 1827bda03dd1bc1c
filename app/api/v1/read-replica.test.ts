import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidence } from '@/bin/verify-evidence.mjs';
import { generateSigningKeyPem, loadSigningKey } from '@/lib/integrity/signing-key';
import type { Runtime } from '@/lib/runtime';
import {
  apiRequest,
  AUDITOR_TOKEN,
  createWorkflow,
  OPERATOR_TOKEN,
  routeContext,
  runCommands,
  seedTokens,
  sendCommand,
  TEST_TOKEN,
} from '@/test/api';
import { replicaBinaries, startReplicaCluster, type ReplicaCluster } from '@/test/replica-cluster';

const bin = replicaBinaries();
const pem = generateSigningKeyPem();

let cluster: ReplicaCluster | undefined;
let runtime: Runtime;
let workflowId: string;

type Page = { version: number; events: { version: number }[] };

async function streamEvents(token: string): Promise<Page> {
  const { GET } = await import('./streams/[id]/events/route');
  const streamId = `workflow-${workflowId}`;
  const response = await GET(
    apiRequest(`/api/v1/streams/${streamId}/events`, { token }),
    routeContext({ id: streamId }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

async function stateVersion(token: string, query = ''): Promise<number> {
  const { GET } = await import('./streams/[id]/state/route');
  const streamId = `workflow-${workflowId}`;
  const response = await GET(
    apiRequest(`/api/v1/streams/${streamId}/state${query}`, { token }),
    routeContext({ id: streamId }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { version: number }).version;
}

async function downloadedVersion(token: string): Promise<number> {
  const { GET } = await import('./streams/[id]/events/download/route');
  const streamId = `workflow-${workflowId}`;
  const response = await GET(
    apiRequest(`/api/v1/streams/${streamId}/events/download`, { token }),
    routeContext({ id: streamId }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { version: number }).version;
}

/** The workflow's events in `$all`, as a program tailing the log reads them. */
async function tailedVersions(token: string): Promise<number[]> {
  const { GET } = await import('./events/route');
  const response = await GET(
    apiRequest(`/api/v1/events?category=workflow&limit=1000`, { token }),
    routeContext(),
  );
  expect(response.status).toBe(200);
  const { events } = (await response.json()) as { events: { version: number }[] };
  return events.map((event) => event.version);
}

/** The events an evidence file of the workflow's stream carries, once its signature checks. */
async function evidenceEvents(token: string): Promise<number> {
  const { GET } = await import('./evidence/route');
  const streamId = `workflow-${workflowId}`;
  const response = await GET(
    apiRequest(`/api/v1/evidence?streams=${streamId}`, { token }),
    routeContext(),
  );
  expect(response.status).toBe(200);
  const lines = (await response.text()).trimEnd().split('\n');
  const result = await verifyEvidence(lines, loadSigningKey(pem).publicKey);
  return result.events;
}

async function health() {
  const { GET } = await import('./health/route');
  const response = await GET(apiRequest('/api/v1/health', { token: null }), routeContext());
  return (await response.json()) as { status: string; replica: Record<string, unknown> };
}

describe.skipIf(!bin)('DATABASE_REPLICA_URL (a primary and a pg_basebackup standby)', () => {
  beforeAll(async () => {
    cluster = await startReplicaCluster(bin!);
    process.env.DATABASE_URL = cluster.primaryUrl;
    process.env.DATABASE_REPLICA_URL = cluster.replicaUrl;
    process.env.CHRONICLE_BOOTSTRAP_TOKEN = TEST_TOKEN;
    process.env.CHRONICLE_SIGNING_KEY = pem;
    process.env.LOG_LEVEL ??= 'silent';
    const { getRuntime } = await import('@/lib/runtime');
    runtime = await getRuntime();
    await seedTokens(runtime);
    // The bootstrap token is the writer; the auditor token only reads.
    workflowId = await createWorkflow();
    await runCommands(workflowId, { command: 'start' });
    await cluster.caughtUp();
    // Replay stops: whatever is written from now on exists on the primary only.
    await cluster.replica`select pg_wal_replay_pause()`;
    await runCommands(workflowId, { command: 'addStep', title: 'Collect data' });
  });

  afterAll(async () => {
    await runtime?.close();
    await cluster?.stop();
  });

  it('serves stream reads, states and downloads of another caller from the replica', async () => {
    const page = await streamEvents(AUDITOR_TOKEN);
    expect(page.version).toBe(2);
    expect(page.events.map((event) => event.version)).toEqual([1, 2]);
    expect(await stateVersion(AUDITOR_TOKEN)).toBe(2);
    expect(await stateVersion(AUDITOR_TOKEN, '?version=2')).toBe(2);
    expect(await downloadedVersion(AUDITOR_TOKEN)).toBe(2);
    const [row] = await cluster!.replica<{ connections: number }[]>`
      select count(*)::int as connections from pg_stat_activity
      where application_name = 'chronicle-replica-reads'`;
    expect(row?.connections).toBeGreaterThan(0);
  });

  it('tails $all on the primary, whoever reads', async () => {
    expect(await tailedVersions(AUDITOR_TOKEN)).toEqual([1, 2, 3]);
  });

  it("reads the caller's own write from the primary while the replica has not replayed it", async () => {
    const page = await streamEvents(TEST_TOKEN);
    expect(page.version).toBe(3);
    expect(page.events.map((event) => event.version)).toEqual([1, 2, 3]);
    expect(await stateVersion(TEST_TOKEN)).toBe(3);
    expect(await downloadedVersion(TEST_TOKEN)).toBe(3);
  });

  it('keeps projection checkpoints and read models on the primary', async () => {
    const { GET } = await import('./workflows/[id]/route');
    const response = await GET(
      apiRequest(`/api/v1/workflows/${workflowId}`, { token: AUDITOR_TOKEN }),
      routeContext({ id: workflowId }),
    );
    expect(((await response.json()) as { version: number }).version).toBe(3);
    // Checkpoints are rows the primary writes; a standby refuses any write outright.
    await expect(cluster!.replica`create temporary table probe (x int)`).rejects.toThrow(
      /read-only transaction/,
    );
  });

  it('sends reads back to the replica once it has replayed the write', async () => {
    await cluster!.replica`select pg_wal_replay_resume()`;
    await cluster!.caughtUp();
    await cluster!.replica`select pg_wal_replay_pause()`;
    await runCommands(workflowId, { command: 'addStep', title: 'Analyse data' });
    // The writer's own read sees version 4 on the primary; the auditor, on the replica, 3.
    expect((await streamEvents(AUDITOR_TOKEN)).version).toBe(3);
    expect((await streamEvents(TEST_TOKEN)).version).toBe(4);
    await cluster!.replica`select pg_wal_replay_resume()`;
    await cluster!.caughtUp();
    // Paused again, a write by another caller shows that the first one reads the replica again.
    await cluster!.replica`select pg_wal_replay_pause()`;
    const other = await sendCommand(
      workflowId,
      { command: 'addStep', title: 'Report' },
      { token: OPERATOR_TOKEN },
    );
    expect(other.status).toBe(200);
    expect((await streamEvents(TEST_TOKEN)).version).toBe(4);
    expect((await streamEvents(OPERATOR_TOKEN)).version).toBe(5);
    expect((await health()).replica).toMatchObject({ configured: true, serving: true });
  });

  it('writes whole evidence files whether or not the replica has replayed their digest', async () => {
    // Replay is paused: the file's digest (taken on the primary) covers version 5, which the
    // replica lacks, so its events are read from the primary.
    expect(await evidenceEvents(AUDITOR_TOKEN)).toBe(5);
    await cluster!.replica`select pg_wal_replay_resume()`;
    expect(await evidenceEvents(AUDITOR_TOKEN)).toBe(5);
  });

  it('falls back to the primary when the replica is down, and says so in /health', async () => {
    cluster!.stopReplica();
    const page = await streamEvents(AUDITOR_TOKEN);
    expect(page.version).toBe(5);
    const body = await health();
    expect(body.status).toBe('ok');
    expect(body.replica).toMatchObject({ configured: true, serving: false });
  });
});

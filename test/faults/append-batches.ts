/**
 * The writer that test/faults/kill-mid-batch.test.ts kills with SIGKILL: the store's own append,
 * in a process that imports only the event store. Several writers append batches to a few streams
 * until killed, printing `start <batchId>` before each append and `ack <batchId>` once the store
 * has acknowledged it.
 * Usage (bundled by the test, or with `node --import tsx`): <databaseUrl> <batchSize> <stream>...
 */
import { randomUUID } from 'node:crypto';
import { connect } from '../../db/client';
import { createEventStore } from '../../lib/event-store';

const [url, size, ...streams] = process.argv.slice(2);
const batchSize = Number(size);
if (!url || !Number.isInteger(batchSize) || streams.length === 0) {
  process.stderr.write('usage: append-batches.ts <databaseUrl> <batchSize> <stream>...\n');
  process.exit(2);
}

const WRITERS = 4;
const actor = { id: 'fault-writer', role: 'operator', via: 'token' } as const;
const store = createEventStore({ db: connect({ url, max: WRITERS }) });

async function writer(): Promise<never> {
  for (;;) {
    const batch = randomUUID();
    const streamId = streams[Math.floor(Math.random() * streams.length)]!;
    process.stdout.write(`start ${batch}\n`);
    await store.append({
      actor,
      streamId,
      events: Array.from({ length: batchSize }, (_, index) => ({
        type: 'BatchPart',
        data: { index },
        metadata: { batch },
      })),
    });
    process.stdout.write(`ack ${batch}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: WRITERS }, writer));

import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';

const CHILD = path.resolve(import.meta.dirname, 'stray-rejection-child.ts');

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase({ max: 1 });
});
afterAll(async () => {
  await t.db.$client.end();
});

function runChild(mode: 'guarded' | 'bare') {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, t.url, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('a connection terminated while postgres.js fetches the array types', () => {
  it('ends a process without the guard: the rejection reaches no one', async () => {
    const { code, stderr } = await runChild('bare');
    expect(code).not.toBe(0);
    expect(stderr).toContain('terminating connection due to administrator command');
  });

  it('leaves a guarded process running; the query that opened the connection gets the error', async () => {
    const { code, stdout, stderr } = await runChild('guarded');
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ rows: { error: '57P01' }, stray: 1, cuts: 1 });
  });
});

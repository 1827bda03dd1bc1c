import { describe, expect, it } from 'vitest';
import { ChronicleError, notFound } from './errors';

describe('ChronicleError', () => {
  it('is recognised when it comes from another copy of the module (Next bundles lib/ several times)', async () => {
    // A query string makes the module loader evaluate a second, separate copy.
    const specifier = './errors.ts?copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./errors');
    expect(copy.ChronicleError).not.toBe(ChronicleError);
    const foreign = copy.notFound('elsewhere');
    expect(foreign).toBeInstanceOf(ChronicleError);
    expect(notFound('here')).toBeInstanceOf(copy.ChronicleError);
    expect(new Error('plain')).not.toBeInstanceOf(ChronicleError);
    expect(foreign.status).toBe(404);
  });
});

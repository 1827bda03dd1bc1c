import { describe, expect, it } from 'vitest';
import { reconnectDelaySeconds } from './client';

describe('reconnectDelaySeconds', () => {
  it('starts at 25–50 ms and doubles', () => {
    for (let i = 0; i < 100; i++) {
      const first = reconnectDelaySeconds(1);
      expect(first).toBeGreaterThanOrEqual(0.025);
      expect(first).toBeLessThanOrEqual(0.05);
      const third = reconnectDelaySeconds(3);
      expect(third).toBeGreaterThanOrEqual(0.1);
      expect(third).toBeLessThanOrEqual(0.2);
    }
  });

  it('never waits more than a second, however many connections failed before', () => {
    for (const retries of [6, 10, 50, 1000]) {
      const delay = reconnectDelaySeconds(retries);
      expect(delay).toBeGreaterThanOrEqual(0.5);
      expect(delay).toBeLessThanOrEqual(1);
    }
  });
});

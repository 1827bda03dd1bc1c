import { describe, expect, it } from 'vitest';
import { localPath } from './local-path';

describe('localPath', () => {
  it('keeps a path of this site with its query', () => {
    expect(localPath('/workflows?status=running')).toBe('/workflows?status=running');
    expect(localPath('/streams/%24audit-2026-01-01')).toBe('/streams/%24audit-2026-01-01');
  });

  it('refuses anything that could lead to another site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'evil.example',
      '',
      undefined,
      ['/'],
    ]) {
      expect(localPath(value), String(value)).toBeNull();
    }
  });
});

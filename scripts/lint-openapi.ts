import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '@/lib/api/openapi';

/**
 * `npm run lint:openapi`: `redocly lint` of the document GET /api/v1/openapi.json serves, built
 * from the same code, under the rules of redocly.yaml (warnings count as errors there).
 */
const dir = mkdtempSync(path.join(tmpdir(), 'chronicle-openapi-'));
const file = path.join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
const result = spawnSync(
  process.execPath,
  [
    'node_modules/@redocly/cli/bin/cli.js',
    'lint',
    file,
    '--config',
    'redocly.yaml',
    '--max-problems',
    '1000',
  ],
  { stdio: 'inherit', env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
);
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);

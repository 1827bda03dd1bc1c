import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiRequest, routeContext, useApiDatabase } from '@/test/api';

type Document = {
  openapi: string;
  info: { title: string };
  paths: Record<
    string,
    Record<string, { operationId?: string; responses: Record<string, unknown>; security?: unknown }>
  >;
  security: unknown;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const v1 = path.resolve(import.meta.dirname, '..');

let document: Document;

beforeAll(async () => {
  await useApiDatabase();
  const { GET } = await import('./route');
  const response = await GET(apiRequest('/api/v1/openapi.json', { token: null }), routeContext());
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});

/** `/streams/{id}/events` for app/api/v1/streams/[id]/events/route.ts. */
function routeFiles(): string[] {
  return readdirSync(v1, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts')
    .map((file) => `/${path.dirname(file)}`.replace(/\[(\w+)\]/g, '{$1}').replace(/\/\.$/, ''));
}

function refs(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : refs(item),
  );
}

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document needing a bearer token except for health and itself', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toBe('Chronicle');
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health']?.get?.security).toEqual([]);
    expect(document.paths['/openapi.json']?.get?.security).toEqual([]);
    expect(document.paths['/streams']?.get?.security).toBeUndefined();
  });

  it('documents every method of every route under /api/v1, and nothing else', async () => {
    const implemented: string[] = [];
    for (const route of routeFiles()) {
      const exports = (await import(
        `${v1}${route.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`
      )) as Record<string, unknown>;
      for (const method of METHODS)
        if (exports[method]) implemented.push(`${method.toLowerCase()} ${route}`);
    }
    const documented = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.keys(operations).map((method) => `${method} ${route}`),
    );
    expect(implemented).toContain('post /streams/{id}/events');
    expect(documented.sort()).toEqual(implemented.sort());
  });

  it('names every operation with its own camelCase operationId, for generated clients', () => {
    const named = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.entries(operations).map(([method, { operationId }]) => ({
        operation: `${method} ${route}`,
        operationId,
      })),
    );
    for (const { operation, operationId } of named) {
      expect(operationId, operation).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    const ids = named.map(({ operationId }) => operationId);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
    expect(document.paths['/streams/{id}/events']?.post?.operationId).toBe('appendToStream');
  });

  it('gives every operation at least one success answer and resolvable references', () => {
    for (const operations of Object.values(document.paths)) {
      for (const { responses } of Object.values(operations)) {
        expect(Object.keys(responses).some((status) => status.startsWith('2'))).toBe(true);
      }
    }
    for (const ref of refs(document)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(document.components.schemas[name], ref).toBeDefined();
    }
  });

  it('is the same document in every process: nothing in it is made at random', async () => {
    vi.resetModules();
    const { openApiDocument } = await import('@/lib/api/openapi');
    expect(JSON.parse(JSON.stringify(openApiDocument()))).toEqual(document);
  });
});

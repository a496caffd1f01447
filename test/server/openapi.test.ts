// The contract file itself: a valid OpenAPI 3.1 document (schema linter), in step with the
// server's route table, and a response checker that really rejects what it should.
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import { bootstrapRoutes } from '../../src/server/routes-bootstrap.ts';
import { readRoutes } from '../../src/server/routes-read.ts';
import { tokenRoutes } from '../../src/server/routes-tokens.ts';
import type { ServerDeps } from '../../src/server/server-deps.ts';
import { assertDocumentedResponse, assertMatchesSchema, contractPath } from './contract.ts';

const document = parse(readFileSync(contractPath, 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[]; responses: Record<string, unknown> }>>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function documentedOperations(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('docs/rest-contract.openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(contractPath)).resolves.toBeDefined();
  });

  it('documents exactly the routes the reference server serves', () => {
    const deps = {} as ServerDeps; // route tables only read deps when a request is handled
    const served = [...readRoutes(deps), ...tokenRoutes(deps), ...bootstrapRoutes(deps)].map((route) => `${route.method} ${route.path}`);
    expect(served.sort()).toEqual(documentedOperations().sort());
  });

  it('names every operation and lists 401 for each one that needs an API key', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
        if (!isPublic) expect(Object.keys(operation.responses), `${method} ${path}`).toContain('401');
      }
    }
  });

  it('has a response checker that rejects undocumented statuses and bodies that do not match', () => {
    const token = {
      id: 'abcdef',
      description: '',
      scope: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'alice',
      expiresAt: null,
      maxUses: null,
      uses: 0,
      usesRemaining: null,
      status: 'active',
      isDefault: false,
      etag: '"x"',
    };
    expect(() => assertDocumentedResponse('GET', '/api/v1/tokens/abcdef', 200, token)).not.toThrow();
    expect(() => assertDocumentedResponse('GET', '/api/v1/tokens/abcdef', 200, { ...token, secret: 'x' })).toThrow(/additional/);
    expect(() => assertDocumentedResponse('GET', '/api/v1/tokens/abcdef', 200, { ...token, createdAt: 'yesterday' })).toThrow(/date-time/);
    expect(() => assertDocumentedResponse('GET', '/api/v1/tokens/abcdef', 418, {})).toThrow(/does not list/);
    expect(() => assertDocumentedResponse('DELETE', '/api/v1/tokens/abcdef', 204, { unexpected: true })).toThrow(/no JSON body/);
    expect(() => assertDocumentedResponse('GET', '/api/v1/nope', 200, {})).toThrow(/not in the contract/);
    expect(() => assertMatchesSchema('Error', { error: 'teapot', message: 'x', details: {} })).toThrow();
  });
});

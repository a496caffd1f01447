// POST /api/v1/tokens/{id}/secret-check over real HTTP, every answer held to the OpenAPI document:
// only the secret's SHA-256 travels; match, mismatch, unknown and revoked tokens, bad bodies.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireImpact, WireSecretCheck } from '../../src/rest-contract/wire.ts';
import { startServerFixture, type ServerFixture } from './fixtures.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const fixtures: ServerFixture[] = [];
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.close();
});

describe('POST /api/v1/tokens/{id}/secret-check', () => {
  it('says whether the hash is the token\'s, to a reader key too, and never echoes anything secret', async () => {
    const server = await startServerFixture();
    fixtures.push(server);
    const { token, secret } = await server.mint({ description: 'leaky' });
    const check = (hash: string, key = server.readerKey) => server.request<WireSecretCheck>('POST', `/api/v1/tokens/${token.id}/secret-check`, { key, json: { secretSha256: hash } });
    const right = await check(sha256(secret));
    expect(right.status).toBe(200);
    expect(right.body.matches).toBe(true);
    expect(right.body.token.id).toBe(token.id);
    const wrongSecret = `${token.id}.${'0'.repeat(16)}`;
    const wrong = await check(sha256(wrongSecret), server.apiKey);
    expect(wrong.status).toBe(200);
    expect(wrong.body.matches).toBe(false);
    expect(JSON.stringify([right.body, wrong.body])).not.toContain(secret.split('.')[1]);

    const unknown = await server.request('POST', '/api/v1/tokens/zzzzzz/secret-check', { key: server.readerKey, json: { secretSha256: sha256(secret) } });
    expect(unknown.status).toBe(404);
    const malformed = await server.request('POST', `/api/v1/tokens/${token.id}/secret-check`, { key: server.readerKey, json: { secretSha256: secret } });
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(malformed.body)).not.toContain(secret.split('.')[1]);
    const extra = await server.request('POST', `/api/v1/tokens/${token.id}/secret-check`, { key: server.readerKey, json: { secretSha256: sha256(secret), secret } });
    expect(extra.status).toBe(422);
    const anonymous = await server.request('POST', `/api/v1/tokens/${token.id}/secret-check`, { json: { secretSha256: sha256(secret) } });
    expect(anonymous.status).toBe(401);

    // Revoked: gone, whatever the hash.
    const impact = await server.request<WireImpact>('GET', `/api/v1/tokens/${token.id}/impact`, { key: server.apiKey });
    expect((await server.request('DELETE', `/api/v1/tokens/${token.id}`, { key: server.apiKey, headers: { 'if-match': impact.body.etag } })).status).toBe(204);
    expect((await check(sha256(secret))).status).toBe(404);
  });
});

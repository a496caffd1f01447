// Redemption over real HTTP on loopback: single use, expiry, concurrency, rate limits, limits.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { WireBootstrapResult, WireMachineList, WireToken } from '../../src/rest-contract/wire.ts';
import { assertDocumentedResponse } from './contract.ts';
import { startServerFixture, type ServerFixture } from './fixtures.ts';

/** POSTs `chunks` with chunked transfer encoding (no Content-Length): the limit must hold mid-stream. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: unknown }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    outgoing.on('error', reject);
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

let fixture: ServerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('POST /api/v1/bootstrap', () => {
  it('accepts a single-use token once (201), then answers 410 Gone, and audits both', async () => {
    fixture = await startServerFixture();
    const { token, secret } = await fixture.mint({ maxUses: 1, description: 'edge-7' });

    const first = await fixture.redeem(secret, 'edge-7');
    expect(first.status).toBe(201);
    expect(first.body.machine).toMatchObject({ name: 'edge-7', joinTokenId: token.id, state: 'joined' });

    const second = await fixture.redeem(secret, 'edge-8');
    expect(second.status).toBe(410);
    expect(second.error.error).toBe('gone');

    const got = await fixture.request<WireToken>('GET', `/api/v1/tokens/${token.id}`, { key: fixture.apiKey });
    expect(got.body).toMatchObject({ uses: 1, usesRemaining: 0, status: 'consumed' });
    const redemptions = (await fixture.audit()).filter((entry) => entry.action === 'bootstrap.redeem');
    expect(redemptions.map((entry) => [entry.outcome, entry.machine, entry.reason])).toEqual([
      ['success', 'edge-7', null],
      ['refused', 'edge-8', 'consumed'],
    ]);
    const mint = (await fixture.audit()).find((entry) => entry.action === 'token.mint');
    expect(mint).toMatchObject({ actor: 'alice', tokenId: token.id, outcome: 'success' });
  });

  it('answers 401 for an expired token (server clock moved past expiry), and audits it', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    fixture = await startServerFixture({ clock });
    const { secret } = await fixture.mint({ ttlSeconds: 60 });
    clock.advance(59_000);
    expect((await fixture.redeem(secret, 'in-time')).status).toBe(201);
    clock.advance(1_000);
    const late = await fixture.redeem(secret, 'too-late');
    expect(late.status).toBe(401);
    expect(late.error.message).toContain('expired');
    expect((await fixture.audit()).at(-1)).toMatchObject({ outcome: 'refused', reason: 'expired', machine: 'too-late' });
  });

  it('answers 401 for an unknown id, a wrong secret and a malformed token, revealing nothing', async () => {
    fixture = await startServerFixture();
    const { token, secret } = await fixture.mint();
    const wrongSecret = `${token.id}.${'0'.repeat(16)}`;
    for (const presented of ['zzzzzz.0123456789abcdef', wrongSecret, 'not-a-token']) {
      const response = await fixture.redeem(presented, 'guesser');
      expect(response.status).toBe(401);
      expect(response.error.message).toBe('join token is not valid (unknown, revoked or wrong secret)');
    }
    const reasons = (await fixture.audit()).filter((entry) => entry.outcome === 'refused').map((entry) => entry.reason);
    expect(reasons).toEqual(['unknown-token', 'wrong-secret', 'malformed-token']);
    expect((await fixture.redeem(secret, 'rightful')).status).toBe(201);
  });

  it('lets exactly one of 50 concurrent redemptions of a single-use token succeed', async () => {
    fixture = await startServerFixture();
    const { token, secret } = await fixture.mint({ maxUses: 1 });
    const attempts = await Promise.all(Array.from({ length: 50 }, (_, index) => fixture!.redeem(secret, `racer-${index}`)));
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(49);
    const machines = await fixture.request<WireMachineList>('GET', '/api/v1/machines', { key: fixture.apiKey });
    expect(machines.body.items.filter((machine) => machine.joinTokenId === token.id)).toHaveLength(1);
    const got = await fixture.request<WireToken>('GET', `/api/v1/tokens/${token.id}`, { key: fixture.apiKey });
    expect(got.body.uses).toBe(1);
  });

  it('gives a machine its own credential in unique mode unless it cannot hold one', async () => {
    fixture = await startServerFixture({ mode: 'unique' });
    const { token, secret } = await fixture.mint();
    const holder = await fixture.redeem(secret, 'holder');
    expect(holder.body.credential).toMatch(/^tmc_/);
    expect(holder.body.machine).toMatchObject({ hasOwnCredential: true, dependsOnTokenId: null });
    const old = await fixture.redeem(secret, 'old-firmware', { canHoldCredential: false });
    expect(old.body.credential).toBeNull();
    expect(old.body.machine).toMatchObject({ hasOwnCredential: false, dependsOnTokenId: token.id });
  });

  it('gives no machine a credential in legacy mode: each depends on its join token', async () => {
    fixture = await startServerFixture({ mode: 'legacy' });
    const { token, secret } = await fixture.mint();
    const response = await fixture.redeem(secret, 'legacy-node');
    expect(response.body.credential).toBeNull();
    expect(response.body.machine).toMatchObject({ hasOwnCredential: false, dependsOnTokenId: token.id });
  });

  it('records a pending enrollment that completes with the same token', async () => {
    fixture = await startServerFixture();
    const { token, secret } = await fixture.mint();
    const begun = await fixture.redeem(secret, 'slow-node', { pending: true });
    expect(begun.body.machine).toMatchObject({ state: 'enrolling', joinedAt: null, dependsOnTokenId: token.id });
    expect((await fixture.impact(token.id)).body.pendingEnrollments.map((machine) => machine.name)).toEqual(['slow-node']);
    const done = await fixture.request<WireBootstrapResult>('POST', '/api/v1/bootstrap/complete', { json: { token: secret, machine: 'slow-node' } });
    expect(done.status).toBe(200);
    expect(done.body.machine).toMatchObject({ state: 'joined', dependsOnTokenId: null });
    const again = await fixture.request('POST', '/api/v1/bootstrap/complete', { json: { token: secret, machine: 'slow-node' } });
    expect(again.status).toBe(404);
  });

  it('rate-limits attempts per client with 429 and Retry-After, refilling with the clock', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    fixture = await startServerFixture({ clock, rateLimit: { burst: 3, perSecond: 0.5 } });
    const { secret } = await fixture.mint();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await fixture.redeem(secret, `n${attempt}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await fixture.redeem(secret, 'n4');
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.error.details).toEqual({ retryAfterSeconds: 2 });
    clock.advance(2_000);
    expect((await fixture.redeem(secret, 'n5')).status).toBe(201);
  });

  it('refuses oversized (413), non-JSON (415), malformed (400) and unknown-field (422) bodies', async () => {
    fixture = await startServerFixture({ maxBodyBytes: 1024 });
    const { secret } = await fixture.mint();
    const big = await fixture.request('POST', '/api/v1/bootstrap', { json: { token: secret, machine: 'x'.repeat(2000) } });
    expect(big.status).toBe(413);
    const streamed = await postChunked(`${fixture.url}/api/v1/bootstrap`, Array.from({ length: 20 }, () => ' '.repeat(200)));
    assertDocumentedResponse('POST', '/api/v1/bootstrap', streamed.status, streamed.body);
    expect(streamed.status).toBe(413);
    const text = await fixture.request('POST', '/api/v1/bootstrap', { rawBody: 'token', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const broken = await fixture.request('POST', '/api/v1/bootstrap', { rawBody: '{"token":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const typo = await fixture.request('POST', '/api/v1/bootstrap', { json: { token: secret, machine: 'n', pendng: true } });
    expect(typo.status).toBe(422);
    expect(typo.error.details).toEqual({ field: 'pendng' });
    const machines = await fixture.request<WireMachineList>('GET', '/api/v1/machines', { key: fixture.apiKey });
    expect(machines.body.items).toEqual([]);
  });
});

// The revoke precondition end to end: a token changed between the preview and the DELETE is not
// revoked (the fake apiserver enforces DeleteOptions.preconditions like the real one), a token back
// under the same id after the revoke is reported, and adapters other than kubeadm get the
// preview's fingerprint as {uid: id, version: fingerprint}.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { runRevoke } from '../../src/cli/commands/revoke.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';
import type { Token, TokenRevision } from '../../src/core/token.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { kubeadmAdapterFor, runCommandWith, tempStateHome } from './command-harness.ts';
import { bootstrapSecret } from './harness.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ID = 'abcdef';
const SECRET_NAME = `bootstrap-token-${ID}`;
const clock = new ManualClock(NOW);
let apiserver: FakeApiserver;
let state: ReturnType<typeof tempStateHome>;
const tokenSecret = (description: string) =>
  bootstrapSecret(ID, '0123456789abcdef', { expiration: '2026-03-02T12:00:00Z', description, 'usage-bootstrap-authentication': 'true' });

beforeAll(async () => {
  apiserver = await startFakeApiserver();
  state = tempStateHome();
});

afterAll(async () => {
  await apiserver.close();
  state.remove();
});

beforeEach(() => {
  apiserver.put('secrets', tokenSecret('original'));
  apiserver.requests.length = 0;
});

/** Deletes the token Secret through the HTTP API, then stores a new one with the same id (a new uid). */
async function recreateSecret(): Promise<void> {
  const response = await fetch(`${apiserver.url}/api/v1/namespaces/kube-system/secrets/${SECRET_NAME}`, { method: 'DELETE' });
  expect(response.status).toBe(200);
  apiserver.put('secrets', tokenSecret('re-created'));
}

/** The kubeadm adapter, with `beforeRevoke`/`afterRevoke` run around its real revoke. */
function interleaved(hooks: { beforeRevoke?: () => Promise<void>; afterRevoke?: () => Promise<void> }): TokenAdapter {
  const adapter = kubeadmAdapterFor(apiserver, clock);
  return {
    ...adapter,
    revoke: async (id, expected) => {
      await hooks.beforeRevoke?.();
      await adapter.revoke!(id, expected);
      await hooks.afterRevoke?.();
    },
  };
}

const run = (argv: string[], adapter: TokenAdapter) =>
  runCommandWith(argv, runRevoke, async () => adapter, { env: { XDG_STATE_HOME: state.path }, clock });
const cliDeletes = () => apiserver.requests.filter((request) => request.method === 'DELETE' && request.body !== undefined);

describe('a kubeadm token that changed since the preview', () => {
  it.each([
    ['re-created with the same id', recreateSecret],
    ['modified', async () => void apiserver.put('secrets', tokenSecret('modified'))],
  ])('is not revoked when %s: exit 3, says why, the new Secret stays', async (_case, change) => {
    const previewed = apiserver.secret('kube-system', SECRET_NAME)!;
    const result = await run(['revoke', ID, '--confirm', ID], interleaved({ beforeRevoke: change }));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('token abcdef changed since the preview (re-created or modified); nothing was revoked');
    expect(result.stdout).not.toContain('Revoked');
    expect(cliDeletes()).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ preconditions: { uid: previewed.metadata.uid, resourceVersion: previewed.metadata.resourceVersion } }) }),
    ]);
    const now = apiserver.secret('kube-system', SECRET_NAME);
    expect(now).toBeDefined();
    expect(now?.metadata.resourceVersion).not.toBe(previewed.metadata.resourceVersion);
  });

  it('re-created right after the revoke: the verification says so and exits 1', async () => {
    const result = await run(['revoke', ID, '--confirm', ID], interleaved({ afterRevoke: async () => void apiserver.put('secrets', tokenSecret('again')) }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Revoked token abcdef.\n');
    expect(result.stdout).not.toContain('Verified');
    expect(result.stderr).toBe('tokentui: warning: a token with id abcdef exists again: it was created after the revoke\n');
  });
});

describe('revoke through other adapters', () => {
  const token: Token = {
    id: 'tok-1', description: '', expiresAt: null, usages: [], groups: [], invalidReason: null, revision: { uid: 'tok-1', version: 'etag-7' },
  };
  const preview = (fingerprint: string): ImpactPreview => ({ state: 'known', tokenId: 'tok-1', items: [], unknowns: [], fingerprint, computedAt: NOW });

  function revocable(fingerprint: string, options: { revoke?: boolean } = {}) {
    const backend = createMemoryBackend({ id: 'rest', tokens: [token] });
    const revokes: { id: string; expected?: TokenRevision }[] = [];
    const adapter: TokenAdapter = {
      ...backend.adapter,
      capabilities: { ...backend.adapter.capabilities, impactPreview: true, revoke: options.revoke ?? true },
      impact: async () => preview(fingerprint),
      ...(options.revoke === false
        ? {}
        : {
            revoke: async (id: string, expected?: TokenRevision) => {
              revokes.push({ id, expected });
              backend.remove(id);
            },
          }),
    };
    return { adapter, revokes };
  }

  it('turns the uid:version fingerprint into the revoke precondition and verifies the token is gone', async () => {
    const { adapter, revokes } = revocable('tok-1:etag-7');
    const result = await run(['revoke', 'tok-1', '--confirm', 'tok-1'], adapter);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Impact of revoking token tok-1: NONE\n[^]*Revoked token tok-1\. Verified: it no longer exists\.\n$/);
    expect(revokes).toEqual([{ id: 'tok-1', expected: { uid: 'tok-1', version: 'etag-7' } }]);
  });

  it('refuses a preview without a fingerprint instead of revoking unconditionally', async () => {
    const { adapter, revokes } = revocable('');
    const result = await run(['revoke', 'tok-1', '--confirm', 'tok-1'], adapter);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/names no revision to revoke against; nothing was revoked/);
    expect(revokes).toEqual([]);
  });

  it('an adapter that cannot revoke shows the preview, then exits 1 saying so', async () => {
    const { adapter } = revocable('tok-1:etag-7', { revoke: false });
    const result = await run(['revoke', 'tok-1', '--confirm', 'tok-1'], adapter);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Target: context test-context \(rest, https:\/\/10\.0\.0\.1:6443\)\nImpact of revoking token tok-1/);
    expect(result.stderr).toMatch(/^tokentui: rest: this backend cannot revoke tokens; nothing was revoked\n/);
  });
});

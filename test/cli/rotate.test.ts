// `tokentui rotate` in-process against the fake apiserver, through main() and the registered
// kubeadm adapter. Every "nothing was revoked" is proven on the apiserver's request log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RotateJson } from '../../src/cli/commands/rotate-report.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';
import { putClusterInfo, useFakeCluster } from './fake-cluster-fixture.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const OLD = 'abcdef';
const OLD_SECRET = '0123456789abcdef';
const OLD_NAME = `bootstrap-token-${OLD}`;
const SECRETS = '/api/v1/namespaces/kube-system/secrets';
const GROUPS = 'system:bootstrappers:kubeadm:default-node-token,system:bootstrappers:rack7';
const clock = new ManualClock(NOW);
const cluster = useFakeCluster({ freshStatePerTest: true });
const env = () => cluster.env();
const rotate = (...args: string[]) => runTokentui(['rotate', OLD, ...args], { env: env(), clock });
const mutations = () => cluster.apiserver.requests.filter((request) => request.method !== 'GET');
const deletes = () => cluster.apiserver.requests.filter((request) => request.method === 'DELETE');
const decoded = (data: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]));
const rotationsDir = () => join(cluster.state.path, 'tokentui', 'rotations');
const rotationFiles = () => {
  try {
    return readdirSync(rotationsDir());
  } catch {
    return [];
  }
};
const auditRecords = () => readFileSync(cluster.state.journal, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord);

function putOldToken(extra: Record<string, string> = { expiration: '2026-03-01T13:00:00Z' }): void {
  cluster.apiserver.put('secrets', bootstrapSecret(OLD, OLD_SECRET, {
    description: 'rack 7',
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
    'auth-extra-groups': GROUPS,
    ...extra,
  }));
}

function newTokenId(): string {
  const posted = cluster.apiserver.requests.filter((request) => request.method === 'POST');
  expect(posted).toHaveLength(1);
  return (posted[0]!.body as { metadata: { name: string } }).metadata.name.replace('bootstrap-token-', '');
}

beforeAll(() => putClusterInfo(cluster.apiserver));

beforeEach(() => {
  putOldToken();
  cluster.apiserver.requests.length = 0;
});

describe('tokentui rotate without --confirm', () => {
  it('creates one replacement like the old token, prints it once, revokes nothing and exits 3', async () => {
    const result = await rotate();
    expect(result.code).toBe(3);
    const id = newTokenId();
    expect(mutations().map((request) => request.method)).toEqual(['POST']);
    expect(cluster.apiserver.secret('kube-system', OLD_NAME)).toBeDefined();
    const stored = decoded(cluster.apiserver.secret('kube-system', `bootstrap-token-${id}`)?.data);
    expect(stored).toMatchObject({
      description: 'rack 7',
      expiration: '2026-03-02T12:00:00Z',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': GROUPS,
    });
    const secret = `${id}.${stored['token-secret']}`;
    expect(result.stdout).toContain(`Replacement token ${id} (TTL 24h, the backend's default); its secret is shown only here, once:\n${secret}\n`);
    expect(result.stdout).toMatch(new RegExp(`Join command:\\nkubeadm join 10\\.0\\.0\\.1:6443 --token ${secret} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}\\n`));
    expect(result.stdout).toMatch(/Impact of revoking token abcdef: /);
    expect(result.stderr).toBe(
      `tokentui: replacement ${id} created; old token abcdef NOT revoked: run \`tokentui rotate abcdef --confirm abcdef\` to revoke it with the same replacement, or \`tokentui rotate --abandon abcdef\` to give the rotation up\n`,
    );
    // Kept, stopped, so the next rotate of abcdef resumes it with the same replacement.
    expect(rotationFiles()).toHaveLength(1);
    expect(auditRecords().map((record) => [record.action, record.tokenId, record.outcome])).toEqual([
      ['create', id, 'success'],
      ['rotate', OLD, 'refused'],
    ]);
    expect(readFileSync(cluster.state.journal, 'utf8')).not.toContain(stored['token-secret']);
  });

  it('a --confirm that is not the old id revokes nothing and never echoes what was passed', async () => {
    const result = await rotate('--confirm', `${OLD}.${OLD_SECRET}`);
    expect(result.code).toBe(3);
    expect(deletes()).toEqual([]);
    expect(result.stderr).toMatch(/NOT revoked \(--confirm does not match the old token id\): run `tokentui rotate abcdef --confirm abcdef` /);
    expect(result.stderr).not.toContain(OLD_SECRET);
  });

  it('--readonly refuses with exit 3 before any request', async () => {
    const result = await rotate('--confirm', OLD, '--readonly');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tokentui: read-only mode: rotate is a mutation; nothing was created or revoked\n/);
    expect(cluster.apiserver.requests).toEqual([]);
  });

  it('an old token that does not exist exits 4 without creating anything', async () => {
    const result = await runTokentui(['rotate', 'zzzzzz', '--confirm', 'zzzzzz'], { env: env(), clock });
    expect(result.code).toBe(4);
    expect(mutations()).toEqual([]);
    expect(rotationFiles()).toEqual([]);
  });

  it('a --ttl the adapter refuses exits 2 without creating anything', async () => {
    const result = await rotate('--ttl=-1h');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--ttl: invalid duration "-1h": a TTL cannot be negative/);
    expect(cluster.apiserver.requests).toEqual([]);
  });
});

describe('tokentui rotate --confirm OLD', () => {
  it('-o json: one POST, then one DELETE preconditioned on the previewed state; the replacement once, with its join command', async () => {
    const old = cluster.apiserver.secret('kube-system', OLD_NAME)!;
    const result = await rotate('--confirm', OLD, '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = newTokenId();
    expect(mutations()).toEqual([
      expect.objectContaining({ method: 'POST', path: SECRETS }),
      expect.objectContaining({
        method: 'DELETE',
        path: `${SECRETS}/${OLD_NAME}`,
        body: expect.objectContaining({ preconditions: { uid: old.metadata.uid, resourceVersion: old.metadata.resourceVersion } }),
      }),
    ]);
    const json = JSON.parse(result.stdout) as RotateJson;
    const storedSecret = decoded(cluster.apiserver.secret('kube-system', `bootstrap-token-${id}`)?.data)['token-secret'];
    expect(json).toMatchObject({
      oldTokenId: OLD,
      newTokenId: id,
      outcome: 'rotated',
      revoked: true,
      replacement: { id, token: `${id}.${storedSecret}`, ttlSeconds: 86_400, ttlSource: 'adapter-default', description: 'rack 7', groups: GROUPS.split(',') },
      preview: { tokenId: OLD, fingerprint: `${old.metadata.uid}:${old.metadata.resourceVersion}` },
      verification: { tokenGone: true },
      completedSteps: ['create-replacement', 'show-replacement', 'preview-old-impact', 'confirm', 'revoke-old', 'summary'],
    });
    expect(json.replacement!.joinCommand).toContain(`--token ${id}.${storedSecret} `);
    // The replacement records what it replaces, where kubeadm and the authenticator never look.
    expect(cluster.apiserver.secret('kube-system', `bootstrap-token-${id}`)?.metadata).toMatchObject({ annotations: { 'tokentui/replaces': OLD } });
    expect(cluster.apiserver.secret('kube-system', OLD_NAME)).toBeUndefined();
    expect(rotationFiles()).toEqual([]);
    expect(auditRecords().map((record) => [record.action, record.tokenId, record.outcome, record.confirmation])).toEqual([
      ['create', id, 'success', undefined],
      ['rotate', OLD, 'success', 'flag'],
    ]);
  });

  it('text: the steps in order, ending in a summary', async () => {
    const result = await rotate('--confirm', OLD, '--ttl', '2h');
    expect(result.code).toBe(0);
    const id = newTokenId();
    expect(decoded(cluster.apiserver.secret('kube-system', `bootstrap-token-${id}`)?.data).expiration).toBe('2026-03-01T14:00:00Z');
    expect(result.stdout).toMatch(
      new RegExp(`^Target: context fake-admin \\(kubeadm, http:[^\\n]*\\)\\nReplacement token ${id} \\(TTL 2h, as given\\)[^]*Join command:[^]*Impact of revoking token abcdef[^]*Revoked token abcdef\\. Verified: it no longer exists\\.\\n[^]*Rotated abcdef -> ${id}\\.\\n$`),
    );
  });

  it('a token that never expires is replaced by one that never expires', async () => {
    putOldToken({});
    cluster.apiserver.requests.length = 0;
    const result = await rotate('--confirm', OLD, '-o', 'json');
    expect(result.code).toBe(0);
    const stored = decoded(cluster.apiserver.secret('kube-system', `bootstrap-token-${newTokenId()}`)?.data);
    expect(stored.expiration).toBeUndefined();
    expect(JSON.parse(result.stdout)).toMatchObject({ replacement: { expiresAt: null, ttlSource: 'original-never-expires' } });
  });

  it('the old token changed after its preview: nothing revoked, exit 3, the replacement stays', async () => {
    cluster.apiserver.failNext({ code: 409, reason: 'Conflict', message: 'Precondition failed: UID in precondition: x, UID in object meta: y' }, {
      match: (request) => request.method === 'DELETE',
    });
    const result = await rotate('--confirm', OLD);
    expect(result.code).toBe(3);
    const id = newTokenId();
    expect(result.stderr).toBe(
      `tokentui: replacement ${id} kept; token abcdef changed since the preview (re-created or modified); nothing was revoked — run \`tokentui rotate abcdef\` to see the new preview (the same replacement is kept)\n`,
    );
    expect(cluster.apiserver.secret('kube-system', OLD_NAME)).toBeDefined();
    expect(rotationFiles()).toHaveLength(1);
  });
});

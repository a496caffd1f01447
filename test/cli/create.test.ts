// `tokentui create` in-process against the fake apiserver: what is sent, what is printed,
// and that invalid or refused invocations send nothing at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { runTokentui, writeKubeconfig, type KubeconfigFixture } from './harness.ts';
import { putClusterInfo } from './fake-cluster-fixture.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
let apiserver: FakeApiserver;
let kubeconfig: KubeconfigFixture;
const clock = new ManualClock(NOW);

beforeAll(async () => {
  apiserver = await startFakeApiserver();
  kubeconfig = writeKubeconfig(apiserver);
});

afterAll(async () => {
  await apiserver.close();
  kubeconfig.remove();
});

beforeEach(() => {
  apiserver.requests.length = 0;
});

const decoded = (data: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]));

describe('tokentui create', () => {
  it("prints the full token once, like kubeadm, with kubeadm's defaults", async () => {
    const result = await runTokentui(['create'], { env: kubeconfig.env, clock });
    // The target it acted on goes to stderr: stdout stays the token alone.
    expect(result.stderr).toBe(`Target: context fake-admin (kubeadm, ${apiserver.url})\n`);
    expect(result.code).toBe(0);
    const printed = result.stdout.trim();
    expect(printed).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    const [id, secret] = printed.split('.');
    const stored = decoded(apiserver.secret('kube-system', `bootstrap-token-${id}`)?.data);
    expect(stored).toMatchObject({
      'token-id': id,
      'token-secret': secret,
      expiration: '2026-03-02T12:00:00Z',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    });
    expect(apiserver.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('-o json reports the created token with its TTL and the flags given', async () => {
    const result = await runTokentui(
      ['create', '--ttl', '90m', '--description', 'rack 7', '--usages', 'authentication', '--groups', 'system:bootstrappers:rack7', '-o', 'json'],
      { env: kubeconfig.env, clock },
    );
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(created).toEqual({
      context: 'fake-admin',
      adapter: 'kubeadm',
      server: apiserver.url,
      id: expect.stringMatching(/^[a-z0-9]{6}$/),
      token: expect.stringMatching(/^[a-z0-9]{6}\.[a-z0-9]{16}$/),
      expiresAt: '2026-03-01T13:30:00Z',
      ttlSeconds: 5400,
      usages: ['authentication'],
      groups: ['system:bootstrappers:rack7'],
      description: 'rack 7',
    });
    expect(created.token).toMatch(new RegExp(`^${String(created.id)}\\.`));
  });

  it('--ttl 0 creates a token that never expires', async () => {
    const result = await runTokentui(['create', '--ttl', '0', '-o', 'json'], { env: kubeconfig.env, clock });
    expect(JSON.parse(result.stdout)).toMatchObject({ expiresAt: null, ttlSeconds: null });
    const id = (JSON.parse(result.stdout) as { id: string }).id;
    expect(decoded(apiserver.secret('kube-system', `bootstrap-token-${id}`)?.data)).not.toHaveProperty('expiration');
  });

  it.each([
    [['--ttl', '1 day'], /--ttl/],
    [['--ttl=-5m'], /--ttl: .*negative/],
    [['--ttl', '-5m'], /option '--ttl' needs a value \(write --ttl=-VALUE/],
    [['--groups', 'system:masters'], /--groups: group "system:masters" must match/],
    [['--usages', 'signing,root'], /--usages: unknown usage "root"/],
  ])('rejects %j with exit 2 before sending anything', async (flags, message) => {
    const result = await runTokentui(['create', ...flags], { env: kubeconfig.env, clock });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(apiserver.requests).toEqual([]);
  });

  it('names an example when --ttl is wrong', async () => {
    const result = await runTokentui(['create', '--ttl', 'soon'], { env: kubeconfig.env, clock });
    expect(result.stderr).toContain('hint: e.g. --ttl 24h');
  });

  it('refuses in --readonly mode with exit 3 and sends nothing', async () => {
    const result = await runTokentui(['create', '--readonly', '--ttl', '1h'], { env: kubeconfig.env, clock });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tokentui: read-only mode: create is a mutation$/m);
    expect(apiserver.requests.filter((request) => request.method === 'POST')).toEqual([]);
    expect(apiserver.requests).toEqual([]);
  });

  it('exits 1 and prints no token when the apiserver refuses the create', async () => {
    apiserver.failNext(
      { code: 403, reason: 'Forbidden', message: 'secrets is forbidden: User "reader" cannot create resource "secrets" in API group "" in the namespace "kube-system"' },
      { match: (request) => request.method === 'POST' },
    );
    const result = await runTokentui(['create'], { env: kubeconfig.env, clock });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot create resource "secrets"/);
  });

  it('--print-join-command prints the join command built from cluster-info (the one place a secret is printed)', async () => {
    putClusterInfo(apiserver);
    const text = await runTokentui(['create', '--print-join-command'], { env: kubeconfig.env, clock });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^kubeadm join 10\.0\.0\.1:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}\n$/);
    const json = JSON.parse((await runTokentui(['create', '--print-join-command', '-o', 'json'], { env: kubeconfig.env, clock })).stdout) as Record<string, string>;
    expect(json.joinCommand).toContain(`--token ${json.token} `);
  });

  it('says which token was left behind when the join command cannot be built', async () => {
    apiserver.failNext({ code: 500, reason: 'InternalError', message: 'etcd is sad' }, { match: (request) => request.path.endsWith('/cluster-info') });
    const result = await runTokentui(['create', '--print-join-command'], { env: kubeconfig.env, clock });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const posted = apiserver.requests.find((request) => request.method === 'POST')?.body as { metadata: { name: string } };
    const id = posted.metadata.name.replace('bootstrap-token-', '');
    expect(result.stderr).toMatch(/while building the join command/);
    expect(result.stderr).toContain(`hint: token "${id}" was created but not shown`);
  });
});

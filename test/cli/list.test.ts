// `tokentui list` end to end in-process, against the fake apiserver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';
import { ManualClock } from '../../src/core/clock.ts';
import { LIST_PAGE_SIZE } from '../../src/adapters/kubeadm/tokens-api.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { bootstrapSecret, runTokentui, writeKubeconfig, type KubeconfigFixture } from './harness.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const SECRETS = ['0123456789abcdef', 'fedcba9876543210', 'a1b2c3d4e5f6a7b8'];

let apiserver: FakeApiserver;
let kubeconfig: KubeconfigFixture;
const clock = new ManualClock(NOW);

beforeAll(async () => {
  apiserver = await startFakeApiserver();
  kubeconfig = writeKubeconfig(apiserver);
  apiserver.put('secrets', bootstrapSecret('abcdef', SECRETS[0]!, {
    expiration: '2026-03-02T11:59:30Z',
    description: 'workers',
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
    'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
  }));
  apiserver.put('secrets', bootstrapSecret('ghijkl', SECRETS[1]!, { 'usage-bootstrap-signing': 'true' }));
  apiserver.put('secrets', bootstrapSecret('mnopqr', SECRETS[2]!, { expiration: 'tomorrow-ish' }));
});

afterAll(async () => {
  await apiserver.close();
  kubeconfig.remove();
});

beforeEach(() => {
  apiserver.requests.length = 0;
});

const byId = (entries: { id: string }[]) => [...entries].sort((left, right) => left.id.localeCompare(right.id));

describe('tokentui list', () => {
  it('-o json prints one array with the documented fields and no secret', async () => {
    const result = await runTokentui(['list', '-o', 'json'], { env: kubeconfig.env, clock });
    expect(result.code).toBe(0);
    const listed = byId(JSON.parse(result.stdout) as { id: string }[]);
    expect(listed).toHaveLength(3);
    expect(listed[0]).toEqual({
      id: 'abcdef',
      description: 'workers',
      expiresAt: '2026-03-02T11:59:30Z',
      ttlSeconds: 86_370,
      status: 'active',
      usages: ['authentication', 'signing'],
      groups: ['system:bootstrappers:kubeadm:default-node-token'],
    });
    expect(listed[1]).toEqual({ id: 'ghijkl', description: '', expiresAt: null, ttlSeconds: null, status: 'active', usages: ['signing'], groups: [] });
    expect(listed[2]).toMatchObject({ id: 'mnopqr', status: 'invalid', invalidReason: expect.stringContaining('expiration') });
    for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
    // The unusable Secret is reported on stderr, as kubeadm reports parse errors.
    expect(result.stderr).toMatch(/^tokentui: warning: token "mnopqr" is not usable: .*expiration/m);
    expect(apiserver.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/v1/namespaces/kube-system/secrets', query: { fieldSelector: 'type=bootstrap.kubernetes.io/token', limit: String(LIST_PAGE_SIZE) } }),
    ]);
  });

  it('-o yaml carries the same data', async () => {
    const json = await runTokentui(['list', '-o', 'json'], { env: kubeconfig.env, clock });
    const yaml = await runTokentui(['list', '-o', 'yaml'], { env: kubeconfig.env, clock });
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it("prints kubeadm's table by default: ids only, <forever>/<never>, <invalid> with the reason", async () => {
    const result = await runTokentui(['list', '--kubeconfig', kubeconfig.path], { env: { HOME: kubeconfig.dir }, clock });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TOKEN {5}TTL {9}EXPIRES {16}USAGES {19}DESCRIPTION {3,}EXTRA GROUPS$/);
    const row = (id: string) => lines.find((line) => line.startsWith(`${id} `))!.split(/\s{3,}/);
    expect(row('abcdef')).toEqual(['abcdef', '23h', '2026-03-02T11:59:30Z', 'authentication,signing', 'workers', 'system:bootstrappers:kubeadm:default-node-token']);
    expect(row('ghijkl')).toEqual(['ghijkl', '<forever>', '<never>', 'signing', '<none>', '<none>']);
    expect(row('mnopqr')[1]).toBe('<invalid>');
    expect(row('mnopqr')[4]).toContain('expiration');
    for (const secret of SECRETS) expect(result.stdout).not.toContain(secret);
  });

  it('exits 1 with the server message when the apiserver refuses', async () => {
    apiserver.failNext({ code: 403, reason: 'Forbidden', message: 'secrets is forbidden: User "nobody" cannot list resource "secrets" in API group "" in the namespace "kube-system"' });
    const result = await runTokentui(['list', '-o', 'json'], { env: kubeconfig.env, clock });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tokentui: .*cannot list resource "secrets"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

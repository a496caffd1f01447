// The command line as a whole, in-process: usage errors, the TTY gate, unbuilt commands,
// contexts and target resolution. None of these reaches an adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { runTokentui, writeKubeconfig, type KubeconfigFixture } from './harness.ts';

let apiserver: FakeApiserver;
let kubeconfig: KubeconfigFixture;

beforeAll(async () => {
  apiserver = await startFakeApiserver();
  kubeconfig = writeKubeconfig(apiserver, ['fake-admin', 'staging']);
});

afterAll(async () => {
  await apiserver.close();
  kubeconfig.remove();
});

describe('usage errors exit 2 with one line and a hint', () => {
  it('unknown flag', async () => {
    const result = await runTokentui(['list', '--colour'], { env: kubeconfig.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("tokentui: unknown option '--colour'\nhint: run 'tokentui --help'\n");
  });

  it('an unknown --context lists the known ones', async () => {
    const result = await runTokentui(['list', '--context', 'prod'], { env: kubeconfig.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"prod"');
    expect(result.stderr).toContain('fake-admin');
    expect(result.stderr).toContain('staging');
  });

  it('no kubeconfig anywhere says where it looked and what to do', async () => {
    const result = await runTokentui(['list'], { env: { HOME: kubeconfig.dir + '/nowhere' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(kubeconfig.dir, 'nowhere', '.kube', 'config'));
    expect(result.stderr).toMatch(/--kubeconfig/);
    expect(result.stderr).toMatch(/--demo/);
  });

  it('an explicit --kubeconfig that does not exist', async () => {
    const result = await runTokentui(['list', '--kubeconfig', 'missing.yaml'], { env: { HOME: kubeconfig.dir }, cwd: kubeconfig.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(kubeconfig.dir, 'missing.yaml'));
  });

  it('the rest adapter without --server, and a bad --server', async () => {
    expect((await runTokentui(['list', '--adapter', 'rest'])).stderr).toMatch(/needs --server URL/);
    const bad = await runTokentui(['list', '--server', 'not a url']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--server "not a url" is not a URL/);
  });

  it('--adapter k3s forces the k3s adapter on the kubeconfig context, sending nothing before the UI', async () => {
    apiserver.requests.length = 0;
    const result = await runTokentui(['--adapter', 'k3s'], { env: kubeconfig.env, tty: true });
    expect(result.code).toBe(0);
    expect(result.tuiLaunches[0]?.adapter.id).toBe('k3s');
    expect(result.tuiLaunches[0]?.adapter.capabilities.defaultGroups).toEqual(['system:bootstrappers:k3s:default-node-token']);
    expect(apiserver.requests).toEqual([]);
  });

  it('rotate with a bad --ttl exits 2 before any request', async () => {
    apiserver.requests.length = 0;
    const result = await runTokentui(['rotate', 'abcdef', '--ttl', '5x'], { env: kubeconfig.env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tokentui: --ttl: invalid duration "5x"/);
    expect(apiserver.requests).toEqual([]);
  });
});

describe('the interactive UI', () => {
  it('needs a terminal: exits 2 without launching it', async () => {
    const result = await runTokentui([], { env: kubeconfig.env, tty: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'tokentui: the interactive UI needs a terminal (stdin and stdout must be a TTY); use a subcommand: list, create, ...\n',
    );
    expect(result.tuiLaunches).toEqual([]);
  });

  it('launches on a terminal with an adapter for the chosen context and the flags', async () => {
    const result = await runTokentui(['--context', 'staging', '--readonly', '--no-color'], { env: kubeconfig.env, tty: true });
    expect(result.code).toBe(0);
    expect(result.tuiLaunches).toEqual([expect.objectContaining({ contextLabel: 'staging', readonly: true, noColor: true, demo: false })]);
    expect(result.tuiLaunches[0]?.adapter.id).toBe('kubeadm');
    // Only the feed's first LIST goes out before the UI has loaded (listSoon 'watch', read from the
    // watch cache); /version may be answered from the detection cache. Nothing else, and no write.
    const lists = apiserver.requests.filter((request) => request.path.endsWith('/secrets'));
    expect(lists).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v1/namespaces/kube-system/secrets', query: expect.objectContaining({ resourceVersion: '0' }) })]);
    expect(apiserver.requests.filter((request) => !request.path.endsWith('/secrets')).every((request) => request.method === 'GET' && request.path === '/version')).toBe(true);
    apiserver.requests.length = 0;
  });

  it('reports a bad target before the UI starts', async () => {
    const result = await runTokentui(['--context', 'prod'], { env: kubeconfig.env, tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/context "prod" not found/);
    expect(result.tuiLaunches).toEqual([]);
  });
});

describe('help and version', () => {
  it('--help lists the commands and exits 0', async () => {
    const result = await runTokentui(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tokentui list      [-o table|wide|json|yaml|name|jsonpath=TEMPLATE|custom-columns=SPEC]');
    expect(result.stdout).toContain('--kubeconfig PATH');
  });

  it('--version prints the package version', async () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const result = await runTokentui(['--version']);
    expect(result.stdout).toBe(`tokentui ${manifest.version}\n`);
  });
});

describe('tokentui contexts', () => {
  // The /etc control-plane files are left out so the listing is the fixture's, whatever the machine has.
  const env = () => ({ ...kubeconfig.env, TOKENTUI_SYSTEM_KUBECONFIGS: '' });

  it('lists every context with its server, marking the current one', async () => {
    const result = await runTokentui(['contexts'], { env: env() });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CURRENT\s+NAME\s+KIND\s+ADAPTER\s+SERVER\s+AS\s+READONLY\s+SOURCE$/);
    expect(lines[1]).toMatch(new RegExp(`^\\*\\s+fake-admin\\s+discovered\\s+auto\\s+${apiserver.url}\\s+${kubeconfig.path}$`));
    expect(lines[2]).toMatch(/^\s+staging\s+discovered\s/);
  });

  it('-o json', async () => {
    const result = await runTokentui(['contexts', '-o', 'json'], { env: env() });
    const common = { kind: 'discovered', adapter: null, server: apiserver.url, readonly: false, sourceFile: kubeconfig.path, cluster: 'fake', user: 'admin' };
    expect(JSON.parse(result.stdout)).toEqual([
      { name: 'fake-admin', current: true, ...common },
      { name: 'staging', current: false, ...common },
    ]);
    expect(apiserver.requests).toEqual([]);
  });
});

// The lxd target kind through the command line: discovered lxc remotes and local sockets in
// `tokentui contexts`, `contexts add --adapter lxd`, saved contexts, and --server without
// --adapter. Files only: nothing here connects (the real daemon: test/real/lxd-cli.test.ts).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTargetSettings } from '../../src/cli/target.ts';
import { targetFromDiscovered, targetFromSaved } from '../../src/adapters/targets.ts';
import { runTokentui } from '../cli/harness.ts';
import { removeScratch } from '../support/at-rest.ts';
import { LXC_CONFIG } from '../support/lxd-fixtures.ts';

let home: string;
let lxcDir: string;
let socket: string;


const env = (extra: Record<string, string> = {}) => ({
  HOME: home,
  KUBECONFIG: join(home, 'no-kubeconfig'),
  TOKENTUI_SYSTEM_KUBECONFIGS: '',
  TOKENTUI_SYSTEM_LXD_SOCKETS: '',
  LXD_DIR: join(home, 'lxd'),
  ...extra,
});

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'tokentui-lxd-target-'));
  lxcDir = join(home, '.config/lxc');
  mkdirSync(join(lxcDir, 'servercerts'), { recursive: true });
  writeFileSync(join(lxcDir, 'config.yml'), LXC_CONFIG);
  for (const file of ['client.crt', 'client.key', 'servercerts/prod.crt']) writeFileSync(join(lxcDir, file), 'pem');
  mkdirSync(join(home, 'lxd'));
  // Discovery only checks that the socket exists.
  socket = join(home, 'lxd', 'unix.socket');
  writeFileSync(socket, '');
});

afterAll(() => removeScratch(home));

describe('discovered lxc remotes and local sockets', () => {
  it('are listed by `tokentui contexts` with their adapter, server and source', async () => {
    const result = await runTokentui(['contexts', '-o', 'json'], { env: env() });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      { name: 'lxc:local', kind: 'discovered', adapter: 'lxd', server: `unix://${socket}`, readonly: false, current: false, sourceFile: join(lxcDir, 'config.yml'), client: 'lxc', remote: 'local' },
      { name: 'lxc:prod', kind: 'discovered', adapter: 'lxd', server: 'https://10.0.0.5:8443', readonly: false, current: false, sourceFile: join(lxcDir, 'config.yml'), client: 'lxc', remote: 'prod', defaultRemote: true },
      { name: 'lxc:lab', kind: 'discovered', adapter: 'lxd', server: 'https://lab.example:8443', readonly: false, current: false, sourceFile: join(lxcDir, 'config.yml'), client: 'lxc', remote: 'lab' },
    ]);
  });

  it('name a broken client config in one warning line and list the rest', async () => {
    const brokenHome = mkdtempSync(join(tmpdir(), 'tokentui-lxd-broken-'));
    try {
      mkdirSync(join(brokenHome, '.config/incus'), { recursive: true });
      writeFileSync(join(brokenHome, '.config/incus/config.yml'), 'remotes: [unclosed\n');
      const result = await runTokentui(['contexts'], { env: env({ HOME: brokenHome }) });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^tokentui: warning: incus config .*config\.yml: .*not valid YAML/);
      expect(result.stdout).toMatch(/lxc:local\s+discovered\s+lxd\s+unix:\/\//);
    } finally {
      removeScratch(brokenHome);
    }
  });

  it('resolve by name as --context does, HTTPS ones pinned to the certificate lxc saved', () => {
    const found = targetFromDiscovered('lxc:prod', undefined, { env: env(), cwd: '/' });
    expect(found?.definition.id).toBe('lxd');
    expect(found?.target).toEqual({
      context: 'lxc:prod',
      endpoint: { kind: 'https', url: 'https://10.0.0.5:8443', clientCertFile: join(lxcDir, 'client.crt'), clientKeyFile: join(lxcDir, 'client.key'), serverCertFile: join(lxcDir, 'servercerts/prod.crt') },
    });
    expect(targetFromDiscovered('lxc:nope', undefined, { env: env(), cwd: '/' })).toBeUndefined();
  });
});

describe('--server on the command line', () => {
  it('unix:// is LXD without --adapter; https:// needs --adapter lxd and finds the pinned remote', () => {
    expect(resolveTargetSettings({ readonly: false, demo: false, noColor: false, server: `unix://${socket}` }, env(), '/')).toEqual({
      adapter: 'lxd',
      context: `unix://${socket}`,
      endpoint: { kind: 'unix', socketPath: socket },
    });
    expect(resolveTargetSettings({ readonly: false, demo: false, noColor: false, adapter: 'lxd', server: 'https://10.0.0.5' }, env(), '/')).toMatchObject({
      adapter: 'lxd',
      endpoint: { url: 'https://10.0.0.5:8443', serverCertFile: join(lxcDir, 'servercerts/prod.crt') },
    });
  });

  it('refuses what cannot name a daemon, exit 2, naming the flag', async () => {
    const missing = await runTokentui(['list', '--adapter', 'lxd'], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tokentui: the lxd adapter needs --server unix:\/\/\/path\/to\/unix\.socket/);
    const http = await runTokentui(['list', '--adapter', 'lxd', '--server', 'http://10.0.0.5:8443'], { env: env() });
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/--server "http:\/\/10\.0\.0\.5:8443": LXD speaks HTTPS or a unix socket/);
    const kubeconfig = await runTokentui(['list', '--adapter', 'lxd', '--kubeconfig', '/x'], { env: env() });
    expect(kubeconfig.code).toBe(2);
    expect(kubeconfig.stderr).toMatch(/--kubeconfig is for the kubeadm and k3s adapters/);
  });
});

describe('contexts add --adapter lxd', () => {
  const configFile = () => join(home, '.config/tokentui/config.json');

  it('saves the endpoint as paths: the socket, or the URL with lxc\'s certificates and pinned server certificate', async () => {
    expect(await runTokentui(['contexts', 'add', 'local', '--adapter', 'lxd', '--server', `unix://${socket}`], { env: env() })).toMatchObject({ code: 0, stderr: '' });
    expect(await runTokentui(['contexts', 'add', 'prod', '--adapter', 'lxd', '--server', 'https://10.0.0.5', '--readonly'], { env: env() })).toMatchObject({ code: 0, stderr: '' });
    const saved = JSON.parse(readFileSync(configFile(), 'utf8')) as { contexts: unknown[] };
    expect(saved.contexts).toEqual([
      { name: 'local', adapter: 'lxd', endpoint: { socket } },
      {
        name: 'prod',
        adapter: 'lxd',
        readonly: true,
        endpoint: { url: 'https://10.0.0.5:8443', clientCert: join(lxcDir, 'client.crt'), clientKey: join(lxcDir, 'client.key'), serverCert: join(lxcDir, 'servercerts/prod.crt') },
      },
    ]);
    const listed = JSON.parse((await runTokentui(['contexts', '-o', 'json'], { env: env() })).stdout) as { name: string; kind: string; server: string }[];
    expect(listed.filter((context) => context.kind === 'saved').map(({ name, server }) => [name, server])).toEqual([
      ['local', `unix://${socket}`],
      ['prod', 'https://10.0.0.5:8443'],
    ]);
  });

  it('saves an HTTPS context before this client is enrolled, with a warning saying what to do', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tokentui-lxd-fresh-'));
    try {
      const result = await runTokentui(['contexts', 'add', 'later', '--adapter', 'lxd', '--server', 'https://lxd.example'], { env: env({ HOME: fresh }) });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/no client certificate in .*\.config\/lxc yet; saved anyway: enroll this client first \(lxc remote add NAME https:\/\/lxd\.example:8443/);
      const saved = JSON.parse(readFileSync(join(fresh, '.config/tokentui/config.json'), 'utf8')) as { contexts: unknown[] };
      expect(saved.contexts).toEqual([
        { name: 'later', adapter: 'lxd', endpoint: { url: 'https://lxd.example:8443', clientCert: join(fresh, '.config/lxc/client.crt'), clientKey: join(fresh, '.config/lxc/client.key') } },
      ]);
    } finally {
      removeScratch(fresh);
    }
  });

  it("refuses another kind's flags and a missing --server (exit 2, nothing written)", async () => {
    const before = readFileSync(configFile(), 'utf8');
    const keyed = await runTokentui(['contexts', 'add', 'x', '--adapter', 'lxd', '--server', 'unix://', '--api-key-env', 'KEY'], { env: env() });
    expect(keyed).toMatchObject({ code: 2 });
    expect(keyed.stderr).toMatch(/^tokentui: --api-key-env is for rest contexts, not lxd/);
    const bare = await runTokentui(['contexts', 'add', 'x', '--adapter', 'lxd'], { env: env() });
    expect(bare).toMatchObject({ code: 2 });
    expect(bare.stderr).toMatch(/^tokentui: a lxd context needs --server/);
    expect(readFileSync(configFile(), 'utf8')).toBe(before);
  });

  it('reads ~/ in a saved endpoint as the home of whoever runs tokentui, relative paths beside config.json', () => {
    const resolved = targetFromSaved(
      { name: 'moved', adapter: 'lxd', endpoint: { url: 'https://h:8443', clientCert: '~/.config/lxc/client.crt', clientKey: 'keys/client.key' } },
      { env: env(), cwd: '/', configFile: '/etc/tokentui/config.json' },
    );
    expect(resolved.target).toEqual({
      context: 'moved',
      endpoint: { kind: 'https', url: 'https://h:8443', clientCertFile: join(lxcDir, 'client.crt'), clientKeyFile: '/etc/tokentui/keys/client.key' },
    });
  });
});

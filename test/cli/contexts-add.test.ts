// `tokentui contexts add NAME ...` and `contexts remove NAME` in-process: what is saved is used by
// `--context NAME` against the fake apiserver and the reference REST server; every refusal is
// exit 2 with config.json byte for byte unchanged; the file stays 0600 and never holds a key.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { runTokentui } from './harness.ts';
import { removeScratch } from '../support/at-rest.ts';

/** Shaped like a real key (mixed case and digits): looksLikeSecret must catch it wherever it is pasted. */
const PASTED_KEY = 'Zq7RwT2mXk9PbV4nLs8HdY3c';

let cluster: FakeApiserver;
let tokens: TestRestServer;
let home: string;
let kubeconfigFile: string;
const configFile = () => join(home, '.config', 'tokentui', 'config.json');
const configBytes = () => readFileSync(configFile());

const env = (extra: Record<string, string> = {}) => ({ HOME: home, KUBECONFIG: join(home, 'no-default-kubeconfig'), TOKENTUI_SYSTEM_KUBECONFIGS: '', ...extra });
const run = (argv: readonly string[], extra: Record<string, string> = {}) => runTokentui(argv, { env: env(extra), cwd: home });
const secretListings = () => cluster.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/secrets'));

beforeAll(async () => {
  [cluster, tokens] = await Promise.all([startFakeApiserver(), startTestRestServer()]);
  home = mkdtempSync(join(tmpdir(), 'tokentui-contexts-add-'));
  kubeconfigFile = join(home, 'lab.yaml');
  writeFileSync(
    kubeconfigFile,
    `clusters: [{name: c, cluster: {server: '${cluster.url}'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: beta, context: {cluster: c, user: u}}]\ncurrent-context: beta\n`,
  );
});

afterAll(async () => {
  await Promise.all([cluster.close(), tokens.close()]);
  removeScratch(home);
});

beforeEach(() => {
  removeScratch(join(home, '.config'));
  cluster.requests.length = 0;
});

describe('contexts add', () => {
  it('saves a rest context that `--context NAME list` then uses, with only the variable name in a 0600 file', async () => {
    const added = await run(['contexts', 'add', 'lab-rest', '--adapter', 'rest', '--server', tokens.url, '--api-key-env', 'LAB_TOKENS_KEY', '--poll-interval', '1m30s'], { LAB_TOKENS_KEY: tokens.apiKey });
    expect(added).toMatchObject({ code: 0, stderr: '', stdout: `saved context "lab-rest" (rest) in ${configFile()}\n` });
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({
      contexts: [{ name: 'lab-rest', adapter: 'rest', server: tokens.url, apiKey: { env: 'LAB_TOKENS_KEY' }, pollIntervalSeconds: 90 }],
    });
    expect(readFileSync(configFile(), 'utf8')).not.toContain(tokens.apiKey);
    const listed = await run(['contexts', '-o', 'json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      { name: 'lab-rest', kind: 'saved', adapter: 'rest', server: tokens.url, readonly: false, current: false, sourceFile: configFile(), apiKey: { env: 'LAB_TOKENS_KEY' }, pollIntervalSeconds: 90 },
    ]);
    const tokenList = await run(['--context', 'lab-rest', 'list', '-o', 'json'], { LAB_TOKENS_KEY: tokens.apiKey });
    expect(tokenList.stderr).toBe('');
    expect(tokenList.code).toBe(0);
    expect(JSON.parse(tokenList.stdout)).toBeInstanceOf(Array);
  });

  it('saves a kubeadm context (relative --kubeconfig made absolute) that lists from its cluster, read-only', async () => {
    const added = await run(['contexts', 'add', 'lab', '--adapter', 'kubeadm', '--kubeconfig', 'lab.yaml', '--kube-context', 'beta', '--readonly']);
    expect(added).toMatchObject({ code: 0, stderr: '', stdout: `saved context "lab" (kubeadm) in ${configFile()}\n` });
    expect(JSON.parse(readFileSync(configFile(), 'utf8')).contexts).toEqual([{ name: 'lab', adapter: 'kubeadm', kubeconfig: kubeconfigFile, kubeContext: 'beta', readonly: true }]);
    const listed = await run(['contexts']);
    expect(listed.stdout).toMatch(new RegExp(`^\\s+lab\\s+saved\\s+kubeadm\\s+<none>\\s+yes\\s+${configFile()}$`, 'm'));
    expect((await run(['--context', 'lab', 'list', '-o', 'json'])).code).toBe(0);
    expect(secretListings()).toHaveLength(1);
    // read-only from the saved context: refused before any request.
    cluster.requests.length = 0;
    expect((await run(['--context', 'lab', 'create', '--ttl', '1h'])).code).toBe(3);
    expect(cluster.requests).toEqual([]);
  });

  it('saves a command reference split into words without a shell, which the rest adapter then runs', async () => {
    const path = process.env.PATH ?? '';
    const added = await run(['contexts', 'add', 'vault', '--adapter', 'rest', '--server', tokens.url, '--api-key-command', "printenv  'VAULT_SUPPLIED_KEY'"]);
    expect(added.code).toBe(0);
    expect(JSON.parse(readFileSync(configFile(), 'utf8')).contexts[0].apiKey).toEqual({ command: ['printenv', 'VAULT_SUPPLIED_KEY'] });
    const listed = await run(['--context', 'vault', 'list', '-o', 'json'], { VAULT_SUPPLIED_KEY: tokens.apiKey, PATH: path });
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
  });

  it('warns (and saves) when the kubeconfig cannot be read yet or the key variable is not set', async () => {
    const kube = await run(['contexts', 'add', 'later', '--adapter', 'k3s', '--kubeconfig', '~/not-yet.yaml']);
    expect(kube.code).toBe(0);
    expect(kube.stderr).toBe(`tokentui: warning: kubeconfig ${join(home, 'not-yet.yaml')} cannot be read (ENOENT); saved anyway, it is needed when the context is used\n`);
    expect(JSON.parse(readFileSync(configFile(), 'utf8')).contexts).toEqual([{ name: 'later', adapter: 'k3s', kubeconfig: '~/not-yet.yaml' }]);
    const rest = await run(['contexts', 'add', 'unset', '--adapter', 'rest', '--server', tokens.url, '--api-key-env', 'NOT_EXPORTED']);
    expect(rest.code).toBe(0);
    expect(rest.stderr).toBe('tokentui: warning: NOT_EXPORTED is not set in this shell; export it before using this context\n');
  });

  it('replaces a saved context only with --force', async () => {
    expect((await run(['contexts', 'add', 'lab', '--adapter', 'kubeadm'])).code).toBe(0);
    const before = configBytes();
    const refused = await run(['contexts', 'add', 'lab', '--adapter', 'k3s']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `tokentui: context "lab" is already saved in ${configFile()}\nhint: remove it first (tokentui contexts remove lab), or add --force to replace it\n`,
    );
    expect(configBytes()).toEqual(before);
    const forced = await run(['contexts', 'add', 'lab', '--adapter', 'k3s', '--force']);
    expect(forced.stdout).toBe(`replaced context "lab" (k3s) in ${configFile()}\n`);
    expect(JSON.parse(readFileSync(configFile(), 'utf8')).contexts).toEqual([{ name: 'lab', adapter: 'k3s' }]);
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
  });
});

describe('contexts add refuses invalid flags: exit 2, config.json unchanged', () => {
  const add = (...flags: string[]) => ['contexts', 'add', 'new', ...flags];
  const rest = ['--adapter', 'rest', '--server', 'https://tokens.lab.example'];
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['unknown adapter', add('--adapter', 'docker'), /^tokentui: unknown adapter 'docker' \(use kubeadm, k3s, lxd, rest\)\n/],
    ['no adapter', add(), /^tokentui: `tokentui contexts add` needs --adapter kubeadm, k3s, lxd or rest\nhint: e\.g\. tokentui contexts add lab/],
    ['no NAME', ['contexts', 'add', '--adapter', 'kubeadm'], /^tokentui: `tokentui contexts add` needs NAME\n/],
    ['rest without --server', add('--adapter', 'rest', '--api-key-env', 'KEY'), /^tokentui: a rest context needs --server URL .*\nhint: add --server https/],
    ['rest without a key reference', add(...rest), /^tokentui: a rest context needs --api-key-env VAR or --api-key-command 'CMD ARGS'/],
    ['rest with both key references', add(...rest, '--api-key-env', 'KEY', '--api-key-command', 'pass show x'), /^tokentui: --api-key-env and --api-key-command are alternatives; give one\n/],
    ['rest with two variables', add(...rest, '--api-key-env', 'KEY', '--api-key-env', 'OTHER'), /^tokentui: --api-key-env takes one variable for a context\n/],
    ['rest with a server that is not a URL', add('--adapter', 'rest', '--server', 'tokens.lab', '--api-key-env', 'KEY'), /^tokentui: --server "tokens\.lab" is not an http\(s\) URL\n/],
    ['rest with --kubeconfig', add(...rest, '--api-key-env', 'KEY', '--kubeconfig', 'x.yaml'), /^tokentui: --kubeconfig is for kubeadm and k3s contexts, not rest\nhint: drop --kubeconfig/],
    ['kubeadm with --server', add('--adapter', 'kubeadm', '--server', 'https://x'), /^tokentui: --server is for lxd and rest contexts; a kubeadm context reaches the apiserver its kubeconfig names\nhint: drop --server/],
    ['k3s with --api-key-env', add('--adapter', 'k3s', '--api-key-env', 'KEY'), /^tokentui: --api-key-env is for rest contexts; a k3s context uses its kubeconfig's credentials\nhint: drop --api-key-env\n/],
    ['kubeadm with --api-key-command', add('--adapter', 'kubeadm', '--api-key-command', 'pass x'), /^tokentui: --api-key-command is for rest contexts/],
    ['a variable name that is not one', add(...rest, '--api-key-env', 'lab-key'), /^tokentui: --api-key-env "lab-key" is not a variable name/],
    ['a pipeline without a shell', add(...rest, '--api-key-command', 'vault read x | tr -d y'), /^tokentui: --api-key-command: \| outside quotes needs a shell, and the command runs without one\nhint: quote it/],
    ['an unclosed quote', add(...rest, '--api-key-command', "pass show 'tokens"), /^tokentui: --api-key-command: a ' quote is not closed\n/],
    ['a poll interval above 1h', add('--adapter', 'kubeadm', '--poll-interval', '2h'), /^tokentui: --poll-interval: it must be between 1s and 1h\nhint: e\.g\. --poll-interval 10s/],
    ['a poll interval of 0', add('--adapter', 'kubeadm', '--poll-interval', '0'), /^tokentui: --poll-interval: it must be between 1s and 1h\n/],
    ['a poll interval that is no duration', add('--adapter', 'kubeadm', '--poll-interval', 'soon'), /^tokentui: --poll-interval: invalid duration "soon"/],
    ['--context beside add', ['--context', 'prod', ...add('--adapter', 'kubeadm')], /^tokentui: --context chooses a context to use; the new context's name is the NAME after `add`\n/],
    ['--demo beside add', add('--adapter', 'rest', '--demo'), /^tokentui: --demo cannot be saved as a context\n/],
    ['--force on remove', ['contexts', 'remove', 'kept', '--force'], /^tokentui: --force is only for `tokentui contexts add NAME`\n/],
    ['--kube-context on the listing', ['contexts', '--kube-context', 'x'], /^tokentui: --kube-context is only for `tokentui contexts add NAME`\n/],
  ];

  it.each(cases)('%s', async (_name, argv, message) => {
    expect((await run(['contexts', 'add', 'kept', '--adapter', 'kubeadm'])).code).toBe(0);
    const before = configBytes();
    const result = await run(argv);
    expect(result.stderr).toMatch(message);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(configBytes()).toEqual(before);
  });

  it('creates no config.json when there was none', async () => {
    expect((await run(add('--adapter', 'rest'))).code).toBe(2);
    expect(existsSync(configFile())).toBe(false);
  });
});

describe('a pasted secret is refused without being echoed or written', () => {
  const where: readonly (readonly [string, readonly string[]])[] = [
    ['--api-key-env', ['--adapter', 'rest', '--server', 'https://tokens.lab.example', '--api-key-env', PASTED_KEY]],
    ['--api-key-command', ['--adapter', 'rest', '--server', 'https://tokens.lab.example', '--api-key-command', `echo ${PASTED_KEY}`]],
    ['--server', ['--adapter', 'rest', '--server', `https://tokens.lab.example/?api_key=${PASTED_KEY}`, '--api-key-env', 'KEY']],
    ['--kube-context', ['--adapter', 'kubeadm', '--kube-context', PASTED_KEY]],
  ];

  it.each(where)('in %s', async (flag, flags) => {
    expect((await run(['contexts', 'add', 'kept', '--adapter', 'kubeadm'])).code).toBe(0);
    const before = configBytes();
    const result = await run(['contexts', 'add', 'new', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^tokentui: ${flag} looks like a secret; config.json only records where a key is, never a key, so nothing was saved\\nhint: `));
    expect(result.stderr).not.toContain(PASTED_KEY);
    expect(configBytes()).toEqual(before);
    expect(readFileSync(configFile(), 'utf8')).not.toContain(PASTED_KEY);
  });

  it('as the NAME', async () => {
    const result = await run(['contexts', 'add', PASTED_KEY, '--adapter', 'kubeadm']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokentui: NAME looks like a secret/);
    expect(result.stderr).not.toContain(PASTED_KEY);
    expect(existsSync(configFile())).toBe(false);
  });
});

describe('contexts remove', () => {
  it('removes a saved context, forgets it as the current one, and keeps the file 0600', async () => {
    await run(['contexts', 'add', 'lab', '--adapter', 'kubeadm', '--kubeconfig', kubeconfigFile]);
    await run(['contexts', 'add', 'other', '--adapter', 'k3s']);
    expect((await run(['contexts', 'use', 'lab'])).code).toBe(0);
    const removed = await run(['contexts', 'remove', 'lab']);
    expect(removed).toMatchObject({
      code: 0,
      stderr: '',
      stdout: `removed context "lab" from ${configFile()}; it was the current context, now none is remembered\n`,
    });
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({ contexts: [{ name: 'other', adapter: 'k3s' }] });
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    expect((await run(['contexts', 'remove', 'other'])).stdout).toBe(`removed context "other" from ${configFile()}\n`);
  });

  it('an unknown name is exit 4 listing the saved names, with nothing changed or created', async () => {
    const none = await run(['contexts', 'remove', 'ghost']);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/^tokentui: no saved context "ghost" in .*config\.json \(none is saved\)\n/);
    expect(existsSync(configFile())).toBe(false);
    await run(['contexts', 'add', 'zeta', '--adapter', 'kubeadm']);
    await run(['contexts', 'add', 'alpha', '--adapter', 'k3s']);
    const before = configBytes();
    const unknown = await run(['contexts', 'remove', 'ghost']);
    expect(unknown).toMatchObject({ code: 4, stdout: '' });
    expect(unknown.stderr).toBe(`tokentui: no saved context "ghost" in ${configFile()} (saved: alpha, zeta)\nhint: run 'tokentui contexts' to see them\n`);
    expect(configBytes()).toEqual(before);
    expect((await run(['contexts', 'remove'])).code).toBe(2);
  });
});

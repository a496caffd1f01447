// The built command line (dist/cli.js, its own process) against a hostile REST token server and a
// hostile apiserver, both in this process on loopback: the bytes it writes to the terminal hold
// no ESC, C1 or bidi character from server data; `list` against `Retry-After: 99999` is over
// within 15 s with exit 1; a 100 MiB answer is refused with the process's peak RSS under
// 200 MB; a `continue` that never ends stops with a clear error; a hostile secret is never
// printed. Needs `npm run build`; no cluster.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startFakeRestServer, tokensRoute, wireError, wireToken, type FakeRestServer } from '../hostile/fake-rest-server.ts';
import { bootstrapSecret } from '../cli/harness.ts';
import { removeScratch } from '../support/at-rest.ts';
import { HOSTILE_SAMPLES } from '../support/hostile-text.ts';
import { sendJson, startHostileServer, streamForever, type HostileServer } from '../support/hostile-server.ts';
import { nodeBin, requireBuiltCli } from '../support/tui-app.ts';

const MIB = 1024 * 1024;
const SECRETS = '/api/v1/namespaces/kube-system/secrets';
const RSS_PRELOAD = join(import.meta.dirname, '../support/report-max-rss.mjs');

interface Run {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly ms: number;
  /** Peak resident set size of the CLI process, in MB. */
  readonly maxRssMb: number;
}

let rest: FakeRestServer;
let apiserver: HostileServer;
let dir: string;
let cliPath: string;

beforeAll(async () => {
  cliPath = requireBuiltCli();
  rest = await startFakeRestServer();
  apiserver = await startHostileServer();
  dir = mkdtempSync(join(tmpdir(), 'tokentui-hostile-cli-'));
  writeFileSync(
    join(dir, 'kubeconfig'),
    `apiVersion: v1\nkind: Config\nclusters:\n- name: h\n  cluster:\n    server: ${apiserver.url}\nusers:\n- name: u\n  user:\n    token: hostile-suite-token\ncontexts:\n- name: h\n  context:\n    cluster: h\n    user: u\ncurrent-context: h\n`,
  );
});
afterAll(async () => {
  await rest?.close();
  await apiserver?.close();
  if (dir !== undefined) removeScratch(dir);
});

/** The built CLI as its own process (the servers answer from this one meanwhile). */
function run(args: readonly string[]): Promise<Run> {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const env = { ...process.env, HOME: dir, XDG_STATE_HOME: dir, XDG_CONFIG_HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), TOKENTUI_API_KEY: API_KEY, TOKENTUI_TEST_MAX_RSS_FILE: rssFile };
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(nodeBin, ['--import', RSS_PRELOAD, cliPath, ...args], { env, encoding: 'buffer', maxBuffer: 64 * MIB, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr, ms: Date.now() - started, maxRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
    });
  });
}

const restList = (...args: string[]) => run(['--server', rest.url, 'list', ...args]);

/** ESC, the C1 range (U+0080-U+009F, as UTF-8), and U+202E/U+2066 (as UTF-8): none may reach the terminal raw. */
function expectNoTerminalControl(bytes: Buffer): void {
  expect(bytes.includes(0x1b), 'ESC').toBe(false);
  for (let index = 0; index < bytes.length - 1; index++) {
    if (bytes[index] === 0xc2 && bytes[index + 1]! >= 0x80 && bytes[index + 1]! <= 0x9f) throw new Error(`a C1 control (U+00${bytes[index + 1]!.toString(16)}) at byte ${index}`);
  }
  expect(bytes.includes(Buffer.from('\u202e')), 'U+202E').toBe(false);
  expect(bytes.includes(Buffer.from('\u2066')), 'U+2066').toBe(false);
}

describe('terminal bytes', () => {
  it('list (table, JSON, YAML) and its errors carry no ESC, C1 or bidi byte from server data', async () => {
    rest.tokens = HOSTILE_SAMPLES.map((sample, index) => wireToken(`tok${index}`, { description: sample, scope: sample, createdBy: sample, etag: `"e${index}"` }));
    rest.tokens.push(wireToken('badexp', { expiresAt: '\u009b2J\u001b]2;pwned\u0007' }));
    for (const format of [[], ['-o', 'json'], ['-o', 'yaml']]) {
      const result = await restList(...format);
      expect(result.code, result.stderr.toString()).toBe(0);
      expectNoTerminalControl(result.stdout);
      expectNoTerminalControl(result.stderr);
    }
    apiserver.handle((_request, response) => sendJson(response, 200, { kind: 'SecretList', metadata: {}, items: HOSTILE_SAMPLES.map((sample, index) => bootstrapSecret(`abc${index}de`, '0123456789abcdef', { description: sample, expiration: sample })) }));
    for (const format of [[], ['-o', 'json']]) {
      const result = await run(['list', ...format]);
      expect(result.code, result.stderr.toString()).toBe(0);
      expectNoTerminalControl(result.stdout);
      expectNoTerminalControl(result.stderr);
    }
    rest.route(tokensRoute((_request, response) => void sendJson(response, 500, { error: 'internal', message: '\u001b]52;c;ZXZpbA==\u0007\nfake line\u009b2J', details: {} })));
    const failed = await restList();
    expect(failed.code).toBe(1);
    expectNoTerminalControl(failed.stderr);
    expect(failed.stderr.toString().trimEnd().split('\n')).toHaveLength(1);
    rest.route(() => false);
  }, 60_000);

  it('a hostile secret from create is never printed', async () => {
    const secret = 'abcdef.0123456789abcde\u001b]52;c;ZXZpbA==\u0007';
    rest.route(tokensRoute((_request, response) => void sendJson(response, 201, { token: wireToken('abcdef'), secret }), 'POST'));
    for (const args of [[], ['--print-join-command'], ['-o', 'json']]) {
      const result = await run(['--server', rest.url, 'create', ...args]);
      expect(result.code).toBe(1);
      expect(result.stdout.length).toBe(0);
      expectNoTerminalControl(result.stderr);
      expect(result.stderr.toString()).toMatch(/the REST contract does not allow: secret/);
    }
    rest.route(() => false);
  }, 60_000);
});

describe('bounded waits and reads', () => {
  it('list against Retry-After: 99999 returns within 15 s with exit 1, on REST and on the Kubernetes API', async () => {
    rest.route(tokensRoute((_request, response) => void sendJson(response, 503, wireError('unavailable', 'maintenance'), { 'retry-after': '99999' })));
    apiserver.handle((_request, response) => sendJson(response, 503, { kind: 'Status', status: 'Failure', message: 'maintenance', reason: 'ServiceUnavailable', code: 503 }, { 'retry-after': '99999' }));
    for (const result of [await restList(), await run(['list'])]) {
      expect(result.code).toBe(1);
      expect(result.ms).toBeLessThan(15_000);
      expect(result.stderr.toString()).toMatch(/maintenance .*retry after 99999 s/);
    }
    rest.route(() => false);
  }, 60_000);

  it('a 100 MiB answer is refused with the process RSS under 200 MB (declared, and streamed without a length)', async () => {
    const chunk = Buffer.from(`${JSON.stringify(wireToken('aaaaaa'))},`.repeat(200));
    const streamed = (declared: boolean) => async (response: Parameters<Parameters<HostileServer['handle']>[0]>[1]) => {
      response.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(100 * MIB) } : {}) });
      await streamForever(response, chunk, 100 * MIB);
    };
    for (const declared of [true, false]) {
      rest.route(tokensRoute((_request, response) => streamed(declared)(response)));
      const result = await restList();
      expect(result.code, result.stderr.toString()).toBe(1);
      expect(result.stderr.toString()).toMatch(/over the 32 MiB limit; refused/);
      expect(result.maxRssMb).toBeLessThan(200);
      apiserver.handle((_request, response) => streamed(declared)(response));
      const kube = await run(['list']);
      expect(kube.code, kube.stderr.toString()).toBe(1);
      expect(kube.stderr.toString()).toMatch(/over the 32 MiB limit; refused/);
      expect(kube.maxRssMb).toBeLessThan(200);
    }
    rest.route(() => false);
  }, 120_000);

  it('an endless continue stops with a clear error', async () => {
    let page = 0;
    apiserver.handle((request, response) => {
      if (request.path !== SECRETS) return sendJson(response, 404, {});
      sendJson(response, 200, { kind: 'SecretList', metadata: { continue: `page-${(page += 1)}` }, items: [] });
    });
    const result = await run(['list']);
    expect(result.code).toBe(1);
    expect(result.stderr.toString()).toMatch(/answered the list of \/api\/v1\/namespaces\/kube-system\/secrets with more than 1000 pages; stopped/);
    expect(page).toBe(1000);
  }, 60_000);
});

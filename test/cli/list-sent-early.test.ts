// `tokentui list` sends its token LIST before the GET /version that picks the adapter, and prints
// that LIST's answer (kube/early-get.ts, #2); commands that do not list send no early LIST. The
// fake apiserver serves HTTPS here, because the CLI asks /version only there (plain HTTP is never k3s).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearFlavourCache, detectKubeFlavour, DETECTION_TIMEOUT_MS } from '../../src/adapters/k3s/detect.ts';
import { SECRETS_PATH, TOKEN_FIELD_SELECTOR } from '../../src/adapters/kubeadm/tokens-api.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { FAKE_GIT_VERSION, type RecordedRequest } from '../support/fake-apiserver.ts';
import { createStubKubeClient } from '../support/k3s-kube-stub.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';

const cluster = useFakeCluster({ tls: true });
const clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));

const isVersion = (request: RecordedRequest) => request.method === 'GET' && request.path === '/version';
const isTokenList = (request: RecordedRequest) =>
  request.method === 'GET' && request.path === SECRETS_PATH && request.query['fieldSelector'] === TOKEN_FIELD_SELECTOR && request.query['watch'] === undefined;

/** What detection knows about the fake apiserver now, asking nothing (the stub fails any request it gets). */
async function cachedDetection() {
  const stub = createStubKubeClient({}, cluster.apiserver.connection);
  const detection = await detectKubeFlavour(stub);
  return { ...detection, requests: stub.requests };
}

beforeAll(() => {
  cluster.apiserver.put('secrets', bootstrapSecret('abcdef', '0123456789abcdef', { description: 'workers', 'usage-bootstrap-signing': 'true' }));
  cluster.apiserver.put('secrets', bootstrapSecret('ghijkl', 'fedcba9876543210', { 'usage-bootstrap-authentication': 'true' }));
});

beforeEach(() => {
  // Detection is cached per server for the process, and remembered in the cache file for the
  // next one (cli/detection-memory.ts): each test starts from a first run on a fresh machine.
  clearFlavourCache();
  rmSync(join(cluster.kubeconfig.dir, '.cache'), { recursive: true, force: true });
  cluster.apiserver.requests.length = 0;
});

describe('tokentui list sends its LIST before detecting the adapter', () => {
  it('the LIST reaches the server before /version is answered, and its one answer is printed', async () => {
    const { apiserver } = cluster;
    // /version is answered only once the LIST has arrived. Were the LIST sent after /version,
    // detection would give up after DETECTION_TIMEOUT_MS and assume kubeadm (checked below).
    apiserver.holdNext(apiserver.whenRequested(isTokenList), { match: isVersion });
    const result = await runTokentui(['list', '-o', 'json'], { env: cluster.env(), clock });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // (The create test below may have added a token, in either order of the tests.)
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'abcdef', description: 'workers', usages: ['signing'] }),
      expect.objectContaining({ id: 'ghijkl', description: '', usages: ['authentication'] }),
    ]));
    expect(result.stdout).not.toContain('0123456789abcdef');
    // The held /version answer was read, not given up on: detection caches only an answer it read.
    expect(await cachedDetection()).toEqual({ flavour: 'kubeadm', reason: `/version reports ${FAKE_GIT_VERSION}`, requested: false, requests: [] });
    // One /version and one LIST, the early one: list() used its answer instead of sending another.
    expect(apiserver.requests.filter(isVersion)).toHaveLength(1);
    expect(apiserver.requests.filter(isTokenList)).toHaveLength(1);
    expect(apiserver.requests).toHaveLength(2);
  }, DETECTION_TIMEOUT_MS + 5_000); // room for the failing case to end in the assertion that explains it

  it("the early LIST's failure is the command's: exit 1 with the server's message, no second LIST", async () => {
    const { apiserver } = cluster;
    apiserver.failNext(
      { code: 403, reason: 'Forbidden', message: 'secrets is forbidden: User "nobody" cannot list resource "secrets" in API group "" in the namespace "kube-system"' },
      { match: isTokenList },
    );
    const result = await runTokentui(['list', '-o', 'json'], { env: cluster.env(), clock });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tokentui: .*cannot list resource "secrets"/);
    expect(apiserver.requests.filter(isVersion)).toHaveLength(1);
    expect(apiserver.requests.filter(isTokenList)).toHaveLength(1);
  });

  it('with --adapter kubeadm there is no /version and still one LIST', async () => {
    const result = await runTokentui(['list', '-o', 'json', '--adapter', 'kubeadm'], { env: cluster.env(), clock });
    expect(result.code).toBe(0);
    expect(cluster.apiserver.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([`GET ${SECRETS_PATH}`]);
  });
});

describe('commands that do not list send no early LIST', () => {
  it('tokentui create: /version, then its write, and no LIST', async () => {
    const result = await runTokentui(['create', '-o', 'json'], { env: cluster.env(), clock });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { apiserver } = cluster;
    expect(apiserver.requests.filter(isVersion)).toHaveLength(1);
    expect(apiserver.requests.filter((request) => request.method === 'POST' && request.path === SECRETS_PATH)).toHaveLength(1);
    expect(apiserver.requests.filter(isTokenList)).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { impactSeverity, requiredConfirmation } from '../../core/impact.ts';
import type { KubeClient, KubeRequestOptions } from '../../kube/client.ts';
import { CSR_RETENTION_UNKNOWN } from './csr-impact.ts';
import { fingerprintToRevision, revisionToFingerprint } from '../../core/fingerprint.ts';
import { computeKubeadmImpact, CSRS_PATH, LIST_PAGE_SIZE, UPLOAD_CERTS_TOKEN_DESCRIPTION } from './impact.ts';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const ID = 'abcdef';
const TOKEN_UID = '11111111-2222-3333-4444-555555555555';
const SECRETS = '/api/v1/namespaces/kube-system/secrets';
const CONFIGMAPS = '/api/v1/namespaces/kube-system/configmaps';
const CLUSTER_INFO = '/api/v1/namespaces/kube-public/configmaps/cluster-info';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly searchParams: Readonly<Record<string, string>>;
}
type Route = unknown | ((searchParams: Readonly<Record<string, string>>) => unknown);

/** A KubeClient answering from a route table; an Error value is thrown (fault injection). */
function fakeClient(routes: Record<string, Route>): KubeClient & { requests: Recorded[] } {
  const requests: Recorded[] = [];
  return {
    requests,
    connection: {} as KubeClient['connection'],
    async request<T>(method: string, path: string, options: KubeRequestOptions = {}): Promise<T> {
      const searchParams = options.searchParams ?? {};
      requests.push({ method, path, searchParams });
      const route = routes[path];
      if (route === undefined) throw new TokenTuiError('not-found', `${path} not found`, { httpStatus: 404 });
      const value = typeof route === 'function' ? (route as (params: typeof searchParams) => unknown)(searchParams) : route;
      if (value instanceof Error) throw value;
      return structuredClone(value) as T;
    },
    stream: () => {
      throw new Error('not used');
    },
    close: async () => {},
  };
}

interface TokenOptions {
  readonly uid?: string;
  readonly expiration?: string;
  readonly usages?: readonly string[];
  readonly description?: string;
}
function tokenSecret(id: string, options: TokenOptions = {}) {
  const data: Record<string, string> = { 'token-id': b64(id), 'token-secret': b64('0123456789abcdef') };
  if (options.expiration !== undefined) data['expiration'] = b64(options.expiration);
  if (options.description !== undefined) data['description'] = b64(options.description);
  for (const usage of options.usages ?? ['authentication', 'signing']) data[`usage-bootstrap-${usage}`] = b64('true');
  return {
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system', uid: options.uid ?? `uid-${id}`, resourceVersion: '4711' },
    type: 'bootstrap.kubernetes.io/token',
    data,
  };
}

const ownedByToken = (name: string) => ({
  metadata: { name, namespace: 'kube-system', ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: `bootstrap-token-${ID}`, uid: TOKEN_UID }] },
});

const pemFor = new Map<string, string>();
function csr(name: string, username: string, nodeName: string, condition?: 'Approved' | 'Denied') {
  return {
    metadata: { name },
    spec: { username, request: b64(pemFor.get(nodeName) ?? ''), signerName: 'kubernetes.io/kube-apiserver-client-kubelet' },
    status: condition ? { conditions: [{ type: condition, status: 'True' }] } : {},
  };
}

beforeAll(() => {
  for (const node of ['node-a', 'node-b', 'node-c', 'other-node']) {
    const pem = execFileSync(
      'openssl',
      ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null', '-subj', `/O=system:nodes/CN=system:node:${node}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    pemFor.set(node, pem);
  }
});

/** A cluster where token abcdef is the only one, with every kind of impact present. */
function busyCluster(overrides: Record<string, Route> = {}): Record<string, Route> {
  const token = tokenSecret(ID, { uid: TOKEN_UID, expiration: '2026-05-02T12:00:00Z' });
  const user = `system:bootstrap:${ID}`;
  const csrPages: Record<string, unknown> = {
    '': { metadata: { continue: 'page-2' }, items: [csr('csr-1', user, 'node-a'), csr('csr-x', 'system:bootstrap:zzzzzz', 'other-node')] },
    'page-2': { metadata: {}, items: [csr('csr-2', user, 'node-b', 'Approved'), csr('csr-3', user, 'node-c', 'Denied'), csr('csr-4', user, 'node-a')] },
  };
  return {
    [`${SECRETS}/bootstrap-token-${ID}`]: token,
    [SECRETS]: { metadata: {}, items: [token, ownedByToken('kubeadm-certs'), { metadata: { name: 'unrelated' } }] },
    [CONFIGMAPS]: { metadata: {}, items: [ownedByToken('join-settings'), { metadata: { name: 'kube-proxy' } }] },
    [CLUSTER_INFO]: { data: { kubeconfig: 'x', [`jws-kubeconfig-${ID}`]: 'sig', 'jws-kubeconfig-zzzzzz': 'other' } },
    [CSRS_PATH]: (params: Readonly<Record<string, string>>) => csrPages[params['continue'] ?? ''],
    ...overrides,
  };
}

describe('computeKubeadmImpact', () => {
  it('lists every kind of impact, ordered with breaking items first, and pages through CSRs', async () => {
    const client = fakeClient(busyCluster());
    const preview = await computeKubeadmImpact(client, ID, new ManualClock(NOW));
    expect(preview).toMatchObject({ state: 'known', tokenId: ID, fingerprint: `${TOKEN_UID}:4711`, computedAt: NOW });
    expect(preview.items.map(({ kind, subject }) => [kind, subject])).toEqual([
      ['cluster-wide', 'cluster'],
      ['dependent-object', 'kube-system/join-settings'],
      ['dependent-object', 'kube-system/kubeadm-certs'],
      ['join-in-progress', 'node-a'],
      ['signature-removed', `kube-public/cluster-info jws-kubeconfig-${ID}`],
      ['joined-keeps-working', 'node-b'],
    ]);
    expect(preview.items.find((item) => item.subject === 'node-a')?.detail).toBe('CSRs csr-1, csr-4 pending: this join will fail');
    expect(preview.items.find((item) => item.subject === 'kube-system/kubeadm-certs')?.detail).toMatch(/--certificate-key break/);
    expect(preview.unknowns).toEqual([CSR_RETENTION_UNKNOWN]);
    expect(impactSeverity(preview)).toBe('high');
    const csrRequests = client.requests.filter((request) => request.path === CSRS_PATH);
    expect(csrRequests.map((request) => request.searchParams)).toEqual([
      { limit: String(LIST_PAGE_SIZE) },
      { limit: String(LIST_PAGE_SIZE), continue: 'page-2' },
    ]);
    expect(client.requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('throws not-found when the token Secret does not exist', async () => {
    const client = fakeClient({});
    await expect(computeKubeadmImpact(client, ID, new ManualClock(NOW))).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining(`kube-system/bootstrap-token-${ID}`),
    });
  });

  it.each([
    ['in the past', '2026-05-01T11:59:59Z'],
    ['unparseable', 'tomorrow'],
  ])('reports no impact for a token whose expiration is %s, without further requests', async (_label, expiration) => {
    const client = fakeClient(busyCluster({ [`${SECRETS}/bootstrap-token-${ID}`]: tokenSecret(ID, { uid: TOKEN_UID, expiration }) }));
    const preview = await computeKubeadmImpact(client, ID, new ManualClock(NOW));
    expect(preview).toMatchObject({ items: [], unknowns: [] });
    expect(requiredConfirmation(preview)).toBe('yes');
    expect(client.requests.map((request) => request.path)).toEqual([`${SECRETS}/bootstrap-token-${ID}`]);
  });

  it('turns a 403 on CSRs into an unknown and still reports the rest', async () => {
    const forbidden = new TokenTuiError('forbidden', 'certificatesigningrequests.certificates.k8s.io is forbidden: User "reader" cannot list resource', {
      httpStatus: 403,
    });
    const preview = await computeKubeadmImpact(fakeClient(busyCluster({ [CSRS_PATH]: forbidden })), ID, new ManualClock(NOW));
    expect(preview.unknowns).toEqual([`cannot list CSRs: ${forbidden.message}`, CSR_RETENTION_UNKNOWN]);
    expect(preview.items.some((item) => item.kind === 'join-in-progress')).toBe(false);
    expect(preview.items.some((item) => item.kind === 'signature-removed')).toBe(true);
  });

  it('turns a missing or forbidden cluster-info into an unknown', async () => {
    const missing = await computeKubeadmImpact(fakeClient(busyCluster({ [CLUSTER_INFO]: undefined })), ID, new ManualClock(NOW));
    expect(missing.unknowns).toContainEqual(expect.stringMatching(/^cannot read kube-public\/cluster-info: .*not found/));
    const denied = new TokenTuiError('forbidden', 'configmaps "cluster-info" is forbidden');
    const forbidden = await computeKubeadmImpact(fakeClient(busyCluster({ [CLUSTER_INFO]: denied })), ID, new ManualClock(NOW));
    expect(forbidden.unknowns).toContain('cannot read kube-public/cluster-info: configmaps "cluster-info" is forbidden');
    expect(forbidden.items.some((item) => item.kind === 'signature-removed')).toBe(false);
  });

  it('reports forbidden Secret and ConfigMap lists as unknowns, including the last-token question', async () => {
    const denied = new TokenTuiError('forbidden', 'secrets is forbidden');
    const preview = await computeKubeadmImpact(
      fakeClient(busyCluster({ [SECRETS]: denied, [CONFIGMAPS]: new TokenTuiError('forbidden', 'configmaps is forbidden') })),
      ID,
      new ManualClock(NOW),
    );
    expect(preview.unknowns).toEqual(
      expect.arrayContaining([
        'cannot list Secrets in kube-system: secrets is forbidden',
        'cannot tell whether another token can still authenticate joins',
        'cannot list ConfigMaps in kube-system: configmaps is forbidden',
      ]),
    );
    expect(preview.items.some((item) => item.kind === 'dependent-object' || item.kind === 'cluster-wide')).toBe(false);
  });

  it('fails the preview on a transport error instead of reporting less impact', async () => {
    const down = new TokenTuiError('transport', 'connect ECONNREFUSED 127.0.0.1:6443');
    await expect(computeKubeadmImpact(fakeClient(busyCluster({ [CSRS_PATH]: down })), ID, new ManualClock(NOW))).rejects.toBe(down);
  });

  it('calls out kubeadm upload-certs proxy tokens in the dependent-object detail', async () => {
    const proxy = tokenSecret(ID, { uid: TOKEN_UID, expiration: '2026-05-01T14:00:00Z', usages: [], description: UPLOAD_CERTS_TOKEN_DESCRIPTION });
    const preview = await computeKubeadmImpact(
      fakeClient(busyCluster({ [`${SECRETS}/bootstrap-token-${ID}`]: proxy, [SECRETS]: { items: [proxy, ownedByToken('kubeadm-certs')] } })),
      ID,
      new ManualClock(NOW),
    );
    const certs = preview.items.find((item) => item.subject === 'kube-system/kubeadm-certs');
    expect(certs?.detail).toMatch(/--certificate-key break.*upload-certs TTL proxy token/);
    // No authentication usage: removing it cannot be what stops joins.
    expect(preview.items.some((item) => item.kind === 'cluster-wide')).toBe(false);
  });
});

describe('last token able to authenticate joins', () => {
  const self = tokenSecret(ID, { uid: TOKEN_UID, expiration: '2026-05-02T12:00:00Z' });
  async function clusterWideWith(others: readonly unknown[]): Promise<boolean> {
    const routes = busyCluster({ [SECRETS]: { items: [self, ...others] } });
    const preview = await computeKubeadmImpact(fakeClient(routes), ID, new ManualClock(NOW));
    return preview.items.some((item) => item.kind === 'cluster-wide');
  }

  it('is not reported when another valid, unexpired authentication token exists', async () => {
    expect(await clusterWideWith([tokenSecret('other1')])).toBe(false);
  });

  it('is reported when the others are expired, signing-only, malformed or not tokens', async () => {
    const expired = tokenSecret('other1', { expiration: '2026-05-01T11:00:00Z' });
    const signingOnly = tokenSecret('other2', { usages: ['signing'] });
    const malformed = { ...tokenSecret('other3'), data: { ...tokenSecret('other3').data, 'token-id': b64('wrong1') } };
    const notToken = { ...tokenSecret('other4'), type: 'Opaque' };
    expect(await clusterWideWith([expired, signingOnly, malformed, notToken])).toBe(true);
  });
});

describe('fingerprints (core/fingerprint.ts, the one format)', () => {
  it('round-trips uid and resourceVersion and rejects malformed strings', () => {
    const revision = { uid: TOKEN_UID, version: '12:34' };
    expect(fingerprintToRevision(revisionToFingerprint(revision))).toEqual(revision);
    expect(() => fingerprintToRevision('no-colon')).toThrow();
    expect(() => fingerprintToRevision(':4711')).toThrow();
    expect(() => fingerprintToRevision('uid:')).toThrow();
  });
});

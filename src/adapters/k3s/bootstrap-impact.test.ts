import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { requiredConfirmation } from '../../core/impact.ts';
import { createStubKubeClient, forbidden, list, nodeObject } from '../../../test/support/k3s-kube-stub.ts';
import { computeK3sBootstrapImpact, NO_CSR_TRAIL_UNKNOWN } from './bootstrap-impact.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const SECRETS = '/api/v1/namespaces/kube-system/secrets';
const b64 = (value: string) => Buffer.from(value).toString('base64');

function tokenSecret(id: string, expiration: string) {
  return {
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system', uid: `uid-${id}`, resourceVersion: '7' },
    type: 'bootstrap.kubernetes.io/token',
    data: { 'token-id': b64(id), 'token-secret': b64('0123456789abcdef'), expiration: b64(expiration), 'usage-bootstrap-authentication': b64('true') },
  };
}

const live = tokenSecret('abcdef', '2026-03-02T12:00:00Z');
const routes = {
  [`${SECRETS}/bootstrap-token-abcdef`]: live,
  [SECRETS]: list([live]),
  '/api/v1/namespaces/kube-system/configmaps': list([]),
  '/api/v1/nodes': list([nodeObject('server-1', ['control-plane', 'etcd']), nodeObject('agent-1', [], '10.0.0.21'), nodeObject('agent-2', [])]),
};

describe('computeK3sBootstrapImpact', () => {
  it('lists agents as keeping working (k3s#7797 caveat), says there is no CSR trail, and asks for no CSRs', async () => {
    const client = createStubKubeClient(routes);
    const preview = await computeK3sBootstrapImpact(client, 'abcdef', new ManualClock(NOW));
    expect(preview).toMatchObject({ state: 'known', tokenId: 'abcdef', fingerprint: 'uid-abcdef:7', unknowns: [NO_CSR_TRAIL_UNKNOWN] });
    expect(preview.items.map((item) => `${item.kind} ${item.subject}`)).toEqual(['joined-keeps-working agent-1', 'joined-keeps-working agent-2']);
    expect(preview.items[0]?.detail).toMatch(/keeps working if it joined with this token.*Node object is deleted it cannot rejoin with a revoked token \(k3s#7797\)/);
    // The only token left: on kubeadm a cluster-wide item; on k3s agents can still join with the agent token.
    expect(preview.items.some((item) => item.kind === 'cluster-wide')).toBe(false);
    expect(client.requests.map((request) => request.path).filter((path) => path.includes('certificatesigningrequests') || path.includes('cluster-info'))).toEqual([]);
    expect(requiredConfirmation(preview)).toBe('type-id');
  });

  it('an expired token breaks nothing', async () => {
    const expired = tokenSecret('abcdef', '2026-02-01T00:00:00Z');
    const client = createStubKubeClient({ ...routes, [`${SECRETS}/bootstrap-token-abcdef`]: expired });
    const preview = await computeK3sBootstrapImpact(client, 'abcdef', new ManualClock(NOW));
    expect(preview).toMatchObject({ items: [], unknowns: [] });
  });

  it('unreadable Nodes become an unknown', async () => {
    const preview = await computeK3sBootstrapImpact(createStubKubeClient({ ...routes, '/api/v1/nodes': forbidden('nodes') }), 'abcdef', new ManualClock(NOW));
    expect(preview.items).toEqual([]);
    expect(preview.unknowns).toEqual([NO_CSR_TRAIL_UNKNOWN, expect.stringMatching(/^cannot list Nodes: .*forbidden/)]);
  });
});

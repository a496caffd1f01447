// Changes a bootstrap token's Secret the way another operator would between a preview and a
// revoke, so its resourceVersion moves on: rewritten on the fake apiserver, or labelled on the
// real control plane through its API as the admin user.
import type { CreatedToken } from '../../src/core/token.ts';
import type { FakeApiserver } from './fake-apiserver.ts';
import { adminFetch } from './real-cluster.ts';

const LABEL = { 'tokentui.test/changed': 'true' };

function secretName(created: CreatedToken): string {
  return `bootstrap-token-${created.token.id}`;
}

export async function changeFakeTokenSecret(fake: FakeApiserver, created: CreatedToken): Promise<void> {
  const secret = fake.secret('kube-system', secretName(created));
  if (secret === undefined) throw new Error(`no Secret ${secretName(created)} on the fake apiserver`);
  // An update of the same object: a new resourceVersion, the same uid.
  fake.put('secrets', secret);
}

export async function changeRealTokenSecret(created: CreatedToken): Promise<void> {
  const response = await adminFetch(`/api/v1/namespaces/kube-system/secrets/${secretName(created)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ metadata: { labels: LABEL } }),
  });
  if (!response.ok) throw new Error(`PATCH ${secretName(created)}: HTTP ${response.status}`);
}

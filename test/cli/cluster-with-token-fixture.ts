// The set-up the revoke command tests share: the fake cluster (useFakeCluster), a clock at
// 2026-03-01T12:00Z, and before each test one bootstrap token stored afresh (secret
// 0123456789abcdef, valid for a day, usable for authentication) with the request log emptied,
// so the log holds only what the test's commands sent. Call it at the top level of a test file.
import { beforeEach } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { useFakeCluster, type FakeClusterFixture } from './fake-cluster-fixture.ts';
import { bootstrapSecret } from './harness.ts';

export interface ClusterWithToken {
  readonly cluster: FakeClusterFixture;
  readonly clock: ManualClock;
}

/** `data`: the token's further Secret keys (usages, auth-extra-groups), as in bootstrapSecret. */
export function useClusterWithToken(id: string, data: Readonly<Record<string, string>>): ClusterWithToken {
  const clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));
  const cluster = useFakeCluster();
  beforeEach(() => {
    cluster.apiserver.put('secrets', bootstrapSecret(id, '0123456789abcdef', {
      expiration: '2026-03-02T12:00:00Z',
      'usage-bootstrap-authentication': 'true',
      ...data,
    }));
    cluster.apiserver.requests.length = 0;
  });
  return { cluster, clock };
}

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { KubeClient } from '../../kube/client.ts';
import { CLUSTER_INFO_PATH } from './join-command.ts';
import { waitForSignatureRemoval } from './verify-revoked.ts';

const KEY = 'jws-kubeconfig-abcdef';

/** Answers each cluster-info GET with the next scripted value (the last one repeats); an Error is thrown. */
function scriptedClient(answers: readonly unknown[]): KubeClient & { gets: number } {
  const client = {
    gets: 0,
    connection: {} as KubeClient['connection'],
    async request<T>(method: string, path: string): Promise<T> {
      expect([method, path]).toEqual(['GET', CLUSTER_INFO_PATH]);
      const answer = answers[Math.min(client.gets, answers.length - 1)];
      client.gets += 1;
      if (answer instanceof Error) throw answer;
      return answer as T;
    },
    stream: () => {
      throw new Error('not used');
    },
    close: async () => {},
  };
  return client;
}

const withKey = { data: { kubeconfig: 'x', [KEY]: 'header..signature' } };
const withoutKey = { data: { kubeconfig: 'x' } };

function manualSleep(clock: ManualClock) {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void (waits.push(ms), clock.advance(ms)) };
}

describe('waitForSignatureRemoval', () => {
  it('returns at once when the key is already gone (no wait)', async () => {
    const clock = new ManualClock(0);
    const { waits, sleep } = manualSleep(clock);
    expect(await waitForSignatureRemoval(scriptedClient([withoutKey]), 'abcdef', clock, { sleep })).toEqual({ removed: true, checks: 1 });
    expect(waits).toEqual([]);
  });

  it('re-checks until the bootstrapsigner removed the key', async () => {
    const clock = new ManualClock(0);
    const { waits, sleep } = manualSleep(clock);
    const result = await waitForSignatureRemoval(scriptedClient([withKey, withKey, withoutKey]), 'abcdef', clock, { sleep });
    expect(result).toEqual({ removed: true, checks: 3 });
    expect(waits).toEqual([500, 500]);
  });

  it('gives up after the bound and says the key is still there', async () => {
    const clock = new ManualClock(0);
    const { sleep } = manualSleep(clock);
    const client = scriptedClient([withKey]);
    const result = await waitForSignatureRemoval(client, 'abcdef', clock, { sleep, timeoutMs: 10_000, intervalMs: 500 });
    expect(result).toMatchObject({ removed: false, reason: expect.stringMatching(/^jws-kubeconfig-abcdef is still in kube-public\/cluster-info after 10 s/) });
    expect(clock.now()).toBe(10_000);
    expect(client.gets).toBe(21);
  });

  it('a missing cluster-info has no signature left', async () => {
    const clock = new ManualClock(0);
    const missing = new TokenTuiError('not-found', 'configmaps "cluster-info" not found', { httpStatus: 404 });
    expect(await waitForSignatureRemoval(scriptedClient([missing]), 'abcdef', clock)).toEqual({ removed: true, checks: 1 });
  });

  it('stops at once when it may not read cluster-info', async () => {
    const clock = new ManualClock(0);
    const forbidden = new TokenTuiError('forbidden', 'configmaps "cluster-info" is forbidden', { httpStatus: 403 });
    const result = await waitForSignatureRemoval(scriptedClient([forbidden]), 'abcdef', clock);
    expect(result).toMatchObject({ removed: false, checks: 1, reason: expect.stringContaining('cannot read kube-public/cluster-info') });
  });

  it('retries a transport failure and reports it when it lasts', async () => {
    const clock = new ManualClock(0);
    const { sleep } = manualSleep(clock);
    const down = new TokenTuiError('transport', 'connection refused');
    const recovered = await waitForSignatureRemoval(scriptedClient([down, withoutKey]), 'abcdef', clock, { sleep });
    expect(recovered).toEqual({ removed: true, checks: 2 });
    const lasting = await waitForSignatureRemoval(scriptedClient([down]), 'abcdef', new ManualClock(0), { sleep: manualSleep(new ManualClock(0)).sleep, timeoutMs: 0 });
    expect(lasting).toMatchObject({ removed: false, reason: expect.stringContaining('connection refused') });
  });
});

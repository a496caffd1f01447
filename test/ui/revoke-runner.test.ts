import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';
import { attemptRevoke } from '../../src/ui/revoke/revoke-runner.ts';
import { verifyTokenGone } from '../../src/ui/revoke/verify-gone.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { T0, token } from './fixtures.ts';
import { createMemoryJournal } from './memory-journal.ts';

const instant = { sleep: async () => {}, intervalMs: 250 };

describe('verifyTokenGone', () => {
  it('re-checks a token that is still listed until the backend reports it gone', async () => {
    const backend = createMemoryBackend({ tokens: [token('abcdef')] });
    let checks = 0;
    const sleep = async (): Promise<void> => {
      checks += 1;
      if (checks === 2) backend.remove('abcdef');
    };
    expect(await verifyTokenGone(backend.adapter, 'abcdef', undefined, { attempts: 5, sleep })).toEqual({ gone: true });
    expect(backend.requests.filter((request) => request === 'get abcdef')).toHaveLength(3);
  });

  it('says how long it waited when the token never goes, and does not wait for a re-created one', async () => {
    const backend = createMemoryBackend({ tokens: [token('abcdef', { revision: { uid: 'u-1', version: '2' } })] });
    expect(await verifyTokenGone(backend.adapter, 'abcdef', { uid: 'u-1', version: '1' }, { attempts: 3, ...instant })).toEqual({
      gone: false,
      detail: 'the backend accepted the revoke, but the token is still there 0.5s later',
    });
    backend.requests.length = 0;
    const recreated = await verifyTokenGone(backend.adapter, 'abcdef', { uid: 'u-0', version: '1' }, { attempts: 3, ...instant });
    expect(recreated).toMatchObject({ gone: false, detail: expect.stringContaining('exists again') });
    expect(backend.requests).toEqual(['get abcdef']);
  });

  it('reports an unreachable backend as "could not check", not as gone', async () => {
    const backend = createMemoryBackend({ tokens: [token('abcdef')] });
    backend.setFailure('connect ECONNREFUSED');
    expect(await verifyTokenGone(backend.adapter, 'abcdef', undefined, { attempts: 2, ...instant })).toMatchObject({ gone: null });
  });
});

describe('attemptRevoke', () => {
  it('sends no revoke when the preview fingerprint names no revision, and journals the failure', async () => {
    const backend = createMemoryBackend({ tokens: [token('abcdef')], capabilities: { revoke: true } });
    const journal = createMemoryJournal();
    const preview: ImpactPreview = { state: 'known', tokenId: 'abcdef', items: [], unknowns: [], fingerprint: 'an-etag-without-uid', computedAt: T0 };
    const deps = { adapter: backend.adapter, audit: journal, operator: { user: 'u', host: 'h' }, clock: new ManualClock(T0) };
    const attempt = await attemptRevoke(deps, preview, 'yes', () => {});
    expect(attempt).toMatchObject({ kind: 'finished', result: { outcome: 'failed', detail: expect.stringContaining('is not "uid:version"') } });
    expect(backend.revokeCalls).toEqual([]);
    expect(journal.records).toMatchObject([{ outcome: 'failure', confirmation: 'yes' }]);
  });
});

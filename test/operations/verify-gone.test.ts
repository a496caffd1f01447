// The one retry policy for "is the revoked token gone" (src/adapters/operations/verify-gone.ts),
// used by the revoke and rotate commands and by the TUI.
import { describe, expect, it } from 'vitest';
import { verifyTokenGone } from '../../src/adapters/operations/verify-gone.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { token } from '../ui/fixtures.ts';

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

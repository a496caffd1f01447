import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';
import { attemptRevoke } from '../../src/ui/features/revoke/revoke-runner.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { T0, token } from './fixtures.ts';
import { createMemoryJournal } from './memory-journal.ts';

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

// The revoke flow end to end in-process: keys named by command, outcomes read from the screen,
// and every negative ("nothing was revoked") proven on the memory adapter's revoke-call log.
import { describe, expect, it } from 'vitest';
import type { ImpactItem } from '../../src/core/impact.ts';
import { HOUR, MINUTE, T0, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { useAppHarness, type AppHarness } from './render-app.tsx';
import { CONFIRM_DWELL_MS } from '../../src/ui/shared/preview-gate.ts';

const open = useAppHarness();

const joinInProgress: ImpactItem = { kind: 'join-in-progress', subject: 'node-7', detail: 'pending CSR csr-x7k2 by system:bootstrap:abcdef' };
const signature: ImpactItem = { kind: 'signature-removed', subject: 'jws-kubeconfig-abcdef', detail: 'discovery with this token fails' };

// abcdef has an impact (typed id needed); ghijkl has none (y suffices). abcdef sorts first.
const tokens = [
  token('abcdef', { description: 'workers', expiresAt: T0 + 30 * MINUTE }),
  token('ghijkl', { description: 'spare', expiresAt: T0 + 2 * HOUR }),
];
const impacts = { abcdef: { items: [joinInProgress, signature], unknowns: ['joins older than ~1h cannot be attributed'] } };
const PREVIOUS = { uid: 'uid-abcdef', version: '1' };

async function openPreview(app: AppHarness, id = 'abcdef'): Promise<string> {
  await app.waitForText(id);
  app.ui.write(keysFor('token.revoke'));
  return app.afterDwell(`Type ${id} to revoke it`);
}

describe('revoke: the impact preview comes first', () => {
  it('shows "computing" and then the impact grouped by kind, with unknowns, severity and the confirmation needed', async () => {
    const app = open({ tokens, impacts });
    await app.waitForText('abcdef');
    const release = app.backend.holdImpacts();
    app.ui.write(keysFor('token.revoke'));
    await app.waitForText('computing the impact of revoking abcdef…');
    release();
    const preview = await app.afterDwell('Type abcdef to revoke it');
    expect(preview).toContain('Impact: HIGH — 1 join in progress, 1 signature removed, 1 unknown');
    expect(preview).toMatch(/Joins in progress that will fail \(1\)\n {2}node-7 — pending CSR csr-x7k2/);
    expect(preview).toMatch(/Signatures that disappear \(1\)\n {2}jws-kubeconfig-abcdef/);
    expect(preview).toMatch(/Could not be determined \(1\)\n {2}\? joins older than ~1h cannot be attributed/);
    expect(preview).toContain('Confirmation: type the token id');
    expect(app.backend.revokeCalls).toEqual([]);
  });

  it('does nothing on a wrong id but say so; the right id revokes once, against the previewed revision', async () => {
    const app = open({ tokens, impacts });
    await openPreview(app);
    app.ui.write('ABCDEF' + keysFor('revoke.submit'));
    await app.waitForText('"ABCDEF" does not match the token id — nothing was revoked');
    app.ui.write(keysFor('revoke.deleteChar').repeat(6) + 'abcde' + keysFor('revoke.submit'));
    await app.waitForText('"abcde" does not match');
    expect(app.backend.revokeCalls).toEqual([]);

    app.ui.write('f' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef revoked — verified: it no longer exists');
    expect(app.backend.revokeCalls).toEqual([{ id: 'abcdef', expected: PREVIOUS }]);
    expect(app.backend.tokens.map((item) => item.id)).toEqual(['ghijkl']);
    expect(app.backend.requests.filter((request) => !request.startsWith('watch'))).toEqual(['impact abcdef', 'revoke abcdef uid-abcdef:1', 'get abcdef']);
    expect(app.journal.records).toEqual([
      {
        time: new Date(T0 + CONFIRM_DWELL_MS).toISOString(),
        operator: { user: 'alice', host: 'workstation' },
        context: 'test-context',
        adapter: 'kubeadm',
        server: 'https://10.0.0.1:6443',
        action: 'revoke',
        tokenId: 'abcdef',
        impact: { severity: 'high', items: 2, summary: '1 join in progress, 1 signature removed, 1 unknown' },
        confirmation: 'typed-id',
        outcome: 'success',
      },
    ]);
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoked 1 of 1 token');
    expect(app.lines().some((line) => line.includes('abcdef'))).toBe(false);
  });

  it('leaves without touching anything on Esc: while computing, while typing, and at the y prompt', async () => {
    const app = open({ tokens, impacts });
    await app.waitForText('abcdef');
    const release = app.backend.holdImpacts();
    app.ui.write(keysFor('token.revoke'));
    await app.waitForText('computing the impact');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoke cancelled: nothing was revoked');
    release(); // the late preview must not reopen anything
    await app.ui.settle(20);
    expect(app.lines().join('\n')).not.toContain('Impact:');

    await openPreview(app);
    app.ui.write('abcde');
    await app.waitForText('to revoke it: abcde▏');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoke cancelled');

    app.ui.write(keysFor('list.down', 'token.revoke'));
    await app.afterDwell('Revoke ghijkl? y/Enter revokes');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoke cancelled');

    expect(app.backend.revokeCalls).toEqual([]);
    expect(app.backend.tokens).toHaveLength(2);
    expect(app.journal.records).toEqual([]); // no attempt, nothing to journal
  });

  it('revokes with y when nothing is affected, and n declines', async () => {
    const app = open({ tokens, impacts });
    await app.waitForText('ghijkl');
    app.ui.write(keysFor('list.down', 'token.revoke'));
    const prompt = await app.afterDwell('Revoke ghijkl? y/Enter revokes');
    expect(prompt).toContain('Impact: NONE — no impact');
    app.ui.write(keysFor('revoke.decline'));
    await app.waitForText('revoke cancelled');
    expect(app.backend.revokeCalls).toEqual([]);

    app.ui.write(keysFor('token.revoke'));
    await app.afterDwell('Revoke ghijkl?');
    app.ui.write(keysFor('revoke.confirm'));
    await app.waitForText('✓ ghijkl revoked');
    expect(app.backend.revokeCalls).toEqual([{ id: 'ghijkl', expected: { uid: 'uid-ghijkl', version: '1' } }]);
    expect(app.journal.records[0]).toMatchObject({ tokenId: 'ghijkl', confirmation: 'yes', outcome: 'success', impact: { severity: 'none' } });
  });

  it('shows the new preview instead of deleting a token that changed since the preview', async () => {
    const app = open({ tokens, impacts });
    await openPreview(app);
    // Re-created under the same id, now with kubeadm-certs hanging off it.
    app.backend.upsert(token('abcdef', { description: 'workers', expiresAt: T0 + 30 * MINUTE, revision: { uid: 'uid-abcdef-2', version: '1' } }));
    app.backend.setImpact('abcdef', { items: [{ kind: 'dependent-object', subject: 'kube-system/kubeadm-certs', detail: 'garbage-collected with the token' }] });
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('kube-system/kubeadm-certs');
    const again = await app.afterDwell('to revoke it: ▏'); // the old confirmation does not carry over
    expect(again).toContain('! token changed since the preview — review again');
    expect(app.backend.revokeCalls).toEqual([{ id: 'abcdef', expected: PREVIOUS }]);
    expect(app.backend.tokens.map((item) => item.id)).toContain('abcdef');
    expect(app.journal.records.map((record) => [record.outcome, record.error])).toEqual([['refused', 'token changed since the preview']]);

    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef revoked');
    expect(app.backend.revokeCalls.at(-1)).toEqual({ id: 'abcdef', expected: { uid: 'uid-abcdef-2', version: '1' } });
  });

  it("shows the adapter's own post-revoke checks, and calls a revoke with a warning unverified", async () => {
    const app = open({ tokens, impacts });
    await openPreview(app);
    app.backend.setRevokeReport({ verified: ['token Secret deleted'], warnings: ['cluster-info signature jws-kubeconfig-abcdef not confirmed removed'] });
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    const frame = await app.waitForText('? abcdef revoked — verified: it no longer exists');
    expect(frame).toContain('    ✓ token Secret deleted');
    expect(frame).toContain('    ! cluster-info signature jws-kubeconfig-abcdef not confirmed removed');
  });

  it('reports a backend failure, journals it, and keeps the token', async () => {
    const app = open({ tokens, impacts });
    await openPreview(app);
    app.backend.setRevokeFailure('etcdserver: request timed out');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✗ abcdef not revoked: kubeadm: etcdserver: request timed out');
    expect(app.backend.tokens.map((item) => item.id)).toContain('abcdef');
    expect(app.journal.records[0]).toMatchObject({ outcome: 'failure', error: 'kubeadm: etcdserver: request timed out', confirmation: 'typed-id' });
  });

  it('shows a journal write failure instead of swallowing it', async () => {
    const app = open({ tokens, impacts });
    await openPreview(app);
    app.journal.setWriteFailure('EROFS: read-only file system');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    const frame = await app.waitForText('✓ abcdef revoked');
    expect(frame).toMatch(/audit journal: cannot write the audit journal .*EROFS/);
    expect(frame.replace(/\s+/g, ' ')).toContain('this revoke of abcdef (success) was NOT recorded');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('the audit journal could not be written');
  });

  it('asks for the typed id when the adapter cannot preview, and still revokes against the read revision', async () => {
    const withRevision = [token('abcdef', { revision: { uid: 'secret-uid-1', version: '77' } })];
    const app = open({ tokens: withRevision, capabilities: { impactPreview: false } });
    const preview = await openPreview(app);
    expect(preview).toContain('Impact: UNKNOWN — the kubeadm adapter cannot preview impact');
    expect(app.backend.requests).toContain('get abcdef');
    expect(app.backend.requests.some((request) => request.startsWith('impact'))).toBe(false);
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef revoked');
    expect(app.backend.revokeCalls).toEqual([{ id: 'abcdef', expected: { uid: 'secret-uid-1', version: '77' } }]);
  });
});

describe('revoke: availability', () => {
  it('has no d in read-only mode: not in the footer, and refused', async () => {
    const app = open({ tokens, impacts, readonly: true });
    await app.waitForText('[READ-ONLY]');
    expect(app.lines().at(-1)).not.toContain('revoke');
    app.ui.write(keysFor('token.revoke'));
    await app.waitForText('read-only mode: "Revoke the selected or marked tokens (impact preview first)" is not allowed');
    expect(app.backend.requests.filter((request) => /^(impact|revoke)/.test(request))).toEqual([]);
  });

  it('revokes the token whose details are open (not the marked ones) and returns to the list', async () => {
    const app = open({ tokens, impacts });
    await app.waitForText('ghijkl');
    app.ui.write(keysFor('list.mark', 'list.down', 'list.details'));
    await app.waitForText('Expires (UTC)');
    app.ui.write(keysFor('token.revoke'));
    await app.afterDwell('Revoke ghijkl? y/Enter revokes');
    expect(app.lines()[2]).toBe('Revoke token ghijkl');
    app.ui.write(keysFor('revoke.confirm'));
    await app.waitForText('✓ ghijkl revoked');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoked 1 of 1 token');
    expect(app.lines()[1]).toContain('1 token · sort: expiry · 1 marked'); // abcdef is still marked, untouched
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['ghijkl']);
  });

  it('says why d does nothing on a backend that cannot revoke', async () => {
    const app = open({ tokens, capabilities: { revoke: false } });
    await app.waitForText('abcdef');
    expect(app.lines().at(-1)).not.toContain('revoke');
    app.ui.write(keysFor('token.revoke'));
    await app.waitForText('this backend cannot revoke tokens');
  });
});

describe('revoke: several marked tokens', () => {
  const three = [
    token('aaaaaa', { description: 'first', expiresAt: T0 + 10 * MINUTE }),
    token('bbbbbb', { description: 'second', expiresAt: T0 + 2 * HOUR }),
    token('cccccc', { description: 'third', expiresAt: T0 + 3 * HOUR }),
  ];

  async function markAllThenFilter(app: AppHarness): Promise<void> {
    await app.waitForText('cccccc');
    app.ui.write(keysFor('list.mark', 'list.down', 'list.mark'));
    await app.waitForText('2 marked');
    expect(app.lines().find((line) => line.includes('aaaaaa'))).toMatch(/^ {2}\+aaaaaa/);
    app.ui.write(keysFor('list.filter') + 'third' + keysFor('filter.apply', 'list.mark'));
    await app.waitForText('3 marked');
  }

  it('counts marked tokens hidden by the filter, shows the combined preview, then confirms each token on its own preview', async () => {
    const app = open({ tokens: three });
    await markAllThenFilter(app);
    app.ui.write(keysFor('token.revoke'));
    const overview = await app.afterDwell("Enter: each token's own preview");
    expect(overview).toContain('Revoke 3 tokens (2 hidden by filter)');
    expect(overview).toContain('Combined impact: 3 tokens: 3 none');
    expect(app.backend.revokeCalls).toEqual([]);
    app.ui.write(keysFor('revoke.begin'));
    const first = await app.afterDwell('Revoke cccccc? y/Enter revokes');
    expect(first).toContain('Revoke 3 tokens (2 hidden by filter) · token 1 of 3: cccccc');
    // Each token previewed again just before its own confirmation.
    expect(app.backend.requests.filter((request) => request.startsWith('impact'))).toEqual(['impact cccccc', 'impact aaaaaa', 'impact bbbbbb', 'impact cccccc']);
    app.ui.write(keysFor('revoke.confirm'));
    expect(await app.afterDwell('Revoke aaaaaa?')).toContain('token 2 of 3: aaaaaa');
    app.ui.write(keysFor('revoke.confirm'));
    expect(await app.afterDwell('Revoke bbbbbb?')).toContain('token 3 of 3: bbbbbb');
    app.ui.write(keysFor('revoke.confirm'));
    const done = await app.waitForText('✓ bbbbbb revoked');
    expect(done).toContain('Revoke 3 tokens (2 hidden by filter)');
    expect(done).toContain('✓ cccccc revoked');
    expect(done).toContain('✓ aaaaaa revoked');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['cccccc', 'aaaaaa', 'bbbbbb']);
    expect(app.journal.records).toHaveLength(3);
  });

  it('stops at Esc: the summary names the untouched tokens; they stay untouched and marked', async () => {
    const app = open({ tokens: three });
    await markAllThenFilter(app);
    app.ui.write(keysFor('token.revoke'));
    await app.afterDwell("Enter: each token's own preview");
    app.ui.write(keysFor('revoke.begin'));
    await app.afterDwell('Revoke cccccc?');
    app.ui.write(keysFor('revoke.confirm'));
    await app.afterDwell('Revoke aaaaaa?');
    app.ui.write(keysFor('revoke.back'));
    const summary = await app.waitForText('Stopped: the rest of the batch was left untouched');
    expect(summary).toContain('Revoked (1): cccccc');
    expect(summary).toContain('Untouched (2): aaaaaa, bbbbbb');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('stopped: revoked 1 of 3 tokens; 2 untouched');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['cccccc']);
    expect(app.backend.tokens.map((item) => item.id)).toEqual(['aaaaaa', 'bbbbbb']);
    app.ui.write(keysFor('list.clearFilter'));
    await app.waitForText('2 marked');
  });
});

describe('revoke: the confirmation counts only after the whole preview was shown (issue 14)', () => {
  // Twelve nodes lose access: at 80×16 the preview is taller than its window.
  const manyItems: ImpactItem[] = Array.from({ length: 12 }, (_, index) => ({ kind: 'machine-loses-access', subject: `node-${index + 1}`, detail: 'joined with this token' }));

  it('a typed id entered while lines remain unread revokes nothing (and says why); after reading to the end it counts', async () => {
    const app = open({ tokens, impacts: { abcdef: { items: manyItems } }, columns: 80, rows: 16 });
    await app.waitForText('abcdef');
    app.ui.write(keysFor('token.revoke'));
    const shut = await app.waitForText('⏸ read the whole preview first');
    expect(shut).toMatch(/lines 1-\d+ of \d+/);
    app.time.advance(CONFIRM_DWELL_MS * 2);
    app.ui.write('abcdef' + keysFor('revoke.notYet'));
    await app.waitForText('Enter ignored:');
    expect(app.lines().at(-1)).toMatch(/^Enter ignored: \d+ more lines? not yet on screen — nothing was confirmed$/);
    expect(app.lines().join('\n')).not.toContain('Type abcdef to revoke it');
    expect(app.backend.revokeCalls).toEqual([]);
    expect(app.journal.records).toEqual([]);

    app.ui.write(keysFor('revoke.pageDown', 'revoke.pageDown'));
    const open_ = await app.waitForText('Type abcdef to revoke it: ▏'); // nothing typed before carried over
    expect(open_).toContain('node-12');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef revoked');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['abcdef']);
  });

  it('the preview headline wraps instead of being cut at 60 columns', async () => {
    const long: ImpactItem[] = [joinInProgress, signature, { kind: 'dependent-object', subject: 'kube-system/kubeadm-certs', detail: 'garbage-collected' }, { kind: 'cluster-wide', subject: 'cluster', detail: 'last token' }];
    const app = open({ tokens, impacts: { abcdef: { items: long, unknowns: ['old joins'] } }, columns: 60, rows: 20 });
    await openPreview(app);
    const text = app.lines().join('\n');
    expect(text).not.toContain('…');
    expect(text.replace(/\n\s*/g, ' ')).toContain('Impact: HIGH — 1 cluster-wide consequence, 1 dependent object, 1 join in progress, 1 signature removed, 1 unknown');
  });
});

describe('revoke: a batch (issue 14)', () => {
  const spare = [token('aaaaaa', { expiresAt: T0 + HOUR }), token('bbbbbb', { expiresAt: T0 + 2 * HOUR }), token('cccccc', { expiresAt: T0 + 3 * HOUR }), token('keeper', { expiresAt: T0 + 4 * HOUR })];

  async function markThreeAndOpen(app: AppHarness): Promise<string> {
    await app.waitForText('cccccc');
    app.ui.write(keysFor('list.mark', 'list.down', 'list.mark', 'list.down', 'list.mark'));
    await app.waitForText('3 marked');
    app.ui.write(keysFor('token.revoke'));
    return app.afterDwell("Enter: each token's own preview");
  }

  it('a second y within the dwell of the next preview revokes nothing; after the dwell it counts', async () => {
    const app = open({ tokens: spare });
    await markThreeAndOpen(app);
    app.ui.write(keysFor('revoke.begin'));
    await app.afterDwell('Revoke aaaaaa? y/Enter revokes');
    app.ui.write(keysFor('revoke.confirm'));
    await app.waitForText('token 2 of 3: bbbbbb');
    await app.waitForText('⏸ confirming opens in');
    // The habit of a double press: the next preview is on screen, but for under the dwell.
    app.ui.write('y');
    await app.waitForText('y ignored: preview shown under 0.6 s ago — nothing was confirmed');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['aaaaaa']);
    app.time.advance(CONFIRM_DWELL_MS);
    await app.waitForText('Revoke bbbbbb? y/Enter revokes');
    app.ui.write(keysFor('revoke.confirm'));
    await app.waitForText('token 3 of 3: cccccc');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['aaaaaa', 'bbbbbb']);
  });

  it('n skips one and the batch continues; the summary lists revoked, skipped and untouched', async () => {
    const app = open({ tokens: spare });
    await markThreeAndOpen(app);
    app.ui.write(keysFor('revoke.begin'));
    await app.afterDwell('Revoke aaaaaa? y/Enter revokes · n skips it · Esc stops the rest');
    app.ui.write(keysFor('revoke.decline'));
    await app.afterDwell('Revoke bbbbbb? y/Enter revokes');
    app.ui.write(keysFor('revoke.confirm'));
    await app.afterDwell('Revoke cccccc? y/Enter revokes');
    app.ui.write(keysFor('revoke.skip'));
    const summary = await app.waitForText('Batch finished');
    expect(summary).toContain('Revoked (1): bbbbbb');
    expect(summary).toContain('Skipped (2): aaaaaa, cccccc');
    expect(summary).not.toContain('Untouched');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['bbbbbb']);
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoked 1 of 3 tokens; 2 skipped');
  });

  it('Ctrl-Space marks every token shown (the filter applies), and again unmarks them', async () => {
    const app = open({ tokens: spare });
    await app.waitForText('keeper');
    app.ui.write(keysFor('list.filter') + 'aa' + keysFor('filter.apply'));
    await app.waitForText('1 of 4 tokens match "aa"');
    app.ui.write(keysFor('list.markAll'));
    await app.waitForText('1 marked');
    app.ui.write(keysFor('list.clearFilter'));
    await app.waitForText('live · 4 tokens');
    app.ui.write(keysFor('list.markAll'));
    await app.waitForText('4 marked');
    app.ui.write(keysFor('list.markAll'));
    await app.ui.waitForFrame((frame) => !frame.includes('marked'));
  });
});

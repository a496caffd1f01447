import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import { applyColorPolicy } from '../../src/ui/shared/color.ts';
import { HOUR, MINUTE, SECOND, T0, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { useAppHarness, type AppHarness } from './render-app.tsx';

const open = useAppHarness();

const rowOf = (app: AppHarness, id: string): string => app.lines().find((line) => line.includes(id)) ?? '';
const selectedRow = (app: AppHarness): string => app.lines().find((line) => line.startsWith('›')) ?? '';

const threeTokens = [
  token('aaaaaa', { description: 'first', expiresAt: T0 + 10 * MINUTE }),
  token('bbbbbb', { description: 'second', expiresAt: T0 + 2 * HOUR }),
  token('cccccc', { description: 'third', expiresAt: T0 + 3 * HOUR, isDefault: true }),
];

describe('token list', () => {
  it('draws tokens that arrived while the UI loaded in its very first frame, with no connecting frame', async () => {
    // The adapter's own watch (the claim in an effect) has nothing yet: only `arrived` can fill frame one.
    const arrived = [token('early1', { description: 'arrived early', expiresAt: T0 + 2 * HOUR })];
    const app = open({ tokens: [], arrived: [{ type: 'state', state: 'connecting' }, { type: 'snapshot', tokens: arrived }, { type: 'state', state: 'live' }] });
    const first = app.ui.frames[0] ?? '';
    expect(first).toContain('early1');
    expect(first).toContain('arrived early');
    expect(first).toMatch(/live · 1 token\b/);
    expect(first).not.toContain('connecting');
  });

  it('counts down from the shared clock as it advances', async () => {
    const app = open({ tokens: [token('abcdef', { expiresAt: T0 + 4 * MINUTE })] });
    await app.waitForText('! 04:00');
    app.time.advance(SECOND);
    await app.waitForText('! 03:59');
    app.time.advance(59 * SECOND);
    expect(await app.waitForText('! 03:00')).not.toContain('03:59');
    expect(app.time.subscribers).toBe(1); // one clock for the whole screen
  });

  it('changes urgency glyph at 1 hour, 5 minutes and expiry, and keeps expired tokens listed', async () => {
    const app = open({ tokens: [token('abcdef', { expiresAt: T0 + HOUR + 5 * SECOND })] });
    await app.waitForText('● 1h0m');
    app.time.advance(6 * SECOND);
    await app.waitForText('◐ 59:59');
    app.time.advance(54 * MINUTE + 58 * SECOND);
    await app.waitForText('◐ 05:01');
    app.time.advance(SECOND);
    await app.waitForText('! 05:00');
    app.time.advance(5 * MINUTE);
    await app.waitForText('✗ expired');
    expect(rowOf(app, 'abcdef')).toContain('✗ expired');
    app.backend.remove('abcdef');
    await app.waitForText('no tokens on this backend');
  });

  it('opens the third row on Down Down Enter sent in one chunk', async () => {
    const app = open({ tokens: threeTokens });
    await app.waitForText('cccccc');
    app.ui.write(keysFor('list.down', 'list.down', 'list.details'));
    const frame = await app.waitForText('Expires (UTC)');
    expect(frame).toContain('third');
    expect(frame).toContain('2026-11-20T15:00:00Z');
    expect(frame).toMatch(/kubeadm join 10\.0\.0\.1:6443 --token cccccc\.\*{16} --discovery-token-ca-cert-hash sha256:/);
    expect(frame).toContain('shown only once');
  });

  it('keeps the same token selected when rows are added above it', async () => {
    const app = open({ tokens: threeTokens });
    await app.waitForText('cccccc');
    app.ui.write(keysFor('list.down'));
    await app.ui.waitForFrame(() => selectedRow(app).includes('bbbbbb'));
    app.backend.upsert(token('zzzzz1', { expiresAt: T0 + MINUTE }));
    app.backend.upsert(token('zzzzz2', { expiresAt: T0 + 2 * MINUTE }));
    await app.waitForText('zzzzz2');
    expect(selectedRow(app)).toContain('bbbbbb');
    expect(app.lines().findIndex((line) => line.includes('zzzzz1'))).toBeLessThan(app.lines().findIndex((line) => line.includes('bbbbbb')));
  });

  it('filters by typing after / and clears with Esc', async () => {
    const app = open({ tokens: threeTokens });
    await app.waitForText('cccccc');
    app.ui.write(keysFor('list.filter') + 'seco');
    await app.waitForText('1 of 3 tokens match "seco"');
    expect(app.lines().some((line) => line.includes('aaaaaa'))).toBe(false);
    expect(app.lines().at(-1)).toContain('/seco');
    app.ui.write(keysFor('filter.clear')); // a lone Esc: Ink holds it 20 ms
    await app.waitForText('aaaaaa');
    expect(app.lines()[1]).toContain('3 tokens · sort');
    expect(rowOf(app, 'aaaaaa')).toContain('first');
  });

  it('sorts by expiry, then id, then description', async () => {
    const tokens = [token('bbbbbb', { description: 'zeta', expiresAt: T0 + MINUTE }), token('aaaaaa', { description: 'alpha', expiresAt: T0 + HOUR * 3 }), token('cccccc', { description: 'beta', expiresAt: T0 + HOUR })];
    const app = open({ tokens });
    await app.waitForText('bbbbbb');
    const order = () => app.lines().filter((line) => /^[ ›][ ★] [abc]{6}/.test(line)).map((line) => line.slice(3, 9));
    expect(order()).toEqual(['bbbbbb', 'cccccc', 'aaaaaa']);
    app.ui.write(keysFor('list.sort'));
    await app.waitForText('sort: id');
    expect(order()).toEqual(['aaaaaa', 'bbbbbb', 'cccccc']);
    app.ui.write(keysFor('list.sort'));
    await app.waitForText('sort: description');
    expect(order()).toEqual(['aaaaaa', 'cccccc', 'bbbbbb']);
  });

  it('renders only the rows that fit, even with 10,000 tokens', async () => {
    const tokens = Array.from({ length: 10_000 }, (_, index) => token(`t${String(index).padStart(5, '0')}`, { expiresAt: T0 + (index + 1) * MINUTE }));
    const app = open({ tokens, rows: 24 });
    await app.waitForText('10000 tokens');
    expect(app.lines()).toHaveLength(24);
    app.ui.write(keysFor('list.bottom'));
    await app.ui.waitForFrame(() => selectedRow(app).includes('t09999'));
    expect(app.lines().at(-1)).toContain('10000/10000');
  });
});

describe('terminal', () => {
  it('shows a too-small message and re-lays out on resize', async () => {
    const app = open({ tokens: threeTokens, columns: 50, rows: 10 });
    await app.waitForText('terminal too small (need 60×12, have 50×10)');
    app.ui.resize(80, 12);
    await app.waitForText('aaaaaa');
    expect(app.lines()).toHaveLength(12);
    app.ui.resize(120, 30);
    await app.ui.waitForFrame(() => app.lines().length === 30);
    expect(app.lines()[2]).toContain('EXPIRES'); // wide enough for every column again
  });

  it('writes colour by default and none at all under NO_COLOR, keeping urgency in text', async () => {
    chalk.level = 1;
    const coloured = open({ tokens: threeTokens });
    await coloured.waitForText('aaaaaa');
    expect(coloured.ui.lastFrame()).toMatch(/\u001b\[\d+m/);
    coloured.ui.unmount();

    applyColorPolicy(false, { NO_COLOR: '1' });
    const plain = open({ tokens: threeTokens });
    const frame = await plain.waitForText('aaaaaa');
    expect(frame).not.toContain('\u001b[');
    expect(frame).toContain('◐ 10:00');
    expect(frame).toContain('● 2h0m');
    expect(frame).toMatch(/^›★? /m); // the selection survives without inverse video
  });
});

describe('read-only and disabled commands', () => {
  it('lists unavailable commands with their reason and hides mutations in read-only mode', async () => {
    const app = open({ tokens: threeTokens, rows: 60 });
    await app.waitForText('aaaaaa');
    app.ui.write(keysFor('app.help'));
    const help = await app.waitForText('Token actions');
    expect(help).toMatch(/r +Rotate the selected token .*\(disabled: this backend cannot create tokens\)/);
    expect(help).toMatch(/d +Revoke the selected or marked tokens \(impact preview first\)\n/);
    app.ui.unmount();

    const readonly = open({ tokens: threeTokens, rows: 60, readonly: true });
    await readonly.waitForText('[READ-ONLY]');
    readonly.ui.write(keysFor('app.help'));
    const readonlyHelp = await readonly.waitForText('Token actions');
    expect(readonlyHelp).not.toContain('Revoke');
    expect(readonlyHelp).not.toContain('Create a token');
    readonly.ui.write(keysFor('help.back') === '\u001b' ? '?' : keysFor('help.back'));
    await readonly.waitForText('sort: expiry');
    readonly.ui.write('d');
    await readonly.waitForText('read-only mode');
  });
});

describe('header', () => {
  it('shows context, adapter, server and the DEMO label', async () => {
    const app = open({ tokens: threeTokens, demo: true });
    const frame = await app.waitForText('● live');
    expect(app.lines()[0]).toMatch(/test-context · kubeadm · https:\/\/10\.0\.0\.1:6443 .*\[DEMO\]/);
    expect(frame).not.toContain('READ-ONLY');
  });

  it('follows the watch: reconnecting and stale with the data age, countdowns still running', async () => {
    const app = open({ tokens: [token('abcdef', { expiresAt: T0 + 4 * MINUTE })] });
    await app.waitForText('● live');
    app.backend.emitState('reconnecting', 'watch closed: connection reset');
    await app.waitForText('↻ reconnecting (data 0s old)');
    expect(app.lines()[1]).toContain('watch closed: connection reset');
    app.time.advance(12 * SECOND);
    await app.waitForText('data 12s old');
    expect(rowOf(app, 'abcdef')).toContain('! 03:48');
    app.backend.emitState('stale');
    app.time.advance(SECOND);
    await app.waitForText('✗ stale 13s');
    app.backend.setTokens([token('ghijkl', { expiresAt: T0 + HOUR * 2 })]);
    app.backend.emitState('live');
    await app.waitForText('● live');
    expect(app.lines().some((line) => line.includes('abcdef'))).toBe(false); // the snapshot replaced the list
  });

  it('polls adapters without watch and says when the backend is unreachable', async () => {
    const app = open({ watch: false, tokens: [token('abcdef', { expiresAt: T0 + 4 * MINUTE })], pollIntervalMs: 10 });
    await app.waitForText('● live');
    app.backend.setFailure('connect ECONNREFUSED 10.0.0.1:6443');
    await app.waitForText('ECONNREFUSED');
    app.time.advance(SECOND);
    await app.waitForText('! 03:59');
    await app.waitForText('✗ stale 1s');
    app.backend.setFailure(null);
    app.backend.setTokens([token('ghijkl')]);
    await app.waitForText('ghijkl');
    expect(app.lines()[1]).toContain('● live');
    expect(app.backend.requests.every((request) => request === 'list')).toBe(true);
  });
});

describe('keys from tmux', () => {
  it('handles `send-keys j j Enter`, which Ink delivers as the single string "jj\\r"', async () => {
    const app = open({ tokens: threeTokens });
    await app.waitForText('cccccc');
    app.ui.write('jj\r');
    const frame = await app.waitForText('Expires (UTC)');
    expect(frame).toContain('third');
  });
});

describe('the EXPIRES zone', () => {
  it('is UTC by default, said in the column title; z switches to local time and back', async () => {
    const app = open({ tokens: [token('abcdef', { expiresAt: T0 + 2 * HOUR })] });
    await app.waitForText('abcdef');
    expect(app.lines()[2]).toMatch(/EXPIRES UTC +TTL/);
    app.ui.write(keysFor('list.timeZone'));
    await app.waitForText('EXPIRES in local time (z switches)');
    expect(app.lines()[2]).toMatch(/EXPIRES UTC[+-]\d\d:\d\d +TTL/);
    app.ui.write(keysFor('list.timeZone'));
    await app.waitForText('EXPIRES in UTC (z switches)');
    expect(app.lines()[2]).toMatch(/EXPIRES UTC +TTL/);
  });
});

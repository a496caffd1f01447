// The create wizard in-process: keys named by command, outcomes read from the screen, and every
// "nothing was created" proven on the memory adapter's create-call log.
import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../src/core/errors.ts';
import { MEMORY_CA_HASH, memorySecret } from '../support/memory-mutations.ts';
import { frameLines } from '../support/render.tsx';
import { joinCommandOnScreen } from '../support/tui-flows.ts';
import { HOUR, T0, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { decodeOsc52, unwrapTmux } from './osc52-decode.ts';
import { useAppHarness, type AppHarness } from './render-app.tsx';

const CAN_CREATE = { create: true, joinCommand: true, rotate: 'emulated' } as const;
const SECRET = memorySecret('new001');
const JOIN_COMMAND = `kubeadm join 10.0.0.1:6443 --token ${SECRET} --discovery-token-ca-cert-hash ${MEMORY_CA_HASH}`;

const shownJoinCommand = (frame: string): string => joinCommandOnScreen(frameLines(frame).join('\n'));

const open = useAppHarness((options) => ({ tokens: [token('abcdef', { description: 'workers', expiresAt: T0 + 2 * HOUR })], rows: 24, ...options, capabilities: { ...CAN_CREATE, ...options.capabilities } }));

const backspaces = (count: number): string => keysFor('wizard.deleteChar').repeat(count);

async function openWizard(app: AppHarness): Promise<void> {
  await app.waitForText('abcdef');
  app.ui.write(keysFor('token.create'));
  await app.waitForText('Create a token · step 1 of');
}

/** Through every step with the defaults to the review (description typed). */
async function toReview(app: AppHarness, description = 'rack 7'): Promise<string> {
  await openWizard(app);
  app.ui.write(description + keysFor('wizard.next', 'wizard.next', 'wizard.next', 'wizard.next'));
  return app.waitForText('step 5 of 5: review');
}

/** Review confirmed, the result on screen. */
async function toResult(app: AppHarness): Promise<string> {
  await toReview(app);
  app.ui.write(keysFor('wizard.create'));
  return app.waitForText('✓ token new001 created');
}

describe('create wizard', () => {
  it('walks every step, previews the expiry live, and creates exactly once with the chosen values', async () => {
    const app = open();
    await openWizard(app);
    app.ui.write('rack 7' + keysFor('wizard.next'));
    await app.waitForText('› 24h▏'); // the adapter's default
    app.ui.write(backspaces(3) + '7d');
    await app.waitForText('expires 2026-11-27T12:00:00Z');
    app.time.advance(HOUR); // the shared clock moves the preview
    await app.waitForText('expires 2026-11-27T13:00:00Z');
    app.ui.write(keysFor('wizard.next'));
    await app.waitForText('step 3 of 5: usages');
    app.ui.write(keysFor('wizard.usageDown', 'wizard.toggleUsage'));
    await app.waitForText('› [ ] signing');
    app.ui.write(keysFor('wizard.next') + 'system:bootstrappers:rack7' + keysFor('wizard.next'));
    const review = await app.waitForText('step 5 of 5: review');
    expect(review).toContain('Description   rack 7');
    expect(review).toContain('TTL           7d — expires 2026-11-27T13:00:00Z');
    expect(review).toContain('Usages        authentication');
    expect(review).toContain('Groups        system:bootstrappers:rack7');
    expect(app.backend.createCalls).toEqual([]); // nothing before the final confirmation

    app.ui.write(keysFor('wizard.create'));
    await app.waitForText('✓ token new001 created');
    expect(app.backend.createCalls).toEqual([{ description: 'rack 7', ttlSeconds: 7 * 24 * 3600, usages: ['authentication'], groups: ['system:bootstrappers:rack7'] }]);
    expect(app.journal.records).toEqual([
      {
        time: new Date(T0 + HOUR).toISOString(),
        operator: { user: 'alice', host: 'workstation' },
        context: 'test-context',
        adapter: 'kubeadm',
        server: 'https://10.0.0.1:6443',
        action: 'create',
        tokenId: 'new001',
        confirmation: 'yes',
        outcome: 'success',
      },
    ]);
    expect(app.journal.lines.join('\n')).not.toContain(SECRET.split('.')[1]);
  });

  it('Esc goes back a step with every entered value kept; on the first step it cancels', async () => {
    const app = open();
    await openWizard(app);
    app.ui.write('rack 7' + keysFor('wizard.next') + backspaces(3) + '2h' + keysFor('wizard.next'));
    await app.waitForText('step 3 of 5: usages');
    app.ui.write(keysFor('wizard.back'));
    await app.waitForText('› 2h▏');
    app.ui.write(keysFor('wizard.back'));
    await app.waitForText('› rack 7▏');
    app.ui.write(keysFor('wizard.next', 'wizard.next', 'wizard.next', 'wizard.next'));
    expect(await app.waitForText('step 5 of 5: review')).toContain('TTL           2h');
    // One Esc at a time, as typed (ESC ESC in one chunk reads as Alt+Esc).
    for (const step of ['4 of 5', '3 of 5', '2 of 5', '1 of 5']) {
      app.ui.write(keysFor('wizard.back'));
      await app.waitForText(`step ${step}`);
    }
    app.ui.write(keysFor('wizard.back'));
    await app.waitForText('create cancelled: nothing was created');
    expect(app.backend.createCalls).toEqual([]);
    expect(app.journal.records).toEqual([]);
  });

  it('shows an invalid TTL on the TTL step, while typing and on Enter, and does not move on', async () => {
    // A REST-like backend: no usages or groups, at most 7 days, no "never".
    const ttl = { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 7 * 24 * 3600, allowNever: false };
    const app = open({ capabilities: { ttl, usages: [], defaultUsages: [], groups: false } });
    await openWizard(app);
    app.ui.write(keysFor('wizard.next') + backspaces(2) + '5x');
    await app.waitForText('› 5x▏');
    expect(app.lines()).toContain('✗ invalid duration "5x": unknown unit "x" (use s, m, h, d or w, e.g. 90s, 1h30m, 7d, or "never")'); // live
    app.ui.write(keysFor('wizard.next'));
    const refused = await app.waitForText('hint: e.g. 1h, 24h, 7d');
    expect(refused).toContain('step 2 of 3: time to live');
    app.ui.write(backspaces(2) + '8d' + keysFor('wizard.next'));
    await app.waitForText('✗ TTL must be at most 7d for this backend');
    app.ui.write(backspaces(2) + 'never' + keysFor('wizard.next'));
    await app.waitForText('✗ this backend does not allow tokens that never expire');
    app.ui.write(backspaces(5) + '-1h' + keysFor('wizard.next'));
    expect(await app.waitForText('✗ invalid duration "-1h": a TTL cannot be negative')).toContain('step 2 of 3');
    expect(app.backend.createCalls).toEqual([]);
  });

  it('shows a 403 from the backend on the review with the values kept, and creates once it is allowed', async () => {
    const app = open();
    app.backend.setCreateFailure(new TokenTuiError('forbidden', 'secrets is forbidden: User "alice" cannot create resource "secrets"', { source: 'kubeadm', httpStatus: 403 }));
    await toReview(app);
    app.ui.write(keysFor('wizard.create'));
    const refused = await app.waitForText('✗ not created: kubeadm: secrets is forbidden');
    expect(refused).toContain('step 5 of 5: review');
    expect(refused).toContain('Description   rack 7');
    expect(refused).toContain('TTL           24h');
    expect(app.journal.records.map((record) => [record.action, record.tokenId, record.outcome])).toEqual([['create', '', 'failure']]);

    app.backend.setCreateFailure(null);
    app.ui.write(keysFor('wizard.create'));
    await app.waitForText('✓ token new001 created');
    expect(app.backend.createCalls).toHaveLength(2);
    expect(app.backend.createCalls[1]).toEqual(app.backend.createCalls[0]);
  });

  it('shows a validation error on the step of the field it names, with the value kept', async () => {
    const app = open();
    app.backend.setCreateFailure(new TokenTuiError('validation', 'ttl exceeds the server maximum of 12h', { source: 'kubeadm', field: 'ttl' }));
    await toReview(app);
    app.ui.write(keysFor('wizard.create'));
    const refused = await app.waitForText('✗ not created: kubeadm: ttl exceeds the server maximum of 12h');
    expect(refused).toContain('step 2 of 5: time to live');
    expect(refused).toContain('› 24h▏');
  });
});

describe('create result: the secret, once', () => {
  it('shows the secret and the join command once; after leaving, no frame contains the secret', async () => {
    const app = open();
    const result = await toResult(app);
    expect(result).toContain(`  ${SECRET}`);
    expect(shownJoinCommand(result)).toBe(JOIN_COMMAND);
    expect(result).toContain('This is the only time the secret is shown');
    const shownUntil = app.ui.frames.length;

    app.ui.write(keysFor('result.close'));
    await app.waitForText('token new001 created; its secret is no longer shown anywhere');
    app.ui.write(keysFor('list.down', 'list.details'));
    await app.waitForText('token new001');
    app.time.advance(1000);
    app.ui.write(keysFor('details.back', 'token.create'));
    await app.waitForText('step 1 of 5: description'); // a fresh wizard: nothing carried over
    const later = app.ui.frames.slice(shownUntil).join('\n');
    expect(later).not.toContain(SECRET);
    expect(later).not.toContain(SECRET.split('.')[1]);
  });

  it('y sends the join command and Y the token to the terminal clipboard as OSC 52, saying it cannot be confirmed', async () => {
    const app = open();
    await toResult(app);
    const before = app.ui.frames.length;
    app.ui.write(keysFor('result.copyCommand'));
    await app.waitForText('join command sent to the terminal clipboard (your terminal cannot confirm it)');
    const written = app.ui.frames.slice(before).filter((frame) => frame.includes('\u001b]52;'));
    expect(written).toHaveLength(1);
    expect(decodeOsc52(written[0] ?? '')).toEqual([JOIN_COMMAND]);
    expect(written[0]).not.toContain('\u001bPtmux;');

    app.ui.write(keysFor('result.copyToken'));
    await app.waitForText('token sent to the terminal clipboard');
    expect(decodeOsc52(app.ui.frames.filter((frame) => frame.includes('\u001b]52;')).at(-1) ?? '')).toEqual([SECRET]);
  });

  it('inside tmux wraps the sequence for passthrough as well, and says what tmux needs', async () => {
    const app = open({ env: { TMUX: '/tmp/tmux-1000/default,4242,0' } });
    await toResult(app);
    app.ui.write(keysFor('result.copyCommand'));
    await app.waitForText('inside tmux this needs `set -g');
    expect(app.lines().join(' ')).toContain('`set -g   set-clipboard on` or `allow-passthrough on`');
    const written = app.ui.frames.find((frame) => frame.includes('\u001b]52;')) ?? '';
    const passthrough = written.slice(written.indexOf('\u001bPtmux;'));
    expect(decodeOsc52(written.slice(0, written.indexOf('\u001bPtmux;')))).toEqual([JOIN_COMMAND]);
    expect(decodeOsc52(unwrapTmux(passthrough) ?? '')).toEqual([JOIN_COMMAND]);
  });

  it('v shows the command alone, broken at spaces with shell continuations; Esc returns to the result', async () => {
    const app = open({ columns: 80 });
    await toResult(app);
    app.ui.write(keysFor('result.showAlone'));
    const alone = await app.ui.waitForFrame((frame) => frame.includes('--discovery-token-ca-cert-hash \\') && !frame.includes('This is the only time'));
    const body = frameLines(alone).slice(2, -1).filter((line) => line.trim() !== '');
    expect(body.length).toBeGreaterThan(1);
    expect(body.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    expect(body.join('\n').replaceAll(' \\\n', ' ')).toBe(JOIN_COMMAND);
    expect(alone).not.toContain('This is the only time');
    app.ui.write(keysFor('result.backFromAlone'));
    await app.waitForText('This is the only time the secret is shown');
  });
});

describe('read-only mode', () => {
  it('hides c and r and refuses them without touching the backend', async () => {
    const app = open({ readonly: true });
    await app.waitForText('abcdef');
    const footer = app.lines().at(-1) ?? '';
    expect(footer).not.toMatch(/\bc create\b/);
    expect(footer).not.toMatch(/\br rotate\b/);
    app.ui.write(keysFor('token.create'));
    await app.waitForText('read-only mode: "Create a token (guided)" is not allowed');
    app.ui.write(keysFor('token.rotate'));
    await app.waitForText('read-only mode: "Rotate the selected token (guided plan)" is not allowed');
    expect(app.backend.requests.filter((request) => request !== 'watch')).toEqual([]);
    expect(app.journal.records).toEqual([]);
  });
});

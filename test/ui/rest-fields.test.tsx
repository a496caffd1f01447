// The REST create fields end to end through the TUI, on the reference server (in-process, over
// loopback) with the real rest adapter: the create wizard's scope, max-uses and single-use steps,
// and a rotation of a scoped, 5-use token, whose replacement must be scoped and 5-use (before
// create fields, the wizard dropped both). Every result is read back through the server's API.
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { planReplacement, startRotation, type RotationState } from '../../src/core/rotation-plan.ts';
import type { WireToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { App } from '../../src/ui/app/App.tsx';
import { CONFIRM_DWELL_MS } from '../../src/ui/shared/preview-gate.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { renderFixedSize, type FixedSizeRender } from '../support/render.tsx';
import { FakeTime } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { createMemoryJournal } from './memory-journal.ts';
import { createMemoryRotations } from './memory-rotations.ts';

let server: TestRestServer | undefined;
let adapter: TokenAdapter | undefined;
let ui: FixedSizeRender | undefined;
let time = new FakeTime();
let journal = createMemoryJournal();
const serverLog: string[] = [];
const previousLevel = chalk.level;

afterEach(async () => {
  ui?.unmount();
  await adapter?.close?.();
  await server?.close();
  chalk.level = previousLevel;
  ui = undefined;
  adapter = undefined;
  server = undefined;
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server!.url}/api/v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${server!.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const serverTokens = async (): Promise<readonly WireToken[]> => (await api<WireTokenList>('GET', 'tokens')).items;

/** `journaled`: what the rotation journal holds at start (it may create tokens on the server first). */
async function openTui(journaled?: (adapter: TokenAdapter) => Promise<readonly RotationState[]>): Promise<FixedSizeRender> {
  chalk.level = 0;
  serverLog.length = 0;
  journal = createMemoryJournal();
  server = await startTestRestServer({ log: (line) => serverLog.push(line) });
  time = new FakeTime();
  time.clock.set(Date.now());
  adapter = await createRestAdapter({ adapter: 'rest', context: 'lab', server: server.url, apiKey: server.apiKey }, { clock: time.clock });
  const rotations = createMemoryRotations([], journaled === undefined ? [] : await journaled(adapter));
  ui = renderFixedSize(
    <App adapter={adapter} readonly={false} demo={false} contextLabel="lab" pollIntervalMs={200}
      clock={time.clock} ticks={time.ticks} audit={journal} operator={{ user: 'test', host: 'ci' }}
      verify={{ attempts: 1 }} rotations={rotations} env={{}} />,
    { columns: 120, rows: 30 },
  );
  return ui;
}

const backspaces = (count: number): string => keysFor('wizard.deleteChar').repeat(count);

describe('REST create fields in the TUI, on the reference server', () => {
  it('the create wizard asks for scope and max uses, Tab makes it single-use, and the server gets both', async () => {
    const tui = await openTui();
    await tui.waitForFrame((frame) => frame.includes('live'), 10_000);
    tui.write(keysFor('token.create'));
    await tui.waitForFrame((frame) => frame.includes('step 1 of 5: description'));
    tui.write('gpu rack' + keysFor('wizard.next', 'wizard.next'));
    const scopeStep = await tui.waitForFrame((frame) => frame.includes('step 3 of 5: scope'));
    expect(scopeStep).toContain('What machines joining with this token may join as');
    tui.write('pool:gpu' + keysFor('wizard.next'));
    const usesStep = await tui.waitForFrame((frame) => frame.includes('step 4 of 5: max uses'));
    expect(usesStep).toContain('= unlimited');
    expect(usesStep).toContain('Tab: single-use (1) on or off');
    tui.write(keysFor('wizard.shortcut'));
    await tui.waitForFrame((frame) => frame.includes('= 1 (single-use)'));
    tui.write(keysFor('wizard.next'));
    const review = await tui.waitForFrame((frame) => frame.includes('step 5 of 5: review'));
    expect(review).toMatch(/Scope\s+pool:gpu/);
    expect(review).toMatch(/Max uses\s+1 \(single-use\)/);
    tui.write(keysFor('wizard.create'));
    const result = await tui.waitForFrame((frame) => /✓ token [a-z0-9]{6} created/.test(frame), 10_000);
    const id = /✓ token ([a-z0-9]{6}) created/.exec(result)![1]!;
    expect((await serverTokens()).find((token) => token.id === id)).toMatchObject({ description: 'gpu rack', scope: 'pool:gpu', maxUses: 1 });
  });

  it('a bad max uses stays on its step with the reason, and nothing is sent', async () => {
    const tui = await openTui();
    await tui.waitForFrame((frame) => frame.includes('live'), 10_000);
    tui.write(keysFor('token.create', 'wizard.next', 'wizard.next', 'wizard.next') + '0' + keysFor('wizard.next'));
    await tui.waitForFrame((frame) => frame.includes('max uses must be a whole number from 1 to 1000000'));
    expect(await serverTokens()).toEqual([]);
  });

  it('a TUI rotation of a scoped, 5-use token creates a scoped, 5-use replacement', async () => {
    const tui = await openTui();
    const old = (await api<{ token: WireToken }>('POST', 'tokens', { description: 'rack 12', ttlSeconds: 3600, scope: 'workers', maxUses: 5 })).token;
    await tui.waitForFrame((frame) => frame.includes(old.id) && frame.includes('live'), 10_000);
    tui.write(keysFor('token.rotate'));
    const plan = await tui.waitForFrame((frame) => frame.includes('Replacement · step 2 of 5: time to live'));
    expect(plan).toContain(`Rotate ${old.id}`);
    // The TTL (the backend's default) is replaced by 2h; scope and max uses come from the old token.
    tui.write(backspaces(6) + '2h' + keysFor('wizard.next'));
    const scope = await tui.waitForFrame((frame) => frame.includes('step 3 of 5: scope'));
    expect(scope).toContain('› workers▏');
    tui.write(keysFor('wizard.next'));
    const uses = await tui.waitForFrame((frame) => frame.includes('step 4 of 5: max uses'));
    expect(uses).toContain('› 5▏');
    tui.write(keysFor('wizard.next'));
    const review = await tui.waitForFrame((frame) => frame.includes('step 5 of 5: review'));
    expect(review).toMatch(/Max uses\s+5/);
    tui.write(keysFor('wizard.create'));
    const created = await tui.waitForFrame((frame) => /✓ replacement [a-z0-9]{6} created/.test(frame), 10_000);
    const newId = /✓ replacement ([a-z0-9]{6}) created/.exec(created)![1]!;
    const replacement = (await serverTokens()).find((token) => token.id === newId);
    expect(replacement).toMatchObject({ description: 'rack 12', scope: 'workers', maxUses: 5, uses: 0 });
  });
  it('a resumed rotation (cut off during its create) creates the replacement with the old token\'s scope and max uses, as journaled', async () => {
    let old: WireToken | undefined;
    const tui = await openTui(async (opened) => {
      old = (await api<{ token: WireToken }>('POST', 'tokens', { description: 'rack 14', ttlSeconds: 3600, scope: 'workers', maxUses: 5 })).token;
      const oldToken = await opened.get(old.id);
      const { context, server: url } = opened.target;
      // The journal of an earlier run that died while its create was in flight: nothing of it reached the server.
      return [startRotation({ rotationId: 'r-cut', old: oldToken, adapter: opened.id, context, server: url, capabilities: opened.capabilities, replacement: planReplacement(oldToken, opened.capabilities).request, now: time.clock.now() - 60_000 })];
    });
    const offer = await tui.waitForFrame((frame) => frame.includes('Unfinished rotation') && frame.includes(old!.id), 10_000);
    expect(offer).toContain('Enter resumes from the next step');
    tui.write(keysFor('interrupted.resume'));
    const review = await tui.waitForFrame((frame) => frame.includes('review') && frame.includes('Max uses'));
    expect(review).toMatch(/Scope\s+workers/);
    expect(review).toMatch(/Max uses\s+5/);
    tui.write(keysFor('wizard.create'));
    const created = await tui.waitForFrame((frame) => /✓ replacement [a-z0-9]{6} created/.test(frame), 10_000);
    const newId = /✓ replacement ([a-z0-9]{6}) created/.exec(created)![1]!;
    const tokens = await serverTokens();
    expect(tokens.find((token) => token.id === newId)).toMatchObject({ description: 'rack 14', scope: 'workers', maxUses: 5, replaces: old!.id });
    // One replacement: the old token and it, nothing else.
    expect(tokens.map((token) => token.id).sort()).toEqual([old!.id, newId].sort());
  });
});

describe('make default in the TUI, on the reference server', () => {
  const makeDefaultPosts = () => serverLog.filter((line) => /^POST \/api\/v1\/tokens\/[^/]+\/make-default /.test(line));

  /** A scoped default token and a scoped, 5-use `description` token; the cursor on the latter. */
  async function defaultAndNext(tui: FixedSizeRender, description: string): Promise<{ current: WireToken; next: WireToken }> {
    const current = (await api<{ token: WireToken }>('POST', 'tokens', { description: 'fleet', ttlSeconds: 7200, scope: 'workers' })).token;
    await api('POST', `tokens/${current.id}/make-default`);
    const next = (await api<{ token: WireToken }>('POST', 'tokens', { description, ttlSeconds: 7200, scope: 'edge', maxUses: 5 })).token;
    serverLog.length = 0;
    await tui.waitForFrame((frame) => frame.includes(next.id) && frame.includes('live'), 10_000);
    // Select the new token (rows sort by expiry: find it by moving down until the cursor is on it).
    for (let moves = 0; moves < 5 && !(tui.lastFrame() ?? '').split('\n').some((line) => line.startsWith('›') && line.includes(next.id)); moves++) {
      tui.write(keysFor('list.down'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { current, next };
  }

  it('m previews what changes for machines that use the default; Esc changes nothing; y makes it the default', async () => {
    const tui = await openTui();
    const { current, next } = await defaultAndNext(tui, 'wave 3');
    tui.write(keysFor('token.makeDefault'));
    // A preview like a revoke's: its confirmation opens once it was on screen for the dwell.
    await tui.waitForFrame((frame) => frame.includes('⏸ confirming opens in'));
    time.advance(CONFIRM_DWELL_MS);
    const preview = await tui.waitForFrame((frame) => frame.includes(`y/Enter: make ${next.id} the default`));
    expect(preview).toContain(`current default: ${current.id}`);
    expect(preview).toContain(`instead of ${current.id} ("fleet")`);
    expect(preview).toContain('scope "edge" instead of "workers"');
    tui.write(keysFor('makeDefault.cancel'));
    await tui.waitForFrame((frame) => frame.includes('the default was not changed'));
    expect(makeDefaultPosts()).toEqual([]);

    tui.write(keysFor('token.makeDefault'));
    await tui.waitForFrame((frame) => frame.includes('⏸ confirming opens in'));
    time.advance(CONFIRM_DWELL_MS);
    await tui.waitForFrame((frame) => frame.includes(`y/Enter: make ${next.id} the default`));
    tui.write(keysFor('makeDefault.confirm'));
    await tui.waitForFrame((frame) => frame.includes(`✓ ${next.id} is now the default token (read back)`), 10_000);
    expect(makeDefaultPosts()).toHaveLength(1);
    expect((await serverTokens()).find((token) => token.isDefault)?.id).toBe(next.id);
    expect(journal.records.map((record) => [record.action, record.tokenId, record.confirmation, record.outcome])).toEqual([['make-default', next.id, 'yes', 'success']]);
    expect(journal.records[0]).toMatchObject({ context: 'lab', adapter: 'rest', server: server!.url });
  });

  it('m: a y pressed before the preview was on screen for the dwell (the m y habit) changes nothing; after it, y counts', async () => {
    const tui = await openTui();
    const next = (await api<{ token: WireToken }>('POST', 'tokens', { description: 'wave 4', ttlSeconds: 7200, scope: 'edge' })).token;
    serverLog.length = 0;
    await tui.waitForFrame((frame) => frame.includes(next.id) && frame.includes('live'), 10_000);
    tui.write(keysFor('token.makeDefault'));
    await tui.waitForFrame((frame) => frame.includes('⏸ confirming opens in'));
    // The y of a habit, the moment the preview appears.
    tui.write(keysFor('makeDefault.confirm'));
    const shut = await tui.waitForFrame((frame) => frame.includes('y/Enter ignored: preview shown under 0.6 s ago — nothing was confirmed'), 10_000);
    expect(shut).toContain('⏸ confirming opens in');
    time.advance(CONFIRM_DWELL_MS - 1);
    tui.write(keysFor('makeDefault.confirm'));
    await tui.waitForFrame((frame) => frame.includes('⏸ confirming opens in 0.1 s'));
    expect(makeDefaultPosts()).toEqual([]);
    time.advance(1);
    await tui.waitForFrame((frame) => frame.includes(`y/Enter: make ${next.id} the default`));
    tui.write(keysFor('makeDefault.confirm'));
    await tui.waitForFrame((frame) => frame.includes(`✓ ${next.id} is now the default token (read back)`), 10_000);
    expect(makeDefaultPosts()).toHaveLength(1);
  });

  it('m on a terminal too short for the preview: y counts only once every line was on screen', async () => {
    const tui = await openTui();
    tui.resize(120, 12);
    const { next } = await defaultAndNext(tui, 'wave 5');
    tui.write(keysFor('token.makeDefault'));
    await tui.waitForFrame((frame) => /read the whole preview first: \d+ more lines? below/.test(frame));
    time.advance(CONFIRM_DWELL_MS);
    tui.write(keysFor('makeDefault.confirm'));
    await tui.waitForFrame((frame) => /y\/Enter ignored: \d+ more lines? not yet on screen — nothing was confirmed/.test(frame));
    expect(makeDefaultPosts()).toEqual([]);
    for (let page = 0; page < 5 && !(tui.lastFrame() ?? '').includes(`y/Enter: make ${next.id} the default`); page++) {
      tui.write(keysFor('makeDefault.pageDown'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await tui.waitForFrame((frame) => frame.includes(`y/Enter: make ${next.id} the default`));
    tui.write(keysFor('makeDefault.confirm'));
    await tui.waitForFrame((frame) => frame.includes(`✓ ${next.id} is now the default token (read back)`), 10_000);
    expect(makeDefaultPosts()).toHaveLength(1);
  });
});

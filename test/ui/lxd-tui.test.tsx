// The lxd adapter in the TUI, in-process: the real adapter over the in-process LXD
// (test/support/fake-lxd.ts), whose request log proves that nothing changes the server before
// the typed confirmation. What the contract's generic capabilities give it: the NAME and KIND
// columns, the create form's server-set TTL, its kind and a trust token's projects as create
// fields (a wizard step each, kept by a rotation), `:server-ttl` as its own confirmed action.
import chalk from 'chalk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLxdAdapter, type LxdTokenAdapter } from '../../src/adapters/lxd/index.ts';
import { planReplacement, startRotation, type RotationState } from '../../src/core/rotation-plan.ts';
import { App } from '../../src/ui/app/App.tsx';
import { CONFIRM_DWELL_MS } from '../../src/ui/shared/preview-gate.ts';
import { startFakeLxd, type FakeLxd } from '../support/fake-lxd.ts';
import { renderFixedSize, type FixedSizeRender } from '../support/render.tsx';
import { FakeTime, T0 } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { createMemoryJournal, type MemoryJournal } from './memory-journal.ts';
import { createMemoryRotations } from './memory-rotations.ts';

const WAIT = 8_000;
let ui: FixedSizeRender | undefined;
const originalChalkLevel = chalk.level;

beforeEach(() => {
  chalk.level = 0;
});
afterEach(() => {
  ui?.unmount();
  ui = undefined;
  chalk.level = originalChalkLevel;
});

interface Opened {
  readonly app: FixedSizeRender;
  readonly fake: FakeLxd;
  readonly journal: MemoryJournal;
  readonly adapter: LxdTokenAdapter;
  readonly time: FakeTime;
}

/** `journaled`: what the rotation journal holds at start (it may create tokens first). */
async function open(projects?: string[], journaled?: (adapter: LxdTokenAdapter) => Promise<readonly RotationState[]>): Promise<Opened> {
  const time = new FakeTime(T0);
  const fake = startFakeLxd({ now: () => time.clock.now(), ...(projects === undefined ? {} : { projects }) });
  fake.addJoinToken('lxd-4');
  const adapter = await createLxdAdapter({ adapter: 'lxd', context: 'lxc:lab', endpoint: { kind: 'unix', socketPath: '/fake.socket' } }, { clock: time.clock, request: fake.request, openEvents: fake.openEvents });
  const journal = createMemoryJournal();
  const rotations = createMemoryRotations([], journaled === undefined ? [] : await journaled(adapter));
  ui = renderFixedSize(
    <App adapter={adapter} readonly={false} demo={false} contextLabel="lxc:lab" pollIntervalMs={20} clock={time.clock} ticks={time.ticks} audit={journal} operator={{ user: 'alice', host: 'workstation' }} rotations={rotations} verify={{ attempts: 1 }} env={{}} />,
    { columns: 140, rows: 36 },
  );
  return { app: ui, fake, journal, adapter, time };
}

const patches = (fake: FakeLxd) => fake.log.filter((request) => request.method === 'PATCH');
const posts = (fake: FakeLxd) => fake.log.filter((request) => request.method === 'POST');

/** Moves the list's cursor onto the row of `name`. */
async function select(app: FixedSizeRender, name: string): Promise<void> {
  for (let moves = 0; moves < 5 && !(app.lastFrame() ?? '').split('\n').some((line) => line.startsWith('›') && line.includes(` ${name} `)); moves++) {
    app.write(keysFor('list.down'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect((app.lastFrame() ?? '').split('\n').some((line) => line.startsWith('›') && line.includes(` ${name} `))).toBe(true);
}

describe('lxd in the TUI', () => {
  it("titles the table's columns with the adapter's words: NAME and KIND", async () => {
    const { app } = await open();
    const frame = await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    expect(frame).toMatch(/ID\s+NAME\s+KIND\s+LEFT\s+EXPIRES UTC\s+TTL/);
    expect(frame).toMatch(/lxd-4\s+join\s+1/);
    expect(frame).toContain('● live');
  });

  it('shows the TTL the server sets in the create form, where nothing can be typed', async () => {
    const { app } = await open();
    await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    app.write(keysFor('token.create'));
    const nameStep = await app.waitForFrame((text) => text.includes('step 1 of 4: name'), WAIT);
    expect(nameStep).toContain("The new cluster member's name");
    app.write('lxd-5');
    app.write(keysFor('wizard.next'));
    const ttlStep = await app.waitForFrame((text) => text.includes('step 2 of 4: time to live'), WAIT);
    expect(ttlStep).toContain('2h  (cluster.join_token_expiry = 2H: every join token created from now');
    expect(ttlStep).toContain(':server-ttl DUR changes cluster.join_token_expiry');
    // Typing and Tab change nothing: the lifetime is the server's.
    app.write('5m\t');
    app.write(keysFor('wizard.next'));
    // A join token by default: no projects step.
    const kindStep = await app.waitForFrame((text) => text.includes('step 3 of 4: kind'), WAIT);
    expect(kindStep).toContain('› (•) join');
    app.write(keysFor('wizard.next'));
    const review = await app.waitForFrame((text) => text.includes('step 4 of 4: review'), WAIT);
    expect(review).toMatch(/Name\s+lxd-5/);
    expect(review).toMatch(/TTL\s+2h — expires .* \(set by the server\)/);
    expect(review).toMatch(/Kind\s+join/);
    expect(review).not.toContain('Projects');
  });

  it('creates a trust token restricted to a project through the kind and projects steps; nothing is sent before the review', async () => {
    const { app, fake } = await open(['default', 'web']);
    await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    const before = posts(fake).length;
    app.write(keysFor('token.create'));
    await app.waitForFrame((text) => text.includes('step 1 of 4: name'), WAIT);
    app.write('ci-runner' + keysFor('wizard.next', 'wizard.next'));
    await app.waitForFrame((text) => text.includes('step 3 of 4: kind'), WAIT);
    app.write(keysFor('wizard.choiceDown'));
    const trust = await app.waitForFrame((text) => text.includes('step 3 of 5: kind'), WAIT);
    expect(trust).toContain('› (•) trust');
    app.write(keysFor('wizard.next'));
    const projects = await app.waitForFrame((text) => text.includes('step 4 of 5: projects'), WAIT);
    expect(projects).toContain('Trust tokens only');
    expect(projects).toContain('= all (not restricted)');
    app.write('web');
    await app.waitForFrame((text) => text.includes('= web'), WAIT);
    app.write(keysFor('wizard.next'));
    const review = await app.waitForFrame((text) => text.includes('step 5 of 5: review'), WAIT);
    expect(review).toMatch(/Kind\s+trust/);
    expect(review).toMatch(/Projects\s+web/);
    expect(posts(fake)).toHaveLength(before);
    app.write(keysFor('wizard.create'));
    await app.waitForFrame((text) => /✓ token [0-9a-f-]{36} created/.test(text), WAIT);
    expect(posts(fake).slice(before)).toMatchObject([{ path: '/1.0/certificates', body: { name: 'ci-runner', type: 'client', token: true, restricted: true, projects: ['web'] } }]);
  });

  it('a rotation of a restricted trust token creates a replacement of the same kind, restricted the same way', async () => {
    const { app, fake, adapter } = await open(['default', 'web']);
    const old = await adapter.create!({ description: 'ci-old', ttlSeconds: adapter.capabilities.ttl.defaultSeconds, fields: { kind: 'trust', projects: ['web'] } });
    await app.waitForFrame((text) => text.includes('ci-old'), WAIT);
    await select(app, 'ci-old');
    const before = posts(fake).length;
    app.write(keysFor('token.rotate'));
    await app.waitForFrame((text) => text.includes('Replacement · step 2 of 5: time to live'), WAIT);
    app.write(keysFor('wizard.next'));
    const kind = await app.waitForFrame((text) => text.includes('step 3 of 5: kind'), WAIT);
    expect(kind).toContain('› (•) trust');
    app.write(keysFor('wizard.next'));
    const projects = await app.waitForFrame((text) => text.includes('step 4 of 5: projects'), WAIT);
    expect(projects).toContain('› web▏');
    app.write(keysFor('wizard.next'));
    const review = await app.waitForFrame((text) => text.includes('step 5 of 5: review'), WAIT);
    expect(review).toMatch(/Projects\s+web/);
    app.write(keysFor('wizard.create'));
    await app.waitForFrame((text) => /✓ replacement [0-9a-f-]{36} created/.test(text), WAIT);
    expect(posts(fake).slice(before)).toMatchObject([{ path: '/1.0/certificates', body: { name: 'ci-old', type: 'client', token: true, restricted: true, projects: ['web'] } }]);
    const replacement = (await adapter.list()).find((token) => token.description === 'ci-old' && token.id !== old.token.id);
    expect(replacement).toMatchObject({ scope: 'trust projects=web', fields: { kind: 'trust', projects: ['web'] } });
  });

  it('a resumed rotation of a restricted trust token (cut off during its create) creates the same kind, restricted the same way', async () => {
    let oldId = '';
    const { app, fake, adapter } = await open(['default', 'web'], async (opened) => {
      const created = await opened.create!({ description: 'ci-cut', ttlSeconds: opened.capabilities.ttl.defaultSeconds, fields: { kind: 'trust', projects: ['web'] } });
      oldId = created.token.id;
      const old = await opened.get(oldId);
      const { context, server } = opened.target;
      return [startRotation({ rotationId: 'r-cut', old, adapter: opened.id, context, server, capabilities: opened.capabilities, replacement: planReplacement(old, opened.capabilities).request, now: T0 - 60_000 })];
    });
    await app.waitForFrame((text) => text.includes('Unfinished rotation') && text.includes(oldId), WAIT);
    const before = posts(fake).length;
    app.write(keysFor('interrupted.resume'));
    const review = await app.waitForFrame((text) => text.includes('review') && text.includes('Projects'), WAIT);
    expect(review).toMatch(/Kind\s+trust/);
    expect(review).toMatch(/Projects\s+web/);
    app.write(keysFor('wizard.create'));
    await app.waitForFrame((text) => /✓ replacement [0-9a-f-]{36} created/.test(text), WAIT);
    // LXD keeps no `replaces` (capabilities.recordsReplaces is false): the request carries only what LXD takes.
    expect(posts(fake).slice(before)).toMatchObject([{ path: '/1.0/certificates', body: { name: 'ci-cut', type: 'client', token: true, restricted: true, projects: ['web'] } }]);
    expect(JSON.stringify(posts(fake).slice(before))).not.toContain('replaces');
    const replacement = (await adapter.list()).find((token) => token.description === 'ci-cut' && token.id !== oldId);
    expect(replacement).toMatchObject({ scope: 'trust projects=web', fields: { kind: 'trust', projects: ['web'] } });
  });

  it(':server-ttl 45m changes cluster.join_token_expiry only after the server name is typed, audited, and the create form follows', async () => {
    const { app, fake, journal, time } = await open();
    await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    app.write(`${keysFor('command.line')}server-ttl 45m${keysFor('command.run')}`);
    // The plan is a preview like a revoke's: the typed name counts once it was on screen for the dwell.
    await app.waitForFrame((text) => text.includes('⏸ confirming opens in'), WAIT);
    time.advance(CONFIRM_DWELL_MS);
    const plan = await app.waitForFrame((text) => text.includes("Type the server's name lxd-1 to change it"), WAIT);
    expect(plan).toMatch(/Setting\s+cluster\.join_token_expiry/);
    expect(plan).toMatch(/Now\s+2H/);
    expect(plan).toMatch(/New\s+45m/);
    expect(plan).toContain('Tokens that exist keep their expiry');

    app.write(`lxd-2${keysFor('serverTtl.confirm')}`);
    await app.waitForFrame((text) => text.includes("type the server's name lxd-1 exactly; nothing was sent"), WAIT);
    expect(patches(fake)).toEqual([]);
    expect(journal.records).toEqual([]);

    app.write(`${keysFor('serverTtl.deleteChar')}1${keysFor('serverTtl.confirm')}`);
    await app.waitForFrame((text) => text.includes('✓ cluster.join_token_expiry is now 45M (was 2H)'), WAIT);
    expect(patches(fake)).toHaveLength(1);
    expect(fake.config['cluster.join_token_expiry']).toBe('45M');
    expect(journal.records).toMatchObject([{ action: 'server-ttl', tokenId: 'cluster.join_token_expiry', confirmation: 'typed-id', outcome: 'success', adapter: 'lxd', context: 'lxc:lab' }]);

    app.write(keysFor('serverTtl.done'));
    await app.waitForFrame((text) => text.includes('lxd-4') && !text.includes('cluster.join_token_expiry is now'), WAIT);
    app.write(keysFor('token.create'));
    await app.waitForFrame((text) => text.includes('step 1 of 4: name'), WAIT);
    app.write(`lxd-6${keysFor('wizard.next')}`);
    const ttlStep = await app.waitForFrame((text) => text.includes('step 2 of 4: time to live'), WAIT);
    expect(ttlStep).toContain('45m  (cluster.join_token_expiry = 45M');
  });

  it(':server-ttl: the name typed (and Enter) before the plan was on screen for the dwell, or while lines are unread, changes nothing', async () => {
    const { app, fake, journal, time } = await open();
    await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    // Typed ahead, in the same chunk as the command: the plan appears, then the name and Enter land on it at once.
    app.write(`${keysFor('command.line')}server-ttl 45m${keysFor('command.run')}lxd-1${keysFor('serverTtl.confirm')}`);
    const shut = await app.waitForFrame((text) => text.includes('Enter ignored: preview shown under 0.6 s ago — nothing was confirmed'), WAIT);
    expect(shut).toContain('⏸ confirming opens in');
    expect(shut).not.toContain('lxd-1▏');
    time.advance(CONFIRM_DWELL_MS);
    const opened = await app.waitForFrame((text) => text.includes("Type the server's name lxd-1 to change it: ▏"), WAIT);
    expect(opened).not.toContain('is now 45M');
    expect(patches(fake)).toEqual([]);
    expect(journal.records).toEqual([]);
  });

  it(':server-ttl on a terminal too short for the plan: the name counts only after scrolling to its end', { timeout: 20_000 }, async () => {
    const { app, fake, time } = await open();
    await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    app.resize(60, 12);
    // The plan must first appear at the small size (what was once on screen stays seen across a resize).
    await app.waitForFrame((text) => text.split('\n').every((line) => line.length <= 60), WAIT);
    app.write(`${keysFor('command.line')}server-ttl 45m${keysFor('command.run')}`);
    await app.waitForFrame((text) => /read the whole preview first: \d+ more lines? below/.test(text), WAIT);
    time.advance(CONFIRM_DWELL_MS);
    app.write(keysFor('serverTtl.confirm'));
    await app.waitForFrame((text) => /Enter ignored: \d+ more lines? not yet on screen/.test(text), WAIT);
    for (let page = 0; page < 5 && !(app.lastFrame() ?? '').includes("Type the server's name"); page++) {
      app.write(keysFor('serverTtl.pageDown'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await app.waitForFrame((text) => text.includes("Type the server's name lxd-1 to change it"), WAIT);
    app.write(`lxd-1${keysFor('serverTtl.confirm')}`);
    await app.waitForFrame((text) => text.includes('is now 45M'), WAIT);
    expect(patches(fake)).toHaveLength(1);
  });

  it(':server-ttl alone shows the setting and changes nothing', async () => {
    const { app, fake } = await open();
    await app.waitForFrame((text) => text.includes('lxd-4'), WAIT);
    app.write(`${keysFor('command.line')}server-ttl${keysFor('command.run')}`);
    const shown = await app.waitForFrame((text) => text.includes("The server's token lifetime"), WAIT);
    expect(shown).toMatch(/Now\s+2H/);
    expect(shown).toContain("To change it: :server-ttl DUR (e.g. :server-ttl 45m), confirmed with the server's name lxd-1.");
    app.write(keysFor('serverTtl.leave'));
    await app.waitForFrame((text) => !text.includes("The server's token lifetime"), WAIT);
    expect(patches(fake)).toEqual([]);
  });
});

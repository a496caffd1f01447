// The rotate screen in-process: the plan executed step by step, each step journaled before the
// next request, the old token revoked only after the typed confirmation, and interrupted
// rotations resumed without a second create. Proofs come from one timeline: the memory adapter's
// request log, into which the rotation journal writes too ('journal <status> <step>').
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextStep, planReplacement, startRotation, type RotationState } from '../../src/core/rotation-plan.ts';
import type { Token } from '../../src/core/token.ts';
import { openRotationJournal } from '../../src/journals/rotation-journal.ts';
import { memoryCapabilities } from '../support/memory-adapter.ts';
import { memorySecret } from '../support/memory-mutations.ts';
import { frameLines } from '../support/render.tsx';
import { HOUR, MINUTE, T0, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { useAppHarness, type AppHarness } from './render-app.tsx';

let stateDir: string | undefined;

const CAN_ROTATE = { create: true, joinCommand: true, rotate: 'emulated' } as const;
const OLD = token('abcdef', { description: 'workers', expiresAt: T0 + 2 * HOUR });
const IMPACT = { abcdef: { items: [{ kind: 'join-in-progress' as const, subject: 'node-7', detail: 'pending CSR csr-x7k2' }] } };

const open = useAppHarness((options) => ({ tokens: [OLD], impacts: IMPACT, rows: 30, ...options, capabilities: { ...CAN_ROTATE, ...options.capabilities } }));

afterEach(() => {
  if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
  stateDir = undefined;
});

/** The timeline without the watch. */
const timeline = (app: AppHarness): string[] => app.backend.requests.filter((request) => request !== 'watch');

/** Retries `check` until it holds (a journal write lands just after the frame it belongs to). */
async function eventually(check: () => void, timeoutMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** r, then Enter through TTL, usages and groups to the review, then Enter creates. */
async function createReplacement(app: AppHarness): Promise<string> {
  await app.waitForText('abcdef');
  app.ui.write(keysFor('token.rotate'));
  await app.waitForText('Replacement · step 2 of 5: time to live');
  app.ui.write(keysFor('wizard.next', 'wizard.next', 'wizard.next'));
  await app.waitForText('Replacement · step 5 of 5: review');
  app.ui.write(keysFor('wizard.create'));
  return app.waitForText('✓ replacement new001 created');
}

/** The replacement created and its secret screen left: the old token's preview, its gate open on `prompt`. */
async function toOldTokenPreview(app: AppHarness, prompt: string): Promise<string> {
  await createReplacement(app);
  app.ui.write(keysFor('result.close'));
  return app.afterDwell(prompt);
}

/** A journaled rotation of OLD, interrupted right after its replacement `newId` was created. */
function interruptedAfterCreate(newId: string): RotationState {
  const capabilities = memoryCapabilities(CAN_ROTATE);
  const started = startRotation({
    rotationId: 'r-interrupted',
    old: OLD,
    adapter: 'kubeadm',
    context: 'test-context',
    server: 'https://10.0.0.1:6443',
    capabilities,
    replacement: planReplacement(OLD, capabilities).request,
    now: T0 - 10 * MINUTE,
  });
  return nextStep(started, { type: 'replacement-created', newTokenId: newId, at: T0 - 9 * MINUTE });
}

const replacementToken = (id: string): Token => token(id, { description: 'workers', expiresAt: T0 + 22 * HOUR });

describe('rotate: the plan, step by step', () => {
  it('shows the plan, journals every step before the next request, and revokes only after the typed id', async () => {
    const app = open();
    await app.waitForText('abcdef');
    app.ui.write(keysFor('token.rotate'));
    const plan = await app.waitForText('Replacement · step 2 of 5: time to live');
    expect(plan).toContain('Rotate abcdef');
    expect(plan).toMatch(/▸ 1\. create the replacement\n +· 2\. show the replacement once\n +· 3\. preview the old token's impact\n +· 4\. confirm\n +· 5\. revoke the old token\n +· 6\. summary/);
    expect(plan).toContain('› 24h▏'); // the old token's TTL length is unknown: the backend's default
    expect(timeline(app)).toEqual([]); // nothing journaled or sent while the replacement is edited

    app.ui.write(keysFor('wizard.next', 'wizard.next', 'wizard.next', 'wizard.create'));
    const shown = await app.waitForText('✓ replacement new001 created');
    expect(shown).toContain(memorySecret('new001'));
    expect(shown).toContain('✓ 1. create the replacement');
    expect(app.backend.createCalls).toEqual([{ description: 'workers', ttlSeconds: 86_400, usages: ['authentication', 'signing'], groups: OLD.groups }]);

    app.ui.write(keysFor('result.close'));
    await app.afterDwell('Type abcdef to revoke it');
    app.ui.write('abcdeX' + keysFor('revoke.submit'));
    await app.waitForText('"abcdeX" does not match the token id — nothing was revoked');
    expect(app.backend.revokeCalls).toEqual([]);
    app.ui.write(keysFor('revoke.deleteChar') + 'f' + keysFor('revoke.submit'));
    const summary = await app.waitForText('✓ abcdef replaced by new001 and revoked');
    expect(summary).toContain('▸ 6. summary');
    await eventually(() => expect(timeline(app)).toEqual([
      'journal in-progress create-replacement',
      'create workers',
      'journal in-progress show-replacement new=new001',
      'joinCommand new001',
      'journal in-progress preview-old-impact new=new001',
      'impact abcdef',
      'journal in-progress confirm new=new001',
      'journal in-progress revoke-old new=new001',
      'revoke abcdef uid-abcdef:1',
      'get abcdef',
      'journal in-progress summary new=new001',
    ]));
    app.ui.write(keysFor('rotate.close'));
    await app.waitForText('rotated abcdef → new001: abcdef revoked');
    await eventually(() => expect(timeline(app).at(-1)).toBe('journal removed'));
    expect(app.rotations.records.size).toBe(0);
    expect(app.journal.records.map((record) => [record.action, record.tokenId, record.confirmation, record.outcome])).toEqual([
      ['create', 'new001', 'yes', 'success'],
      ['rotate', 'abcdef', 'typed-id', 'success'],
    ]);
    expect(app.journal.records[1]?.impact?.summary).toBe('1 join in progress');
  });

  it('asks the backend to record what the replacement replaces, where it can (capabilities.recordsReplaces)', async () => {
    const app = open({ capabilities: { recordsReplaces: true } });
    await createReplacement(app);
    expect(app.backend.createCalls).toEqual([expect.objectContaining({ description: 'workers', replaces: 'abcdef' })]);
  });

  it('makes the replacement the default where the backend has defaults and the old token was it', async () => {
    const app = open({ id: 'rest', tokens: [{ ...OLD, isDefault: true }], capabilities: { makeDefault: true } });
    await createReplacement(app);
    expect(app.lines().join('\n')).toContain('· 3. make the replacement the default');
    app.ui.write(keysFor('result.close'));
    await app.afterDwell('Type abcdef to revoke it');
    await eventually(() =>
      expect(timeline(app).slice(3)).toEqual([
        'joinCommand new001',
        'journal in-progress make-default new=new001',
        'makeDefault new001',
        'journal in-progress preview-old-impact new=new001',
        'impact abcdef',
        'journal in-progress confirm new=new001',
      ]),
    );
    expect(app.journal.records.map((record) => [record.action, record.tokenId, record.outcome])).toContainEqual(['make-default', 'new001', 'success']);
  });

  it('stops at the confirmation on n: the old token and the replacement both stay', async () => {
    const app = open({ impacts: {} });
    await toOldTokenPreview(app, 'Revoke abcdef? y/Enter revokes');
    app.ui.write(keysFor('revoke.decline'));
    await app.waitForText('Stopped before the revoke: abcdef was NOT revoked; replacement new001 stays.');
    app.ui.write(keysFor('rotate.close'));
    await app.waitForText('rotation stopped: replacement new001 kept; abcdef NOT revoked — r on abcdef resumes it with the same replacement');
    expect(app.backend.revokeCalls).toEqual([]);
    expect(app.backend.tokens.map((item) => item.id).sort()).toEqual(['abcdef', 'new001']);
    // Kept, stopped: one rotation per old token (issue 14).
    await eventually(() => expect([...app.rotations.records.values()].map((rotation) => [rotation.status, rotation.newTokenId])).toEqual([['stopped', 'new001']]));
  });

  it('Esc at the confirmation, then r on the same token: resumes with the same replacement (no second create) and revokes it', async () => {
    const app = open();
    await toOldTokenPreview(app, 'Type abcdef to revoke it');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('Stopped before the revoke');
    app.ui.write(keysFor('rotate.close'));
    await app.waitForText('r on abcdef resumes it');
    app.ui.write(keysFor('token.rotate'));
    const resumed = await app.waitForText('resuming the rotation of abcdef');
    expect(resumed).toContain('Rotate abcdef → new001');
    expect(resumed).not.toContain('Replacement · step');
    await app.afterDwell('Type abcdef to revoke it');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef replaced by new001 and revoked');
    expect(app.backend.createCalls).toHaveLength(1);
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['abcdef']);
    expect(app.journal.records.map((record) => [record.action, record.tokenId, record.outcome, record.replaces ?? record.replacedBy])).toEqual([
      ['create', 'new001', 'success', 'abcdef'],
      ['rotate', 'abcdef', 'success', 'new001'],
    ]);
  });

  it('a stopped rotation can be abandoned from its summary, which then offers to revoke the replacement through its preview', async () => {
    const app = open({ impacts: {} });
    await toOldTokenPreview(app, 'Revoke abcdef? y/Enter revokes');
    app.ui.write(keysFor('revoke.decline'));
    await app.waitForText('Stopped before the revoke');
    app.ui.write(keysFor('rotate.abandon'));
    await app.waitForText('Then revoking new001 is offered');
    app.ui.write(keysFor('interrupted.confirmAbandon'));
    const offer = await app.afterDwell('Revoke new001? y/Enter revokes');
    expect(offer).toContain('the rotation of abcdef is abandoned; revoke its replacement new001 too? Esc keeps it');
    await eventually(() => expect([...app.rotations.records.values()].map((rotation) => rotation.status)).toEqual(['abandoned']));
    app.ui.write(keysFor('revoke.confirm'));
    await app.waitForText('✓ new001 revoked');
    expect(app.backend.revokeCalls.map((call) => call.id)).toEqual(['new001']);
    expect(app.backend.tokens.map((item) => item.id)).toEqual(['abcdef']);
  });

  it('creates nothing when the journal cannot be written before the create', async () => {
    const app = open();
    app.rotations.setWriteFailure('No space left on device');
    await app.waitForText('abcdef');
    app.ui.write(keysFor('token.rotate'));
    await app.waitForText('step 2 of 5');
    app.ui.write(keysFor('wizard.next', 'wizard.next', 'wizard.next', 'wizard.create'));
    const refused = await app.waitForText('✗ not created: cannot write the rotation journal');
    const text = frameLines(refused).map((line) => line.trim()).join(' ');
    expect(text).toContain('No space left on device; nothing was created, because a rotation that cannot be resumed is not started');
    expect(refused).toContain('step 5 of 5: review');
    expect(app.backend.createCalls).toEqual([]);
  });

  it('retries a failed revoke through a new preview and confirmation', async () => {
    const app = open();
    await toOldTokenPreview(app, 'Type abcdef to revoke it');
    app.backend.setRevokeFailure('etcdserver: request timed out');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('Enter retries this step');
    expect(app.lines().join('\n')).toContain('etcdserver: request timed out');
    app.backend.setRevokeFailure(null);
    app.ui.write(keysFor('rotate.continue'));
    await app.afterDwell('Type abcdef to revoke it: ▏');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef replaced by new001 and revoked');
    expect(app.backend.revokeCalls).toHaveLength(2);
    expect(app.backend.createCalls).toHaveLength(1);
  });
});

describe('rotate: interrupted rotations', () => {
  it('offers an interrupted rotation at start; resume goes on after the last step and never creates again', async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'tokentui-rotations-'));
    const journal = openRotationJournal({ stateDir });
    journal.save(interruptedAfterCreate('new009'));
    const app = open({ tokens: [OLD, replacementToken('new009')], rotations: journal });
    const offer = await app.waitForText('Unfinished rotation');
    expect(offer).toContain('rotation of abcdef interrupted after step 1 of 6 (create the replacement): replacement new009 exists');
    app.ui.write(keysFor('interrupted.resume'));
    const lost = await app.waitForText('cannot be shown again');
    expect(lost).not.toContain(memorySecret('new009'));
    app.ui.write(keysFor('rotate.continue'));
    await app.afterDwell('Type abcdef to revoke it');
    app.ui.write('abcdef' + keysFor('revoke.submit'));
    await app.waitForText('✓ abcdef replaced by new009 and revoked');
    app.ui.write(keysFor('rotate.close'));
    await app.waitForText('rotated abcdef → new009');
    expect(app.backend.createCalls).toEqual([]);
    expect(timeline(app)).toEqual(['impact abcdef', 'revoke abcdef uid-abcdef:1', 'get abcdef']);
    await eventually(() => expect(journal.list().rotations).toEqual([]));
  });

  it('abandon says what stays, asks, marks the record abandoned, then offers the replacement\'s preview; Esc keeps it', async () => {
    const app = open({ tokens: [OLD, replacementToken('new009')], interrupted: [interruptedAfterCreate('new009')] });
    await app.waitForText('Unfinished rotation');
    app.ui.write(keysFor('interrupted.abandon'));
    await app.waitForText('y abandons it · n or Esc keeps it');
    expect(app.lines().join(' ')).toContain('replacement new009 stays in place (revoke it if it is not used)');
    app.ui.write(keysFor('interrupted.confirmAbandon'));
    await app.waitForText('revoke its replacement new009 too? Esc keeps it');
    await eventually(() => expect(timeline(app)).toEqual(['journal abandoned show-replacement new=new009', 'impact new009']));
    expect(app.rotations.records.get('r-interrupted')?.status).toBe('abandoned');
    app.ui.write(keysFor('revoke.back'));
    await app.waitForText('revoke cancelled: nothing was revoked');
    expect(app.backend.revokeCalls).toEqual([]);
    expect(app.backend.tokens.map((item) => item.id).sort()).toEqual(['abcdef', 'new009']);
  });

  it('left unfinished, the rotation goes on with r on the old token (the same replacement)', async () => {
    const app = open();
    await createReplacement(app);
    app.backend.setFailure('connection refused');
    app.ui.write(keysFor('result.close'));
    await app.waitForText('Enter retries this step');
    app.ui.write(keysFor('rotate.leave'));
    await app.waitForText('rotation of abcdef left unfinished at "preview the old token\'s impact"');
    app.backend.setFailure(null);
    app.ui.write(keysFor('token.rotate'));
    await app.waitForText('resuming the rotation of abcdef');
    await app.afterDwell('Type abcdef to revoke it');
    expect(app.backend.createCalls).toHaveLength(1);
  });

  it('in read-only mode neither offers interrupted rotations nor shows r', async () => {
    const app = open({ readonly: true, interrupted: [interruptedAfterCreate('new009')] });
    await app.waitForText('1 unfinished rotation in the journal: start without --readonly to resume or abandon');
    expect(app.lines().join('\n')).not.toContain('Unfinished rotation');
    app.ui.write(keysFor('app.help'));
    await app.waitForText('Token list');
    // The help is longer than the terminal: its search scrolls to the section.
    app.ui.write(keysFor('help.search') + 'Token actions' + keysFor('help.searchRun'));
    const help = await app.waitForText('"Token actions": line');
    expect(help.split('\n')[2]).toContain('Token actions');
    expect(help).not.toContain('Rotate the selected token');
  });
});

describe('rotate from the details', () => {
  it('starts from the token shown and returns to the list once that token is revoked', async () => {
    const app = open({ impacts: {} });
    await app.waitForText('abcdef');
    app.ui.write(keysFor('list.details'));
    await app.waitForText('token abcdef');
    app.ui.write(keysFor('token.rotate'));
    await app.waitForText('Rotate abcdef');
    app.ui.write(keysFor('wizard.next', 'wizard.next', 'wizard.next', 'wizard.create'));
    await app.waitForText('✓ replacement new001 created');
    app.ui.write(keysFor('result.close'));
    await app.afterDwell('Revoke abcdef? y/Enter revokes');
    app.ui.write(keysFor('revoke.confirm'));
    await app.waitForText('✓ abcdef replaced by new001 and revoked');
    app.ui.write(keysFor('rotate.close'));
    await app.waitForText('rotated abcdef → new001');
    expect(app.lines().join('\n')).toMatch(/›\s+new001/);
  });
});

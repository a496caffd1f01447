// The create and rotate screens through the app reducer alone: the secret leaves the state (not
// only the screen) when its result is left, answers for stale tickets change nothing, and what
// the operator edits is what gets created and journaled.
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import { nextStep } from '../../src/core/rotation-plan.ts';
import type { CreatedToken } from '../../src/core/token.ts';
import { KEYMAP, type CommandId } from '../../src/ui/view-model/commands.ts';
import { appReducer } from '../../src/ui/view-model/app-reducer.ts';
import { initialAppState, type AppAction, type AppState } from '../../src/ui/view-model/app-state.ts';
import { modeOf } from '../../src/ui/view-model/command-context.ts';
import { mutationSupport } from '../../src/ui/view-model/mutation-support.ts';
import { selectableCommand, shellWords } from '../../src/ui/features/create/result-lines.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { HOUR, T0, token } from './fixtures.ts';

const OLD = token('abcdef', { description: 'workers', expiresAt: T0 + 2 * HOUR });
const SECRET = 'new001.s3cr3tsecret00001';
const created = (request: { description: string }): CreatedToken => ({
  token: { ...token('new001', { description: request.description }), expiresAt: T0 + 24 * HOUR },
  secret: SECRET,
});

function start(): AppState {
  const backend = createMemoryBackend({ capabilities: { create: true, revoke: true, joinCommand: true, rotate: 'emulated' } });
  const target = { adapterId: 'kubeadm', context: 'ctx', server: 'https://10.0.0.1:6443', joinCommand: true } as const;
  const state = initialAppState({ readonly: false, viewport: { columns: 120, rows: 30 }, target, mutations: mutationSupport(backend.adapter, true), now: T0 });
  return appReducer(state, { type: 'feed', event: { type: 'snapshot', tokens: [OLD] } satisfies WatchEvent, at: T0 });
}

const act = (state: AppState, ...actions: AppAction[]): AppState => actions.reduce(appReducer, state);
const key = (name: string): AppAction => ({ type: 'key', key: { name, text: name.length === 1 ? name : '' }, at: T0 });
const press = (state: AppState, ...commands: CommandId[]): AppState => act(state, ...commands.map((command) => key(KEYMAP[command][0] ?? '')));
const type = (state: AppState, text: string): AppState => act(state, ...[...text].map(key));
const holdsSecret = (state: AppState): boolean => JSON.stringify(state).includes(SECRET);

describe('create: the secret lives only on the result screen', () => {
  it('is in the state while shown and gone from the whole state once the result is left', () => {
    let state = type(press(start(), 'token.create'), 'rack 7');
    state = press(state, 'wizard.next', 'wizard.next', 'wizard.next', 'wizard.next', 'wizard.create');
    expect(modeOf(state)).toBe('wizard-busy');
    const ticket = state.screen.kind === 'create' ? state.screen.create.ticket : null;
    expect(ticket).not.toBeNull();
    const outcome = { kind: 'created', created: created({ description: 'rack 7' }), joinCommand: `kubeadm join x --token ${SECRET}`, joinCommandError: null, problems: [] } as const;

    expect(act(state, { type: 'create', ticket: (ticket ?? 0) + 99, outcome })).toBe(state); // a stale answer changes nothing
    state = act(state, { type: 'create', ticket: ticket ?? 0, outcome });
    expect(modeOf(state)).toBe('result');
    expect(holdsSecret(state)).toBe(true);
    state = press(state, 'result.copyCommand');
    state = press(state, 'result.close');
    expect(state.screen).toEqual({ kind: 'list' });
    expect(holdsSecret(state)).toBe(false);
  });
});

describe('rotate through the reducer', () => {
  it('creates the replacement with the edited TTL, journals it, and drops its secret when the result is left', () => {
    let state = press(start(), 'token.rotate');
    expect(modeOf(state)).toBe('wizard-ttl');
    state = type(press(state, 'wizard.deleteChar', 'wizard.deleteChar', 'wizard.deleteChar'), '2h');
    state = press(state, 'wizard.next', 'wizard.next', 'wizard.next', 'wizard.create');
    if (state.screen.kind !== 'rotate') throw new Error('not on the rotate screen');
    const { flow } = state.screen;
    expect(flow.rotation.replacement).toEqual({ description: 'workers', ttlSeconds: 7200, usages: ['authentication', 'signing'], groups: OLD.groups });
    expect(state.journalOutbox).toEqual([]); // the runner writes the first record itself, before it creates
    expect(flow.pending?.kind).toBe('create');

    const rotation = nextStep(flow.rotation, { type: 'replacement-created', newTokenId: 'new001', at: T0 });
    const outcome = { kind: 'created', created: created(flow.rotation.replacement), joinCommand: null, joinCommandError: null, problems: [] } as const;
    state = act(state, { type: 'rotate', at: T0, event: { kind: 'replacement', ticket: flow.pending?.ticket ?? 0, outcome, rotation, journalRefused: false } });
    expect(holdsSecret(state)).toBe(true);
    expect(modeOf(state)).toBe('result');

    state = press(state, 'result.close');
    expect(holdsSecret(state)).toBe(false);
    expect(modeOf(state)).toBe('revoke'); // computing the old token's preview
    expect(state.journalOutbox.map((write) => (write.kind === 'save' ? write.rotation.step : write.kind))).toEqual(['preview-old-impact']);
  });

  it('r on a token whose rotation is unfinished resumes that rotation (the same replacement); cut off during its create, it asks', () => {
    const fresh = start();
    const unfinished = {
      rotationId: 'r1',
      oldTokenId: 'abcdef',
      newTokenId: 'new009',
      adapter: 'kubeadm',
      context: 'test-context',
      server: 'https://10.0.0.1:6443',
      steps: ['create-replacement', 'show-replacement', 'preview-old-impact', 'confirm', 'revoke-old', 'summary'],
      step: 'show-replacement',
      completedSteps: ['create-replacement'],
      status: 'in-progress',
      replacement: { description: 'workers', ttlSeconds: 86_400 },
      startedAt: T0,
      updatedAt: T0,
    } as const;
    const state = press(act(fresh, { type: 'rotations-found', rotations: [unfinished], error: null }), 'interrupted.later', 'token.rotate');
    expect(state.screen).toMatchObject({ kind: 'rotate', flow: { rotation: { rotationId: 'r1', newTokenId: 'new009', step: 'show-replacement' }, wizard: null } });
    expect(state.flash?.text).toMatch(/^resuming the rotation of abcdef started .* with its replacement new009: no new token is created/);

    const creating = { ...unfinished, newTokenId: undefined, step: 'create-replacement', completedSteps: [] } as const;
    const asked = press(act(fresh, { type: 'rotations-found', rotations: [creating], error: null }), 'interrupted.later', 'token.rotate');
    expect(asked.screen).toMatchObject({ kind: 'interrupted', rotations: [creating] });
  });
});

describe('the command alone, for selecting by hand', () => {
  const command = 'kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:' + 'ab'.repeat(32);

  it('is one line when it fits, else lines broken at spaces that paste back as one command', () => {
    expect(selectableCommand(command, 200)).toEqual({ lines: [command], cutWords: false });
    const broken = selectableCommand(command, 80);
    expect(broken.cutWords).toBe(false);
    expect(broken.lines.every((line) => line.length <= 80)).toBe(true);
    expect(broken.lines.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    expect(broken.lines.join('\n').replaceAll(' \\\n', ' ')).toBe(command);
  });

  it('never breaks inside quotes, where a continuation would become part of the argument', () => {
    const curl = `curl -fsS -X POST 'http://127.0.0.1:8080/api/v1/bootstrap' -H 'content-type: application/json' -d "{\\"token\\":\\"abc\\", \\"machine\\":\\"$(hostname)\\"}"`;
    expect(shellWords(curl)).toEqual([
      'curl',
      '-fsS',
      '-X',
      'POST',
      "'http://127.0.0.1:8080/api/v1/bootstrap'",
      '-H',
      "'content-type: application/json'",
      '-d',
      '"{\\"token\\":\\"abc\\", \\"machine\\":\\"$(hostname)\\"}"',
    ]);
    for (const width of [60, 70, 80, 100]) {
      const { lines, cutWords } = selectableCommand(curl, width);
      expect(cutWords, `width ${width}`).toBe(false);
      expect(lines.join('\n').replaceAll(' \\\n', ' '), `width ${width}`).toBe(curl);
      expect(lines.some((line) => line.endsWith("'content-type: \\")), `width ${width}`).toBe(false);
    }
  });

  it('breaks a word wider than the terminal with a backslash-newline inside it, which the shell removes', () => {
    const narrow = selectableCommand(command, 40);
    expect(narrow.cutWords).toBe(false);
    expect(narrow.lines.every((line) => line.length <= 40)).toBe(true);
    expect(narrow.lines.join('\n').replaceAll(' \\\n', ' ').replaceAll('\\\n', '')).toBe(command);
  });

  it('says so only when a single-quoted part is wider than the terminal (nothing can join it back)', () => {
    const quoted = `curl -fsS '${'x'.repeat(70)}'`;
    const cut = selectableCommand(quoted, 60);
    expect(cut.cutWords).toBe(true);
    expect(cut.lines.join('')).toBe(quoted);
  });
});


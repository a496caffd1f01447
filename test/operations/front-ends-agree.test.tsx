// The command line and the TUI on the same adapter: what the operations layer answers reaches
// both front ends unchanged (the join command of a created token, the impact fallback's reason,
// why a mutation is unavailable), so the two can no longer drift apart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { whyUnavailable, type MutatingOperation } from '../../src/adapters/operations/availability.ts';
import { cannotPreviewReason } from '../../src/adapters/operations/impact-preview.ts';
import { runCreate } from '../../src/cli/commands/create.ts';
import { runImpact } from '../../src/cli/commands/impact.ts';
import { runRevoke } from '../../src/cli/commands/revoke.ts';
import { runRotate } from '../../src/cli/commands/rotate.ts';
import type { CommandRun } from '../../src/cli/commands/command-run.ts';
import type { CommandId } from '../../src/ui/view-model/commands.ts';
import { runCommandWith, tempStateHome } from '../cli/command-harness.ts';
import { memorySecret } from '../support/memory-mutations.ts';
import { frameLines } from '../support/render.tsx';
import { joinCommandOnScreen } from '../support/tui-flows.ts';
import { HOUR, T0, token } from '../ui/fixtures.ts';
import { keysFor } from '../ui/keys.ts';
import { useAppHarness, type AppHarness } from '../ui/render-app.tsx';

const open = useAppHarness((options) => ({ tokens: [token('abcdef', { description: 'workers', expiresAt: T0 + 2 * HOUR })], rows: 24, ...options }));

let state: ReturnType<typeof tempStateHome>;
beforeEach(() => {
  state = tempStateHome();
});
afterEach(() => state.remove());

function cli(app: AppHarness, run: CommandRun, ...argv: string[]) {
  return runCommandWith(argv, run, async () => app.backend.adapter, { env: { XDG_STATE_HOME: state.path }, clock: app.time.clock });
}

const shownJoinCommand = (frame: string): string => joinCommandOnScreen(frameLines(frame).join('\n'));

/** A join command with the one secret in it replaced, so two tokens' commands can be compared. */
const withoutSecret = (command: string, secret: string): string => command.replaceAll(secret, '<secret>');

describe('the command line and the TUI on one adapter', () => {
  it('print the same join command for a created token', async () => {
    const app = open({ capabilities: { create: true, joinCommand: true }, createIds: ['cli001', 'tui001'] });
    await app.waitForText('abcdef');
    const printed = await cli(app, runCreate, 'create', '--print-join-command');
    expect(printed.code).toBe(0);

    app.ui.write(keysFor('token.create') + 'rack 7' + keysFor('wizard.next', 'wizard.next', 'wizard.next', 'wizard.next', 'wizard.create'));
    const result = await app.waitForText('✓ token tui001 created');

    const fromCli = withoutSecret(printed.stdout.trim(), memorySecret('cli001'));
    expect(fromCli).toContain('<secret>');
    expect(withoutSecret(shownJoinCommand(result), memorySecret('tui001'))).toBe(fromCli);
  });

  it('give the same reason when the adapter cannot preview impact', async () => {
    const app = open({ capabilities: { impactPreview: false } });
    await app.waitForText('abcdef');
    const json = await cli(app, runImpact, 'impact', 'abcdef', '-o', 'json');
    const reason = cannotPreviewReason(app.backend.adapter);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'unknown', reason });

    app.ui.write(keysFor('token.revoke'));
    await app.waitForText(`Impact: UNKNOWN — ${reason}`);
  });

  const refusals: [MutatingOperation, CommandId, CommandRun, string[], Parameters<typeof open>[0]][] = [
    ['create', 'token.create', runCreate, ['create'], { capabilities: { create: false } }],
    ['rotate', 'token.rotate', runRotate, ['rotate', 'abcdef'], { capabilities: { create: true, revoke: false, rotate: 'emulated' } }],
    ['revoke', 'token.revoke', runRevoke, ['revoke', 'abcdef', '--confirm', 'abcdef'], { capabilities: { revoke: false } }],
  ];

  it.each(refusals)('say the same about why %s is unavailable', async (operation, key, run, argv, options) => {
    const app = open(options);
    await app.waitForText('abcdef');
    const adapter: TokenAdapter = app.backend.adapter;
    const why = whyUnavailable(adapter, operation, { readonly: false, rotationJournal: true });
    expect(why?.why).toBe('capability');

    const refused = await cli(app, run, ...argv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(why?.message);

    app.ui.write(keysFor(key));
    const frame = await app.ui.waitForFrame((text) => frameLines(text).at(-1)?.includes(why?.message ?? '?') === true);
    expect(frameLines(frame).at(-1)).toContain(why?.message);
    // The command line previews before it refuses a revoke (it prints the preview); nothing changes.
    expect(app.backend.requests.filter((request) => /^(create|revoke) /.test(request))).toEqual([]);
  });
});

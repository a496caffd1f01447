import chalk from 'chalk';
import { Console } from 'node:console';
import { afterEach, describe, expect, it } from 'vitest';
import { runTui } from '../../src/ui/run.tsx';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { createFakeTerminal } from '../support/render.tsx';
import { MINUTE, T0, token } from './fixtures.ts';
import { keysFor } from './keys.ts';

const originalLevel = chalk.level;
// runTui lets Ink patch the console (as in production); vitest's console lacks the
// Console class that patch-console constructs from.
(console as { Console?: typeof Console }).Console ??= Console;
afterEach(() => {
  chalk.level = originalLevel;
});

async function untilOutput(terminal: ReturnType<typeof createFakeTerminal>, text: string): Promise<string> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const output = terminal.stdout.frames.join('');
    if (output.includes(text)) return output;
    if (Date.now() > deadline) throw new Error(`"${text}" never appeared`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('runTui', () => {
  it('starts on the alternate screen without colour under --no-color, and exits 0 on quit', async () => {
    chalk.level = 2; // as on a colour terminal
    const terminal = createFakeTerminal(100, 20);
    const backend = createMemoryBackend({ watch: true, tokens: [token('abcdef', { expiresAt: T0 + 4 * MINUTE })] });
    const exit = runTui({ adapter: backend.adapter, readonly: false, noColor: true, demo: false, contextLabel: 'ctx', stdout: terminal.stdout, stdin: terminal.stdin });
    const output = await untilOutput(terminal, 'abcdef');
    expect(chalk.level).toBe(0);
    expect(output).toContain('\u001b[?1049h'); // alternate screen
    expect(output).not.toMatch(/\u001b\[[0-9;]*m/); // no SGR at all
    terminal.stdin.write(keysFor('app.quit'));
    await expect(exit).resolves.toBe(0);
  });
});

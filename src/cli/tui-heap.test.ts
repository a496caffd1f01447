import { describe, expect, it } from 'vitest';
import { TUI_V8_FLAGS, tuiReexecArgv } from './tui-heap.ts';

const base = { execPath: '/usr/bin/node', execArgv: [] as string[], env: {} as Record<string, string | undefined> };
const argv = (...args: string[]) => ['/usr/bin/node', '/opt/tokentui/dist/cli.js', ...args];

describe('tuiReexecArgv', () => {
  it('re-execs the interactive UI with the TUI heap flags, keeping node flags and arguments', () => {
    const result = tuiReexecArgv({ ...base, execArgv: ['--enable-source-maps'], argv: argv('--context', 'prod', '--readonly') });
    expect(result).toEqual(['/usr/bin/node', ...TUI_V8_FLAGS, '--enable-source-maps', '/opt/tokentui/dist/cli.js', '--context', 'prod', '--readonly']);
  });

  it('leaves subcommands, help, bad arguments and an explicit choice alone', () => {
    expect(tuiReexecArgv({ ...base, argv: argv('list', '-o', 'json') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--kubeconfig', '/tmp/k', 'list') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('no-such-command') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--help') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--no-such-flag') })).toBeNull();
    expect(tuiReexecArgv({ ...base, execArgv: [...TUI_V8_FLAGS], argv: argv() })).toBeNull();
    expect(tuiReexecArgv({ ...base, env: { NODE_OPTIONS: '--max-semi-space-size=16' }, argv: argv() })).toBeNull();
  });
});

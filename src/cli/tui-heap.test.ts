import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './args.ts';
import { globalOptionConfig } from './option-config.ts';
import { TUI_V8_FLAGS, argvStartsTui, tuiReexecArgv, tuiReexecNodeOptions } from './tui-heap.ts';

const base = { execPath: '/usr/bin/node', execArgv: [] as string[], env: {} as Record<string, string | undefined> };
const argv = (...args: string[]) => ['/usr/bin/node', '/opt/tokentui/dist/cli.js', ...args];

/** What the full parser says: 'tui', another kind, or 'error'. */
function parsedKind(args: readonly string[]): string {
  try {
    return parseCommandLine(args).kind;
  } catch {
    return 'error';
  }
}

describe('tuiReexecArgv', () => {
  it('re-execs the interactive UI with the TUI heap flags, keeping node flags and arguments', () => {
    const result = tuiReexecArgv({ ...base, execArgv: ['--enable-source-maps'], argv: argv('--context', 'prod', '--readonly') });
    expect(result).toEqual(['/usr/bin/node', ...TUI_V8_FLAGS, '--enable-source-maps', '/opt/tokentui/dist/cli.js', '--context', 'prod', '--readonly']);
    expect(tuiReexecArgv({ ...base, argv: argv() })).toEqual(['/usr/bin/node', ...TUI_V8_FLAGS, '/opt/tokentui/dist/cli.js']);
    expect(tuiReexecArgv({ ...base, argv: argv('--kubeconfig=/tmp/k', '--adapter', 'k3s') })).not.toBeNull();
  });

  it('leaves subcommands, help, bad arguments and an explicit choice alone', () => {
    expect(tuiReexecArgv({ ...base, argv: argv('list', '-o', 'json') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--kubeconfig', '/tmp/k', 'list') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--context', 'list') })).not.toBeNull(); // `list` is --context's value
    expect(tuiReexecArgv({ ...base, argv: argv('--readonly', 'list') })).toBeNull(); // a boolean takes no value
    expect(tuiReexecArgv({ ...base, argv: argv('--context', '--readonly') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--context') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('no-such-command') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--help') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('-h') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--version') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('-o', 'json') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--ttl', '1h') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--', 'list') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--no-such-flag') })).toBeNull();
    expect(tuiReexecArgv({ ...base, argv: argv('--constructor') })).toBeNull();
    expect(tuiReexecArgv({ ...base, execArgv: [...TUI_V8_FLAGS], argv: argv() })).toBeNull();
    expect(tuiReexecArgv({ ...base, env: { NODE_OPTIONS: '--max-semi-space-size=16' }, argv: argv() })).toBeNull();
  });

  it('gives the single executable the flags through NODE_OPTIONS, after the ones already there', () => {
    expect(tuiReexecNodeOptions({ ...base, env: { NODE_OPTIONS: '--trace-warnings' }, argv: argv('--demo') })).toBe(`--trace-warnings ${TUI_V8_FLAGS.join(' ')}`);
    expect(tuiReexecNodeOptions({ ...base, argv: argv('list') })).toBeNull();
  });
});

describe('argvStartsTui agrees with the parser', () => {
  const names = Object.keys(globalOptionConfig);
  const word = fc.constantFrom('list', 'create', 'prod', 'k3s', '-', '--', '-o', 'json', '-h', '/tmp/k', '', ' ', '--readonly', 'x=y');
  const flag = fc.oneof(
    fc.constantFrom(...names).map((name) => `--${name}`),
    fc.tuple(fc.constantFrom(...names), word).map(([name, value]) => `--${name}=${value}`),
    fc.constantFrom('--ttl', '--no-such', '-o', '-h', '--'),
  );
  const args = fc.array(fc.oneof(flag, word), { maxLength: 6 });

  it('never says "the UI" where the parser says a subcommand, help or version', () => {
    fc.assert(
      fc.property(args, (given) => {
        if (argvStartsTui(given)) expect(['tui', 'error']).toContain(parsedKind(given));
      }),
      { numRuns: 2000 },
    );
  });

  it('says "the UI" for every well-formed line of target-choosing global flags', () => {
    const targetFlag = fc.oneof(
      fc.constantFrom('--readonly', '--demo', '--no-color'),
      fc.tuple(fc.constantFrom('--context', '--kubeconfig', '--server'), fc.constantFrom('prod', '/tmp/k', 'https://h:1', 'list')).map(([name, value]) => [name, value]),
      fc.tuple(fc.constantFrom('--context', '--kubeconfig', '--server'), fc.constantFrom('prod', '/tmp/k', 'a=b')).map(([name, value]) => `${name}=${value}`),
      fc.constantFrom('--adapter=kubeadm', ['--adapter', 'rest']),
    );
    fc.assert(
      fc.property(fc.array(targetFlag, { maxLength: 5 }), (flags) => {
        const given = flags.flat();
        expect(parsedKind(given)).toBe('tui');
        expect(argvStartsTui(given)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

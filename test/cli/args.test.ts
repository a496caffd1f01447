import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.ts';
import { commandTable } from '../../src/cli/command-table.ts';
import { commandHelp, generalHelp } from '../../src/cli/help.ts';
import { TokenTuiError } from '../../src/core/errors.ts';

function usageFailure(argv: string[]): TokenTuiError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenTuiError);
    expect((error as TokenTuiError).exitCode).toBe(2);
    return error as TokenTuiError;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be rejected`);
}

describe('parseCommandLine', () => {
  it('reads global flags before and after the subcommand', () => {
    const invocation = parseCommandLine(['--context', 'prod', 'list', '-o', 'json', '--readonly', '--kubeconfig', '/k']);
    expect(invocation).toMatchObject({
      kind: 'command',
      command: { name: 'list' },
      output: 'json',
      globals: { context: 'prod', kubeconfig: '/k', readonly: true, demo: false, noColor: false },
    });
  });

  it('defaults the output per command and reads create options', () => {
    expect(parseCommandLine(['list'])).toMatchObject({ output: 'table' });
    const create = parseCommandLine(['create', '--ttl', '2h', '--usages=signing', '--print-join-command', '--description', 'x y']);
    expect(create).toMatchObject({
      output: 'text',
      options: { ttl: '2h', usages: 'signing', printJoinCommand: true, description: 'x y' },
    });
  });

  it('is the TUI without a subcommand, carrying the global flags', () => {
    expect(parseCommandLine(['--demo', '--no-color'])).toEqual({
      kind: 'tui',
      globals: { readonly: false, demo: true, noColor: true, context: undefined, kubeconfig: undefined, adapter: undefined, server: undefined },
    });
  });

  it('puts help and version first', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', command: undefined });
    expect(parseCommandLine(['create', '-h'])).toMatchObject({ kind: 'help', command: { name: 'create' } });
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
  });

  it('rejects unknown flags in one line with a pointer to --help', () => {
    const error = usageFailure(['list', '--frobnicate']);
    expect(error.message).toBe("unknown option '--frobnicate'");
    expect(error.hint).toBe("run 'tokentui --help'");
  });

  it('rejects missing values, unknown commands, stray arguments and foreign options', () => {
    expect(usageFailure(['create', '--ttl']).message).toBe("option '--ttl' needs a value");
    expect(usageFailure(['lsit']).message).toBe("unknown command 'lsit'");
    expect(usageFailure(['list', 'extra']).message).toContain("unexpected argument 'extra'");
    expect(usageFailure(['list', '--ttl', '1h']).message).toBe('--ttl is not an option of `tokentui list`');
    expect(usageFailure(['--ttl', '1h']).message).toBe('--ttl needs a subcommand');
    expect(usageFailure(['create', '-o', 'wide']).message).toContain('-o wide is not supported by `tokentui create`');
    expect(usageFailure(['list', '--context', '']).message).toBe('--context needs a non-empty value');
  });

  it('refuses unknown adapters and accepts every built one', () => {
    expect(parseCommandLine(['list', '--adapter', 'k3s'])).toMatchObject({ globals: { adapter: 'k3s' } });
    expect(usageFailure(['list', '--adapter', 'docker']).message).toContain("unknown adapter 'docker'");
    expect(parseCommandLine(['list', '--adapter', 'rest', '--server', 'http://x'])).toMatchObject({ globals: { adapter: 'rest' } });
  });

  it('parses rotate with its own flags only, and needs the old token id', () => {
    expect(parseCommandLine(['rotate', 'abcdef', '--ttl', '1h', '--confirm', 'abcdef', '-o', 'json'])).toMatchObject({
      kind: 'command',
      command: { name: 'rotate' },
      positionals: ['abcdef'],
      output: 'json',
      options: { ttl: '1h', confirm: 'abcdef' },
    });
    expect(usageFailure(['rotate']).message).toBe('`tokentui rotate` needs ID');
    expect(usageFailure(['rotate', 'abcdef', '--dry-run']).message).toBe('--dry-run is not an option of `tokentui rotate`');
  });
});

describe('help', () => {
  it('lists every command with its synopsis, and every global flag', () => {
    const help = generalHelp();
    for (const command of commandTable) expect(help).toContain(`tokentui ${command.name.padEnd(9)} ${command.synopsis}`);
    for (const flag of ['--context NAME', '--kubeconfig PATH', '--adapter kubeadm|k3s|lxd|rest', '--server URL', '--readonly', '--demo', '--no-color']) {
      expect(help).toContain(flag);
    }
    expect(help).toMatch(/4 not found/);
  });

  it('describes one command with its options', () => {
    const create = commandTable.find((command) => command.name === 'create')!;
    const help = commandHelp(create);
    expect(help).toContain('Usage: tokentui create [--ttl DUR]');
    expect(help).toContain('--print-join-command');
    expect(help).toContain('json: the data');
  });
});

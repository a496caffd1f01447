// Shell completion, in-process: what a Tab offers for a half-typed line (read from the command
// table, so new commands complete without a change), and `tokentui __complete` against the fake
// apiserver, including one that never answers. The scripts in real shells: test/real/completion-shells.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../../src/cli/args.ts';
import { commandTable } from '../../src/cli/command-table.ts';
import { runCompleter } from '../../src/cli/commands/completion.ts';
import { completeCommandLine, type Candidate, type Completion, type CompletionSources } from '../../src/cli/commands/completion-candidates.ts';
import { useSilentServer } from '../support/silent-server.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';
import { bootstrapSecret, capturingCliIo, runTokentui, writeKubeconfig } from './harness.ts';

/** Sources that answer from lists and record what they were asked, with which target flags. */
function recordingSources(contexts: readonly string[] = ['prod', 'staging'], tokens: readonly string[] = ['abcdef', 'abc123', 'zzzzzz']) {
  const asked: { source: 'contexts' | 'tokens'; globals: GlobalOptions }[] = [];
  const sources: CompletionSources = {
    contextNames: async (globals) => {
      asked.push({ source: 'contexts', globals });
      return contexts.map((value) => ({ value }));
    },
    tokenIds: async (globals) => {
      asked.push({ source: 'tokens', globals });
      return tokens.map((value) => ({ value, description: `token ${value}` }));
    },
  };
  return { sources, asked };
}

async function offered(words: readonly string[], sources: CompletionSources = recordingSources().sources): Promise<string[] | 'files'> {
  const completion: Completion = await completeCommandLine(words, sources);
  return completion.kind === 'files' ? 'files' : completion.candidates.map((candidate: Candidate) => candidate.value);
}

describe('what a Tab offers', () => {
  it('commands, every implemented one of the command table, with their summaries', async () => {
    const completion = await completeCommandLine([''], recordingSources().sources);
    const names = commandTable.filter((command) => command.implemented).map((command) => command.name);
    expect(completion).toEqual({ kind: 'words', candidates: names.map((name) => ({ value: name, description: commandTable.find((command) => command.name === name)?.summary })) });
    expect(names).toContain('completion');
    expect(await offered(['re'])).toEqual(['revoke']);
    expect(await offered(['--demo', 'r'])).toEqual(['revoke', 'rotate']);
  });

  it('flags: the command\'s own, -o where it has outputs, and the target flags; -o never without a command', async () => {
    const list = await offered(['list', '-']);
    expect(list).toEqual(expect.arrayContaining(['-o', '--output', '--context', '--kubeconfig', '--server', '--adapter', '--demo', '--help']));
    expect(list).not.toContain('--ttl');
    expect(list).not.toContain('--version');
    // The adapters' create fields complete too, from the registry: rest's --scope, --single-use,
    // lxd's --kind, --projects.
    expect(await offered(['create', '--p'])).toEqual(['--print-join-command', '--projects']);
    expect(await offered(['create', '--s'])).toEqual(expect.arrayContaining(['--scope', '--single-use']));
    expect(await offered(['create', '--ki'])).toEqual(['--kind']);
    expect(await offered(['list', '--s'])).not.toContain('--scope');
    expect(await offered(['list', '--k'])).not.toContain('--kind');
    expect(await offered(['serve', '-o'])).toEqual([]);
    const bare = await offered(['--']);
    expect(bare).toEqual(expect.arrayContaining(['--context', '--demo', '--version', '--help']));
    expect(bare).not.toContain('--output');
  });

  it('option values: -o formats of the command, adapters, durations, files for paths', async () => {
    expect(await offered(['list', '-o', ''])).toEqual(['table', 'wide', 'json', 'yaml', 'name', 'jsonpath', 'custom-columns']);
    expect(await offered(['create', '--output', 'j'])).toEqual(['json', 'jsonpath']);
    expect(await offered(['--adapter', ''])).toEqual(['kubeadm', 'k3s', 'lxd', 'rest']);
    expect(await offered(['create', '--ttl', '2'])).toEqual(['24h']);
    expect(await offered(['--kubeconfig', ''])).toBe('files');
    expect(await offered(['serve', '--db', '/tm'])).toBe('files');
    expect(await offered(['create', '--description', ''])).toEqual([]);
  });

  it('context names for --context (also --context=NAME, and bash\'s split `--context = NAME`)', async () => {
    const { sources, asked } = recordingSources();
    expect(await offered(['--context', ''], sources)).toEqual(['prod', 'staging']);
    expect(await offered(['--context=s'], sources)).toEqual(['--context=staging']);
    expect(await offered(['--context', '=', 'p'], sources)).toEqual(['prod']);
    expect(await offered(['--context', '='], sources)).toEqual(['prod', 'staging']);
    expect(await offered(['contexts', 'use', ''], sources)).toEqual(['prod', 'staging']);
    expect(await offered(['contexts', 'remove', 'st'], sources)).toEqual(['staging']);
    expect(asked.map(({ source }) => source)).toEqual(['contexts', 'contexts', 'contexts', 'contexts', 'contexts', 'contexts']);
  });

  it('token ids where a command takes an ID, asked with the target the line names', async () => {
    const { sources, asked } = recordingSources();
    expect(await offered(['--context', 'prod', '--demo', 'revoke', 'abc'], sources)).toEqual(['abcdef', 'abc123']);
    expect(asked).toEqual([{ source: 'tokens', globals: expect.objectContaining({ context: 'prod', demo: true }) }]);
    expect(await offered(['impact', ''], sources)).toEqual(['abcdef', 'abc123', 'zzzzzz']);
    // get takes several ids: each one completes.
    expect(await offered(['get', 'abcdef', 'abc123', 'z'], sources)).toEqual(['zzzzzz']);
    expect(await offered(['help', 'rev'], sources)).toEqual(['revoke']);
    expect(await offered(['--kubeconfig', '/k/config', '--adapter', 'k3s', 'rotate', 'z'], sources)).toEqual(['zzzzzz']);
    expect(asked.at(-1)?.globals).toEqual(expect.objectContaining({ kubeconfig: '/k/config', adapter: 'k3s' }));
  });

  it('asks nothing where nothing is to be found: --confirm repeats the ID typed, rotate --server-token, add NAME, extra words', async () => {
    const { sources, asked } = recordingSources();
    expect(await offered(['revoke', 'abcdef', '--confirm', ''], sources)).toEqual(['abcdef']);
    expect(await offered(['rotate', '--server-token', ''], sources)).toEqual([]);
    expect(await offered(['rotate', '--server-token', '--confirm', ''], sources)).toEqual([]);
    expect(await offered(['contexts', 'add', ''], sources)).toEqual([]);
    expect(await offered(['list', ''], sources)).toEqual([]);
    expect(await offered(['impact', 'abcdef', ''], sources)).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('subcommand words from the table: contexts use|add|remove, completion bash|zsh|fish', async () => {
    expect(await offered(['contexts', ''])).toEqual(['use', 'add', 'remove']);
    expect(await offered(['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(await offered(['completion', 'z'])).toEqual(['zsh']);
  });
});

describe('tokentui completion SHELL', () => {
  it('prints each script, which asks `tokentui __complete` at each Tab', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = await runTokentui(['completion', shell]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(' __complete ');
      expect(result.stdout).toContain('</dev/null 2>/dev/null');
    }
    expect((await runTokentui(['completion', 'bash'])).stdout).toContain('complete -F _tokentui_complete tokentui\n');
  });

  it('refuses an unknown shell or none (exit 2)', async () => {
    const unknown = await runTokentui(['completion', 'tcsh']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("tokentui: unknown shell 'tcsh' (use bash, zsh, fish)\nhint: run 'tokentui completion --help'\n");
    expect((await runTokentui(['completion'])).code).toBe(2);
  });
});

describe('tokentui __complete against a backend', () => {
  const cluster = useFakeCluster();
  beforeAll(() => {
    cluster.apiserver.put('secrets', bootstrapSecret('abcdef', '0123456789abcdef', { description: 'rack 12' }));
    cluster.apiserver.put('secrets', bootstrapSecret('ghijkl', '0123456789abcdef', { description: 'evil\u001b[31m\nline' }));
  });

  it('offers the current context\'s token ids with their descriptions, escaped to one line each', async () => {
    const result = await runTokentui(['__complete', 'revoke', ''], { env: cluster.env() });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('abcdef\track 12\nghijkl\tevil\\x1b[31m line\n');
  });

  it('offers the kubeconfig\'s context names', async () => {
    const result = await runTokentui(['__complete', '--context', ''], { env: { ...cluster.env(), TOKENTUI_SYSTEM_KUBECONFIGS: '' } });
    expect(result.stdout).toBe('fake-admin\tdiscovered\nstaging\tdiscovered\n');
  });

  it('prints nothing, not even an error, when the target is broken', async () => {
    const result = await runTokentui(['__complete', '--context', 'nope', 'revoke', ''], { env: cluster.env() });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '', tuiLaunches: [] });
  });
});

describe('a backend that never answers', () => {
  const silent = useSilentServer();

  it('costs the time limit, then nothing is offered', async () => {
    const kubeconfig = writeKubeconfig({ url: silent.url } as Parameters<typeof writeKubeconfig>[0]);
    try {
      const { io, captured } = capturingCliIo({ env: kubeconfig.env });
      const started = Date.now();
      expect(await runCompleter(['revoke', ''], io, 300)).toBe(0);
      const elapsed = Date.now() - started;
      expect(captured()).toMatchObject({ stdout: '', stderr: '' });
      expect(silent.requests).toBeGreaterThan(0); // it did ask, and gave up waiting
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(2_000); // not waiting for the adapter to wind down either (it takes 2 s)
    } finally {
      kubeconfig.remove();
    }
  });
});

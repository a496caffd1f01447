// `list -w` in-process: the listed tokens, then one line per change from the adapter's watch
// stream (added, changed, expired when the expiry passes, removed), or from a list every 2 s for
// an adapter without one; JSON Lines with -o json, an EVENT column in tables; Ctrl-C ends it with
// exit 0 and --watch-timeout on its own. Timing-tolerant: each line is polled for, never slept on.
import { describe, expect, it } from 'vitest';
import { runList } from '../../src/cli/commands/list.ts';
import type { StopCleanup } from '../../src/cli/stop-signals.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Token } from '../../src/core/token.ts';
import { createMemoryBackend, type MemoryBackend } from '../support/memory-adapter.ts';
import { runCommandWith } from './command-harness.ts';
import { capturingCliIo } from './harness.ts';
import { parseCommandLine } from '../../src/cli/args.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const token = (id: string, fields: Partial<Token> = {}): Token => ({ id, description: '', expiresAt: NOW + 3_600_000, usages: ['signing'], groups: [], invalidReason: null, ...fields });

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `list -w ARGV` with the output readable while it runs, and its stop-signal handler. */
function watch(backend: MemoryBackend, argv: readonly string[], clock: ManualClock) {
  const stopCleanups = new Set<StopCleanup>();
  const { io, captured } = capturingCliIo({ env: {}, clock, stopCleanups });
  const invocation = parseCommandLine(['list', '-w', ...argv]);
  if (invocation.kind !== 'command') throw new Error('not a command');
  const done = runList({ invocation, io, clock, openAdapter: async () => backend.adapter });
  const lines = () => captured().stdout.split('\n').filter((line) => line !== '');
  const line = (count: number) => until(() => (lines().length >= count ? lines() : undefined), `${count} lines of output`);
  const stop = async () => {
    const cleanup = await until(() => [...stopCleanups][0], 'the stop handler');
    expect(await cleanup('SIGINT')).toBe(0);
    expect(await done).toBe(0);
  };
  return { done, line, lines, stop, stderr: () => captured().stderr };
}

describe('list -w', () => {
  it('-o json: listed, then added, changed, expired and removed, one JSON object per line, until Ctrl-C (exit 0)', async () => {
    const clock = new ManualClock(NOW);
    const backend = createMemoryBackend({ tokens: [token('aaaaaa')], watch: true });
    const run = watch(backend, ['-o', 'json'], clock);
    await run.line(1);
    backend.upsert(token('bbbbbb', { expiresAt: NOW + 1000 }));
    backend.upsert(token('bbbbbb', { expiresAt: NOW + 1000, description: 'renamed' }));
    await run.line(3);
    clock.advance(2000);
    // The expiry is noticed by the once-a-second check, before the cleaner removes the token.
    await run.line(4);
    backend.remove('bbbbbb');
    await run.line(5);
    await run.stop();
    const lines = run.lines().map((line) => JSON.parse(line) as { event: string; at: string; token: { id: string; description: string } });
    expect(lines.map((line) => `${line.event} ${line.token.id}`)).toEqual(['listed aaaaaa', 'added bbbbbb', 'changed bbbbbb', 'expired bbbbbb', 'removed bbbbbb']);
    expect(lines[2]?.token.description).toBe('renamed');
    expect(lines[0]?.at).toBe('2026-03-01T12:00:00Z');
    expect(lines[3]?.at).toBe('2026-03-01T12:00:02Z');
  });

  it('a table with an EVENT column; an adapter without a watch is listed every 2 s', async () => {
    const clock = new ManualClock(NOW);
    const backend = createMemoryBackend({ tokens: [token('aaaaaa')], watch: false });
    const run = watch(backend, ['--watch-timeout', '60s'], clock);
    await run.line(2);
    backend.setTokens([token('aaaaaa'), token('cccccc', { description: 'new' })]);
    await run.line(3);
    await run.stop();
    const lines = run.lines();
    expect(lines[0]).toMatch(/^EVENT\s+TOKEN\s+TTL\s+EXPIRES/);
    expect(lines[1]).toMatch(/^listed\s+aaaaaa\s/);
    expect(lines[2]).toMatch(/^added\s+cccccc\s.*new/);
    expect(lines).toHaveLength(3);
  });

  it('a table keeps the columns its list chose: a token of another kind arriving later fits them (it crashed the layout)', async () => {
    const clock = new ManualClock(NOW);
    const backend = createMemoryBackend({ tokens: [token('aaaaaa', { scope: 'nodes', usages: [] })], watch: true });
    const run = watch(backend, [], clock);
    await run.line(2);
    backend.upsert(token('bbbbbb', { description: 'plain' }));
    await run.line(3);
    await run.stop();
    const lines = run.lines();
    expect(lines[0]).toMatch(/^EVENT\s+TOKEN\s+TTL\s+EXPIRES\s+SCOPE\s+USES LEFT\s+DEFAULT\s+DESCRIPTION$/);
    expect(lines[2]).toMatch(/^added\s+bbbbbb\s+1h\s+\S+\s+<none>\s+-\s+-\s+plain$/);
    expect(run.stderr()).toBe('');
  });

  it('--watch-timeout stops on its own with exit 0', async () => {
    const backend = createMemoryBackend({ tokens: [token('aaaaaa')], watch: true });
    const started = Date.now();
    const result = await runCommandWith(['list', '-w', '-o', 'name', '--watch-timeout', '1s'], runList, async () => backend.adapter, { env: {}, clock: new ManualClock(NOW) });
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.stdout).toBe('listed token/aaaaaa\n');
  });
});

// The embedded demo backend through the command line, in-process: `--demo` for any command,
// the fresh-machine rule (the TUI opens the demo by itself; subcommands never do), and the
// temporary database gone after every way out, a stop signal included.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiLaunchOptions } from '../../src/cli/io.ts';
import { IMPLICIT_DEMO_NOTE } from '../../src/cli/main.ts';
import type { StopCleanup } from '../../src/cli/stop-signals.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { removeScratch } from '../support/at-rest.ts';
import { runTokentui, usePrivateTmpdir } from './harness.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const FULL_TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/;

const privateTmp = usePrivateTmpdir('tokentui-demo-cli-');
const { demoDirsLeft } = privateTmp;
let home: string;

afterEach(() => {
  if (home !== undefined) removeScratch(home);
});

/** A HOME with no ~/.kube: a fresh machine. */
function freshHome(): string {
  home = mkdtempSync(join(privateTmp.path, 'home-'));
  return home;
}

interface DemoRunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly tty?: boolean;
  /** Runs while the "TUI" is open, with what it was given. */
  readonly duringTui?: (launch: TuiLaunchOptions, stopCleanups: ReadonlySet<StopCleanup>) => Promise<void>;
}

async function run(argv: readonly string[], options: DemoRunOptions) {
  const stopCleanups = new Set<StopCleanup>();
  const { duringTui } = options;
  const { tuiLaunches: launches, ...result } = await runTokentui(argv, {
    env: options.env,
    tty: options.tty,
    clock: new ManualClock(NOW),
    stopCleanups,
    ...(duringTui === undefined ? {} : { duringTui: (launch: TuiLaunchOptions) => duringTui(launch, stopCleanups) }),
  });
  return { ...result, launches, subscribedAfter: stopCleanups.size };
}

describe('tokentui --demo list -o json', () => {
  it('lists the seeded demo tokens: every TTL case, one default, never a secret', async () => {
    const result = await run(['--demo', 'list', '-o', 'json'], { env: { HOME: freshHome() } });
    expect(result.stderr).not.toMatch(/^tokentui: (?!warning)/m);
    expect(result.code).toBe(0);
    const tokens = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(tokens.length).toBeGreaterThanOrEqual(8);
    for (const token of tokens) {
      expect(token).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[a-z0-9]{6}$/), status: expect.any(String), usages: [], groups: [] }));
      expect(Object.keys(token)).not.toContain('secret');
    }
    const ttls = tokens.map((token) => token.ttlSeconds as number | null);
    expect(ttls.some((ttl) => ttl !== null && ttl > 0 && ttl < 60)).toBe(true);
    expect(ttls.some((ttl) => ttl !== null && ttl > 7 * 86_400)).toBe(true);
    expect(ttls).toContain(null);
    expect(tokens.filter((token) => token.status === 'expired')).toHaveLength(1);
    expect(tokens.filter((token) => token.isDefault === true)).toHaveLength(1);
    expect(tokens.map((token) => token.description)).toContain('fleet default');
    expect(result.stdout).not.toMatch(FULL_TOKEN);
    expect(result.stderr).not.toMatch(FULL_TOKEN);
    expect(demoDirsLeft()).toEqual([]);
    expect(result.subscribedAfter).toBe(0);
  });

  it('refuses target flags that contradict --demo, before starting anything', async () => {
    const withServer = await run(['--demo', '--server', 'http://127.0.0.1:9', 'list'], { env: { HOME: freshHome() } });
    expect(withServer.code).toBe(2);
    expect(withServer.stderr).toMatch(/^tokentui: --demo cannot be combined with --server\n/);
    const withKubeadm = await run(['--demo', '--adapter', 'kubeadm', 'list'], { env: { HOME: home } });
    expect(withKubeadm.code).toBe(2);
    expect(withKubeadm.stderr).toMatch(/--demo uses the rest adapter, not kubeadm/);
    expect(demoDirsLeft()).toEqual([]);
  });
});

describe('the fresh-machine rule', () => {
  it.each([
    ['no ~/.kube/config and no KUBECONFIG', (dir: string) => ({ HOME: dir })],
    ['KUBECONFIG naming files that do not exist', (dir: string) => ({ HOME: dir, KUBECONFIG: join(dir, 'nope.yaml') })],
  ])('the TUI opens the live demo by itself: %s', async (_case, envFor) => {
    let listedInTui = 0;
    const result = await run([], {
      env: envFor(freshHome()),
      tty: true,
      duringTui: async (launch) => {
        listedInTui = (await launch.adapter.list()).length;
        expect(demoDirsLeft()).toHaveLength(1);
      },
    });
    expect(result.code).toBe(0);
    expect(result.launches).toEqual([expect.objectContaining({ demo: true, contextLabel: 'demo', readonly: false })]);
    expect(result.launches[0]?.adapter.id).toBe('rest');
    expect(listedInTui).toBeGreaterThanOrEqual(8);
    expect(result.stderr).toBe(`tokentui: ${IMPLICIT_DEMO_NOTE}\n`);
    expect(demoDirsLeft()).toEqual([]);
    expect(result.subscribedAfter).toBe(0);
  });

  it.each([[['list']], [['list', '-o', 'json']], [['create', '--ttl', '1h']], [['impact', 'abcdef']]])(
    'subcommands never fall back to the demo: %j exits 2 and says where it looked',
    async (argv) => {
      const result = await run(argv, { env: { HOME: freshHome() } });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `tokentui: no kubeconfig found (looked for ${join(home, '.kube', 'config')})\n` +
          'hint: pass --kubeconfig PATH or set KUBECONFIG, or add --demo to use the embedded demo backend\n',
      );
      expect(demoDirsLeft()).toEqual([]);
    },
  );

  it('a kubeconfig in ~/.kube opens it, not the demo', async () => {
    mkdirSync(join(freshHome(), '.kube'));
    writeFileSync(
      join(home, '.kube', 'config'),
      'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:9\nusers:\n- name: u\n  user:\n    token: t\n' +
        'contexts:\n- name: lab\n  context:\n    cluster: c\n    user: u\ncurrent-context: lab\n',
    );
    const result = await run([], { env: { HOME: home }, tty: true });
    expect(result.code).toBe(0);
    expect(result.launches).toEqual([expect.objectContaining({ demo: false, contextLabel: 'lab' })]);
    expect(result.launches[0]?.adapter.id).toBe('kubeadm');
    expect(result.stderr).toBe('');
  });

  it('a target named on the command line rules the demo out', async () => {
    const result = await run(['--context', 'prod'], { env: { HOME: freshHome() }, tty: true });
    expect(result.code).toBe(2);
    expect(result.launches).toEqual([]);
    expect(result.stderr).toMatch(/no kubeconfig found/);
  });
});

describe('the demo and stop signals', () => {
  it('SIGHUP while the TUI is open stops the demo and deletes its database (exit 129)', async () => {
    let codeFromCleanup: number | undefined;
    let listAfterStop: unknown;
    const result = await run(['--demo'], {
      env: { HOME: freshHome() },
      tty: true,
      duringTui: async (launch, stopCleanups) => {
        expect(stopCleanups.size).toBe(1);
        const [cleanup] = stopCleanups;
        codeFromCleanup = await cleanup?.('SIGHUP');
        expect(demoDirsLeft()).toEqual([]);
        listAfterStop = await launch.adapter.list().catch((error: unknown) => error);
      },
    });
    expect(codeFromCleanup).toBe(129);
    expect(listAfterStop).toBeInstanceOf(Error);
    expect(result.launches[0]?.demo).toBe(true);
    // An explicit --demo needs no note afterwards.
    expect(result.stderr).toBe('');
    expect(result.subscribedAfter).toBe(0);
  });
});

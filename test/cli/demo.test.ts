// The embedded demo backend through the command line, in-process: `--demo` for any command,
// the fresh-machine rule (the TUI opens the demo by itself; subcommands never do), the state
// persisting per user under $XDG_STATE_HOME/tokentui/demo (ids chain from one command to the
// next, --reset starts over, journals kept apart), and the server stopped after every way out,
// a stop signal included, while the state stays.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const demoRoot = (dir: string) => join(dir, '.local', 'state', 'tokentui', 'demo');
/** The demo's generation directories under a HOME (one, once seeded). */
function generations(dir: string): string[] {
  return existsSync(demoRoot(dir)) ? readdirSync(demoRoot(dir)).filter((name) => name.startsWith('g-')) : [];
}
/** Processes marked as using a generation (this test process, while a demo command runs). */
function owners(dir: string): string[] {
  return generations(dir).flatMap((name) => readdirSync(join(demoRoot(dir), name, 'owners')));
}

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
    // Nothing temporary: the state is kept for the next --demo command, and no longer in use.
    expect(demoDirsLeft()).toEqual([]);
    expect(generations(home)).toHaveLength(1);
    expect(owners(home)).toEqual([]);
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
        expect(owners(home)).toEqual([String(process.pid)]);
      },
    });
    expect(result.code).toBe(0);
    expect(result.launches).toEqual([expect.objectContaining({ demo: true, contextLabel: 'demo', readonly: false })]);
    expect(result.launches[0]?.adapter.id).toBe('rest');
    expect(listedInTui).toBeGreaterThanOrEqual(8);
    expect(result.stderr).toBe(`tokentui: ${IMPLICIT_DEMO_NOTE}\n`);
    expect(demoDirsLeft()).toEqual([]);
    expect(owners(home)).toEqual([]);
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
  it('SIGHUP while the TUI is open stops the demo and releases its state, which stays (exit 129)', async () => {
    let codeFromCleanup: number | undefined;
    let listAfterStop: unknown;
    const result = await run(['--demo'], {
      env: { HOME: freshHome() },
      tty: true,
      duringTui: async (launch, stopCleanups) => {
        expect(stopCleanups.size).toBe(1);
        const [cleanup] = stopCleanups;
        codeFromCleanup = await cleanup?.('SIGHUP');
        expect(owners(home)).toEqual([]);
        expect(generations(home).map((name) => existsSync(join(demoRoot(home), name, 'demo.db')))).toEqual([true]);
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

describe('the demo persists per user', () => {
  const listIds = async (env: Record<string, string>) => {
    const listed = await run(['--demo', 'list', '-o', 'json'], { env });
    expect(listed.code).toBe(0);
    return (JSON.parse(listed.stdout) as { id: string; description: string }[]).map((token) => token.id).sort();
  };

  it('list, impact and revoke act on the same tokens across commands; --reset starts over', async () => {
    const env = { HOME: freshHome() };
    const listed = JSON.parse((await run(['--demo', 'list', '-o', 'json'], { env })).stdout) as { id: string; description: string }[];
    const ci = listed.find((token) => token.description === 'ci runner pool')!;
    const impact = await run(['--demo', 'impact', ci.id, '-o', 'json'], { env });
    expect(impact.code).toBe(0);
    expect(JSON.parse(impact.stdout)).toMatchObject({ tokenId: ci.id });
    const revoked = await run(['--demo', 'revoke', ci.id, '--confirm', ci.id], { env });
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    const after = await listIds(env);
    expect(after).toEqual(listed.map((token) => token.id).filter((id) => id !== ci.id).sort());
    expect(generations(home)).toHaveLength(1);

    const reset = await run(['--demo', '--reset', 'list', '-o', 'json'], { env });
    expect(reset.code).toBe(0);
    const fresh = JSON.parse(reset.stdout) as { description: string }[];
    expect(fresh.map((token) => token.description)).toContain('ci runner pool');
    expect(fresh).toHaveLength(listed.length);
    // The old generation is no longer used by anyone: removed.
    expect(generations(home)).toHaveLength(1);
  });

  it('journals demo mutations apart from real ones, and --reset empties them', async () => {
    const env = { HOME: freshHome() };
    const listed = JSON.parse((await run(['--demo', 'list', '-o', 'json'], { env })).stdout) as { id: string; description: string }[];
    const staging = listed.find((token) => token.description === 'staging nodes')!;
    expect((await run(['--demo', 'revoke', staging.id, '--confirm', staging.id], { env })).code).toBe(0);
    const demoAudit = JSON.parse((await run(['--demo', 'audit', '-o', 'json'], { env })).stdout) as { tokenId: string; context: string; server: string }[];
    expect(demoAudit).toEqual([expect.objectContaining({ action: 'revoke', tokenId: staging.id, context: 'demo', server: 'embedded demo', outcome: 'success' })]);
    expect(existsSync(join(home, '.local', 'state', 'tokentui', 'audit.jsonl'))).toBe(false);
    expect(JSON.parse((await run(['audit', '-o', 'json'], { env })).stdout)).toEqual([]);
    expect((await run(['--demo', '--reset', 'list'], { env })).code).toBe(0);
    expect(JSON.parse((await run(['--demo', 'audit', '-o', 'json'], { env })).stdout)).toEqual([]);
  });

  it('two demo commands starting at once seed one demo between them', async () => {
    const env = { HOME: freshHome() };
    const [first, second] = await Promise.all([listIds(env), listIds(env)]);
    expect(first).toEqual(second);
    expect(generations(home)).toHaveLength(1);
    expect(readFileSync(join(demoRoot(home), 'current'), 'utf8').trim()).toBe(generations(home)[0]);
  });

  it('--reset without --demo is a usage error', async () => {
    const result = await run(['--reset', 'list'], { env: { HOME: freshHome() } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokentui: --reset starts the demo over: it needs --demo\n/);
  });
});

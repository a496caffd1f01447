// Runs the built tokentui CLI in tmux (test/support/tmux.ts) and reads its screen: which
// row shows a token, what its TTL cell says, what the connection line says.
import { copyFileSync, cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTmux, type TmuxSession } from './tmux.ts';
import { removeScratch } from './at-rest.ts';

export const repoRoot = join(import.meta.dirname, '../..');
/** Node 24 from the node@24 devDependency (the system node is 20). */
export const nodeBin = join(repoRoot, 'node_modules/.bin/node');

/** The built executable (`npm run build`; `npm test` builds before the real tests). */
export const builtCli = join(repoRoot, 'dist/cli.js');

/** dist/cli.js, or a clear error when it has not been built. */
export function requireBuiltCli(): string {
  if (!existsSync(builtCli)) throw new Error('dist/cli.js is missing: run `npm run build` before the real TUI tests');
  return builtCli;
}

/**
 * A private copy of the built app in `dir` (dist/ and package.json; node_modules linked), for a
 * long scenario: another `npm run build` meanwhile empties dist/ and renames the chunks the
 * running TUI imports lazily (`:ctx` loading an adapter would fail). Returns the copy's cli.js.
 */
export function copyBuiltCli(dir: string): string {
  requireBuiltCli();
  cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const cli = join(dir, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing (a build was running?): run `npm run build` before the real TUI tests');
  return cli;
}

export interface TuiLaunch {
  readonly cliPath: string;
  readonly kubeconfig: string;
  readonly columns?: number;
  readonly rows?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
}

/**
 * The TUI on the kubeconfig's current context, in a fresh tmux server. Its config and state
 * (audit journal) go to a scratch directory, never the user's.
 */
export async function startTui(launch: TuiLaunch): Promise<TmuxSession> {
  const scratch = mkdtempSync(join(tmpdir(), 'tokentui-tui-'));
  const session = await startTmux({
    command: [nodeBin, launch.cliPath, '--kubeconfig', launch.kubeconfig, ...(launch.args ?? [])],
    columns: launch.columns ?? 120,
    rows: launch.rows ?? 36,
    cwd: repoRoot,
    env: { XDG_CONFIG_HOME: join(scratch, 'config'), XDG_STATE_HOME: join(scratch, 'state'), ...launch.env },
  });
  // Killing the session also checks what the app wrote there for secrets, then removes it.
  const kill = session.kill.bind(session);
  session.kill = async () => {
    await kill();
    removeScratch(scratch);
  };
  return session;
}

/** The table row showing token `id`, if it is on screen. */
export function rowOf(screen: string, id: string): string | undefined {
  return screen.split('\n').find((line) => new RegExp(`^.{2} ${id}\\b`).test(line));
}

// Glyph + countdown or state word, at the end of the row (the TTL column is last).
const TTL_CELL = /([●◐!✗∞?○⊘]) (\d\d:\d\d|\d+h\d+m|\d+d\d+h|expired|never|clock skew|used up|invalid)$/;

/** `● 29:57`, `✗ expired`, ... for the row of `id`; undefined when the row is not shown. */
export function ttlOf(screen: string, id: string): string | undefined {
  const row = rowOf(screen, id);
  return row === undefined ? undefined : TTL_CELL.exec(row.trimEnd())?.[0];
}

/** Second line of the header: connection state, data age, counts, last error. */
export function connectionLine(screen: string): string {
  return screen.split('\n')[1] ?? '';
}

/** kubeadm prints `<id>.<secret>`; only the id may leave this function. */
export function tokenIdFrom(kubeadmStdout: string): string {
  const match = /^([a-z0-9]{6})\.[a-z0-9]{16}$/m.exec(kubeadmStdout);
  if (match?.[1] === undefined) throw new Error('kubeadm token create printed no token');
  return match[1];
}

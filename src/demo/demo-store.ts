// Where the embedded demo keeps its state so that it persists per user: `tokentui --demo list`,
// then `--demo impact ID`, then `--demo revoke ID --confirm ID` act on the same tokens, each
// process running its own in-process server on one shared SQLite file (SQLite's locks keep
// concurrent processes consistent). The state is a *generation* directory named by the file
// `current`: the database, and the demo's own audit and rotation journals beside it (apart from
// the real ones). `--reset` seeds a new generation and swaps `current` in one rename; a process
// still on the old one keeps it until it ends, and generations nobody uses are removed.
//
//   <root>/current           "g-XXXXXX": the generation in use
//   <root>/g-XXXXXX/demo.db  the reference server's database (secrets only as hashes)
//   <root>/g-XXXXXX/owners/  one empty file per process using it (its pid)
//   <root>/g-XXXXXX/audit.jsonl, rotations/   the demo's journals
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const DEMO_DB_FILE = 'demo.db';
const CURRENT_FILE = 'current';
const OWNERS_DIR = 'owners';
const GENERATION = /^g-[A-Za-z0-9]+$/;

/** The generation directory in use, or null when there is none (never seeded, or reset and broken). */
export function currentDemoDir(root: string): string | null {
  let name: string;
  try {
    name = readFileSync(join(root, CURRENT_FILE), 'utf8').trim();
  } catch {
    return null;
  }
  if (!GENERATION.test(name)) return null;
  const dir = join(root, name);
  return existsSync(join(dir, DEMO_DB_FILE)) ? dir : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Generations other than the current one that no live process uses: removed. */
function removeUnused(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!GENERATION.test(name) || dir === keep) continue;
    let owners: string[] = [];
    try {
      owners = readdirSync(join(dir, OWNERS_DIR));
    } catch {
      // No owners directory: a generation whose seeding never finished.
    }
    if (owners.some((owner) => /^\d+$/.test(owner) && isAlive(Number(owner)))) continue;
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Makes `dir` the current generation: with `replace`, whatever was current before (a reset);
 * otherwise only if there is none, so two processes seeding at once agree on one (link fails
 * for the second). Returns whether `dir` is now current.
 */
function install(root: string, dir: string, replace: boolean): boolean {
  const pending = join(root, `${CURRENT_FILE}.${process.pid}.${basename(dir)}`);
  writeFileSync(pending, `${basename(dir)}\n`, { mode: 0o600 });
  try {
    if (replace) {
      renameSync(pending, join(root, CURRENT_FILE));
      return true;
    }
    linkSync(pending, join(root, CURRENT_FILE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(pending, { force: true });
  }
}

function markOwner(dir: string): string {
  mkdirSync(join(dir, OWNERS_DIR), { recursive: true, mode: 0o700 });
  const owner = join(dir, OWNERS_DIR, String(process.pid));
  writeFileSync(owner, '', { mode: 0o600 });
  return owner;
}

export interface DemoGeneration<Seed> {
  readonly dir: string;
  readonly dbPath: string;
  /** What seeding returned, when this process seeded the generation (null: it existed already). */
  readonly seeded: Seed | null;
  /** This process no longer uses the generation (it stays for the next one). */
  release(): void;
}

/**
 * The current generation (seeded now when there is none, or a new one with `reset`), marked as
 * used by this process until release().
 */
export async function openDemoGeneration<Seed>(root: string, options: { readonly reset: boolean; readonly seed: (dbPath: string) => Promise<Seed> }): Promise<DemoGeneration<Seed>> {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  let dir = options.reset ? null : currentDemoDir(root);
  let seeded: Seed | null = null;
  if (dir === null) {
    // A `current` naming a generation that is gone is replaced like a reset; decided before
    // seeding, so a `current` another process installs meanwhile is never overwritten.
    const replace = options.reset || existsSync(join(root, CURRENT_FILE));
    const fresh = mkdtempSync(join(root, 'g-'));
    // Owned before it is seeded, so another process cleaning up never removes it half-made.
    markOwner(fresh);
    try {
      seeded = await options.seed(join(fresh, DEMO_DB_FILE));
      if (install(root, fresh, replace)) dir = fresh;
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      throw error;
    }
    if (dir === null) {
      // Another process seeded first: use its generation, drop ours.
      rmSync(fresh, { recursive: true, force: true });
      seeded = null;
      dir = currentDemoDir(root);
      if (dir === null) throw new Error(`the demo state in ${root} changed while it was being set up; run the command again`);
    }
  }
  const owner = markOwner(dir);
  removeUnused(root, dir);
  const generation = dir;
  return {
    dir: generation,
    dbPath: join(generation, DEMO_DB_FILE),
    seeded,
    release: () => rmSync(owner, { force: true }),
  };
}

// "A token secret is never written to config files, journals or the audit log": checked on
// every scratch directory the suite removes, so every file tokentui wrote in any test (config,
// audit journal, rotation journals and checklists, the reference server's database) is read
// before it is deleted. removeScratch() is what tests call instead of rmSync.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['bootstrap token id.secret', /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/],
  ['k3s secure token', /K10[0-9a-f]{16,}::/],
  ['REST API key', /\bttk_[A-Za-z0-9_-]{20,}/],
  ['REST machine credential', /\btmc_[A-Za-z0-9_-]{20,}/],
];

/** Files tokentui itself writes: anything under a `tokentui` directory (XDG config/state), and databases. */
function isTokentuiFile(path: string): boolean {
  return path.split('/').includes('tokentui') || /\.(db|sqlite3?)(-wal|-journal)?$/.test(path);
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink() || entry.name === 'node_modules' || entry.name === 'dist') return [];
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/**
 * The file's bytes, latin1 (every byte of a binary file such as the SQLite database is one
 * character), or null when it is gone: a process stopped just before (the demo on SIGHUP) may
 * delete its database between the listing and the read, and a deleted file holds nothing at rest.
 */
function readIfStillThere(path: string): string | null {
  try {
    return readFileSync(path).toString('latin1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Each file tokentui wrote under root that holds something secret-shaped, with what it holds (masked). */
export function secretsAtRest(root: string): string[] {
  const found: string[] = [];
  for (const path of filesUnder(root).filter(isTokentuiFile)) {
    const text = readIfStillThere(path);
    if (text === null) continue;
    for (const [name, shape] of SECRET_SHAPES) {
      const match = shape.exec(text);
      if (match !== null) found.push(`${path}: a ${name} (${match[0].slice(0, 8)}…)`);
    }
  }
  return found;
}

/** Removes a test's scratch directory, failing the test if tokentui left a secret in it. */
export function removeScratch(dir: string): void {
  const found = secretsAtRest(dir);
  rmSync(dir, { recursive: true, force: true });
  if (found.length > 0) throw new Error(`secrets at rest in files tokentui wrote:\n${found.join('\n')}`);
}

// What adapter detection found, kept for the next commands ($XDG_CACHE_HOME/tokentui/detected.json):
// a server's kubeadm-or-k3s answer to `/version`, by a key that names the server and the CA the
// kubeconfig pins (adapters/k3s/detect.ts detectionKey). An answer lasts six hours, as kubectl's
// discovery cache does. It is a cache: an unreadable, foreign or corrupt file is an empty one, a
// failed write is forgotten, and neither ever fails a command. Mode 0600 in a 0700 directory;
// it holds server URLs and CA digests, no credential.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DetectionMemory } from '../adapters/contract.ts';
import { cacheDir } from '../journals/paths.ts';

export const DETECTION_TTL_MS = 6 * 60 * 60 * 1000;
const FILE_NAME = 'detected.json';
const MAX_ENTRIES = 256;

interface Entry {
  readonly answer: string;
  readonly at: number;
}

/** Within its six hours by `now` (and not from a clock set back). */
const fresh = ({ at }: Entry, now: number) => at <= now && now - at < DETECTION_TTL_MS;

function readEntries(path: string, now: number): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return entries;
  }
  const stored = typeof parsed === 'object' && parsed !== null ? (parsed as { entries?: unknown }).entries : undefined;
  if (typeof stored !== 'object' || stored === null) return entries;
  for (const [key, value] of Object.entries(stored)) {
    const { answer, at } = (typeof value === 'object' && value !== null ? value : {}) as Partial<Entry>;
    if (typeof answer === 'string' && typeof at === 'number' && fresh({ answer, at }, now)) entries.set(key, { answer, at });
  }
  return entries;
}

/** The file-backed memory for `env` (read once, on first use; an answer lasts six hours in it too). */
export function detectionMemory(env: Readonly<Record<string, string | undefined>>, now: () => number = Date.now): DetectionMemory {
  // The command line's own environment decides (HOME included), as it does for kubeconfigs.
  const dir = cacheDir({ env, ...(env.HOME !== undefined && isAbsolute(env.HOME) ? { home: env.HOME } : {}) });
  const path = join(dir, FILE_NAME);
  let entries: Map<string, Entry> | undefined;
  const loaded = () => (entries ??= readEntries(path, now()));
  return {
    get(key) {
      // One memory may outlive an answer (cli/target.ts keeps one per environment: the TUI).
      const entry = loaded().get(key);
      return entry !== undefined && fresh(entry, now()) ? entry.answer : undefined;
    },
    set(key, answer) {
      const current = loaded();
      if (current.get(key)?.answer === answer) return;
      current.set(key, { answer, at: now() });
      // The newest answers, when a machine has met more servers than that.
      const kept = [...current].sort(([, left], [, right]) => right.at - left.at).slice(0, MAX_ENTRIES);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, `${JSON.stringify({ version: 1, entries: Object.fromEntries(kept) })}\n`, { mode: 0o600 });
        renameSync(temporary, path);
      } catch {
        // A cache that cannot be written is asked again next time.
      }
    },
  };
}

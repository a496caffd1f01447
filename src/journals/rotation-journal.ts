// The rotation journal: one JSON file per rotation in $XDG_STATE_HOME/tokentui/rotations/, so a
// rotation cut short (SSH drop, SIGHUP) can be resumed or abandoned on the next start, and no
// step is done twice. Each save replaces the file atomically (temp file, fsync, rename, fsync
// of the directory): after a crash the file holds the old record or the new one, never half.
// Files are 0600 in a 0700 directory; they never hold a secret (core/rotation-journal-format.ts).
// A finished rotation's file is removed (the audit journal keeps the history); a stopped one (not
// confirmed: both tokens live) stays, so the next rotate of that token resumes it with the same
// replacement instead of minting another; an abandoned one is kept, marked abandoned, as the
// record of a replacement deliberately left in place.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, TokenTuiError } from '../core/errors.ts';
import { CHECKLIST_FILE_SUFFIX } from '../core/server-token-checklist.ts';
import { formatRotationRecord, parseRotationRecord, ROTATION_ID_PATTERN } from '../core/rotation-journal-format.ts';
import { isUnfinished, nextStep, type RotationState } from '../core/rotation-plan.ts';
import { stateDir as defaultStateDir, type PathEnvironment } from './paths.ts';

export const ROTATIONS_DIR = 'rotations';
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const SUFFIX = '.json';

export interface RotationJournalOptions extends PathEnvironment {
  /** Overrides the XDG state directory (tests). */
  readonly stateDir?: string;
}

export interface CorruptRotationFile {
  readonly file: string;
  readonly error: string;
}

/** Which rotations belong to one target (the same old token on another cluster is another token). */
export interface RotationTarget {
  readonly adapter: string;
  readonly context: string;
  readonly server: string;
}

export interface RotationJournal {
  readonly directory: string;
  pathOf(rotationId: string): string;
  /** Writes the record atomically; throws TokenTuiError when it could not. */
  save(state: RotationState): void;
  load(rotationId: string): RotationState | null;
  /** Every readable record, oldest first; damaged files are reported, not thrown. */
  list(): { readonly rotations: readonly RotationState[]; readonly corrupt: readonly CorruptRotationFile[] };
  /** Unfinished rotations (interrupted, or stopped before the revoke), optionally only those of one target. */
  listUnfinished(target?: RotationTarget): readonly RotationState[];
  /** The rotation is done (or never created anything): its file is removed. */
  complete(rotationId: string): void;
  /** Marks the rotation abandoned and keeps the file; returns the new state. */
  abandon(rotationId: string, now: number): RotationState;
}

function checkId(rotationId: string): void {
  if (!ROTATION_ID_PATTERN.test(rotationId)) {
    throw new TokenTuiError('usage', `"${rotationId}" is not a rotation id`, { source: 'rotation journal' });
  }
}

function fsyncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Temp file (0600, fsync), rename, fsync of the directory: the old text or the new, never half. */
function writeAtomically(directory: string, path: string, text: string): void {
  mkdirSync(directory, { recursive: true, mode: DIR_MODE });
  const temp = join(directory, `.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': a fresh file with our mode, never someone else's (a symlink planted under that name fails).
  const fd = openSync(temp, 'wx', FILE_MODE);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(directory);
}

/** One journal file written atomically; a failure names the file and how to fix it. */
export function writeJournalFile(directory: string, path: string, text: string, what: string): void {
  try {
    writeAtomically(directory, path, text);
  } catch (error) {
    throw new TokenTuiError('server', `cannot write the ${what} ${path}: ${errorMessage(error)}`, {
      hint: `check that ${directory} is writable (set XDG_STATE_HOME to move it)`,
      cause: error,
    });
  }
}

export function openRotationJournal(options: RotationJournalOptions = {}): RotationJournal {
  const directory = join(options.stateDir ?? defaultStateDir(options), ROTATIONS_DIR);

  function pathOf(rotationId: string): string {
    checkId(rotationId);
    return join(directory, `${rotationId}${SUFFIX}`);
  }

  function save(state: RotationState): void {
    writeJournalFile(directory, pathOf(state.rotationId), formatRotationRecord(state), 'rotation journal');
  }

  function readRecord(path: string): { state: RotationState } | { error: string } | null {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return { error: `cannot read: ${errorMessage(error)}` };
    }
    const parsed = parseRotationRecord(text);
    return parsed.ok ? { state: parsed.state } : { error: parsed.error };
  }

  function load(rotationId: string): RotationState | null {
    const path = pathOf(rotationId);
    const record = readRecord(path);
    if (record === null) return null;
    if ('error' in record) throw new TokenTuiError('server', `rotation journal ${path} is damaged: ${record.error}`, { source: 'rotation journal' });
    return record.state;
  }

  function fileNames(): string[] {
    try {
      // Server-token checklists share the directory (server-token-checklists.ts): not rotations.
      return readdirSync(directory).filter((name) => name.endsWith(SUFFIX) && !name.endsWith(CHECKLIST_FILE_SUFFIX) && !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new TokenTuiError('server', `cannot read the rotation journal ${directory}: ${errorMessage(error)}`, { cause: error });
    }
  }

  function list() {
    const rotations: RotationState[] = [];
    const corrupt: CorruptRotationFile[] = [];
    for (const name of fileNames()) {
      const record = readRecord(join(directory, name));
      if (record === null) continue;
      if ('error' in record) corrupt.push({ file: join(directory, name), error: record.error });
      else rotations.push(record.state);
    }
    rotations.sort((left, right) => left.startedAt - right.startedAt);
    return { rotations, corrupt };
  }

  function listUnfinished(target?: RotationTarget): readonly RotationState[] {
    return list().rotations.filter(
      (state) =>
        isUnfinished(state) &&
        (target === undefined || (state.adapter === target.adapter && state.context === target.context && state.server === target.server)),
    );
  }

  function complete(rotationId: string): void {
    const path = pathOf(rotationId);
    try {
      rmSync(path, { force: true });
      fsyncDirectory(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new TokenTuiError('server', `cannot remove the finished rotation ${path}: ${errorMessage(error)}`, { cause: error });
    }
  }

  function abandon(rotationId: string, now: number): RotationState {
    const state = load(rotationId);
    if (state === null) throw new TokenTuiError('not-found', `no rotation ${rotationId} in ${directory}`, { source: 'rotation journal' });
    const abandoned = nextStep(state, { type: 'abandoned', at: now });
    save(abandoned);
    return abandoned;
  }

  return { directory, pathOf, save, load, list, listUnfinished, complete, abandon };
}

// The checklists of k3s server-token rotations, in the rotation journal's directory
// ($XDG_STATE_HOME/tokentui/rotations/<checklistId>.checklist.json), written the way the journal
// writes (atomic replace, fsync, 0600 in a 0700 directory). A checklist stays until every item is
// ticked off; the file is then kept, all items done, as the record of when they were done, and no
// longer listed as open. Never a token: core/server-token-checklist.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, TokenTuiError } from '../core/errors.ts';
import {
  CHECKLIST_FILE_SUFFIX,
  formatChecklistRecord,
  isChecklistId,
  isChecklistOpen,
  parseChecklistRecord,
  type ServerTokenChecklist,
} from '../core/server-token-checklist.ts';
import { stateDir as defaultStateDir } from './paths.ts';
import { ROTATIONS_DIR, writeJournalFile, type CorruptRotationFile, type RotationJournalOptions, type RotationTarget } from './rotation-journal.ts';

export interface ServerTokenChecklists {
  readonly directory: string;
  pathOf(checklistId: string): string;
  /** Writes the checklist atomically; throws TokenTuiError when it could not. */
  save(checklist: ServerTokenChecklist): void;
  /** Every readable checklist, oldest rotation first; damaged files are reported, not thrown. */
  list(): { readonly checklists: readonly ServerTokenChecklist[]; readonly corrupt: readonly CorruptRotationFile[] };
  /** Checklists with an item still open, optionally only those of one target. */
  listOpen(target?: RotationTarget): readonly ServerTokenChecklist[];
}

export function openServerTokenChecklists(options: RotationJournalOptions = {}): ServerTokenChecklists {
  const directory = join(options.stateDir ?? defaultStateDir(options), ROTATIONS_DIR);

  function pathOf(checklistId: string): string {
    if (!isChecklistId(checklistId)) throw new TokenTuiError('usage', `"${checklistId}" is not a checklist id`, { source: 'rotation journal' });
    return join(directory, `${checklistId}${CHECKLIST_FILE_SUFFIX}`);
  }

  function save(checklist: ServerTokenChecklist): void {
    writeJournalFile(directory, pathOf(checklist.checklistId), formatChecklistRecord(checklist), 'rotation checklist');
  }

  function fileNames(): string[] {
    try {
      return readdirSync(directory).filter((name) => name.endsWith(CHECKLIST_FILE_SUFFIX) && !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new TokenTuiError('server', `cannot read the rotation journal ${directory}: ${errorMessage(error)}`, { cause: error });
    }
  }

  function list() {
    const checklists: ServerTokenChecklist[] = [];
    const corrupt: CorruptRotationFile[] = [];
    for (const name of fileNames()) {
      const file = join(directory, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') corrupt.push({ file, error: `cannot read: ${errorMessage(error)}` });
        continue;
      }
      const parsed = parseChecklistRecord(text);
      if (parsed.ok) checklists.push(parsed.checklist);
      else corrupt.push({ file, error: parsed.error });
    }
    checklists.sort((left, right) => left.rotatedAt - right.rotatedAt);
    return { checklists, corrupt };
  }

  function listOpen(target?: RotationTarget): readonly ServerTokenChecklist[] {
    return list().checklists.filter(
      (checklist) =>
        isChecklistOpen(checklist) &&
        (target === undefined || (checklist.adapter === target.adapter && checklist.context === target.context && checklist.server === target.server)),
    );
  }

  return { directory, pathOf, save, list, listOpen };
}

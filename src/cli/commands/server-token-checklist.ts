// The post-rotation checklists of `tokentui rotate --server-token` on the command line: kept in
// the rotation journal (src/journals/server-token-checklists.ts) after a rotation, printed by every
// later --server-token run, listed with --checklist and ticked off with --done N. Local state
// only: listing and ticking never open a backend, so they work while the servers restart.
import { errorMessage, TokenTuiError } from '../../core/errors.ts';
import { newServerTokenChecklist, openItemCount, toggleChecklistItem, type NewChecklistInput, type ServerTokenChecklist } from '../../core/server-token-checklist.ts';
import { openServerTokenChecklists, type ServerTokenChecklists } from '../../journals/server-token-checklists.ts';
import { usageError } from '../args.ts';
import type { CliEnv, TextSink } from '../io.ts';
import type { CommandContext } from './command-run.ts';

const HELP = "run 'tokentui rotate --help'";

export function openCliChecklists(env: CliEnv): ServerTokenChecklists {
  return openServerTokenChecklists({ env, ...(env.HOME ? { home: env.HOME } : {}) });
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

export function checklistHeading(checklist: ServerTokenChecklist): string {
  const open = openItemCount(checklist);
  return (
    `${checklist.adapter} server token rotated ${iso(checklist.rotatedAt)} through ${checklist.supervisor} (context ${checklist.context}, ` +
    `old token hash ${checklist.oldTokenHash}): ${open} of ${checklist.items.length} checklist items open`
  );
}

/** Each checklist's heading and items; `firstNumber` numbers the items as --done takes them. */
function checklistLines(checklist: ServerTokenChecklist, firstNumber: number | null): string[] {
  return [
    checklistHeading(checklist),
    ...checklist.items.map((item, index) => {
      const number = firstNumber === null ? '' : `${firstNumber + index}. `;
      return `  ${number}[${item.doneAt === null ? ' ' : 'x'}] ${item.subject}: ${item.text}`;
    }),
  ];
}

/** Numbered across every open checklist, oldest first: what --done N refers to. */
function numberedListing(checklists: readonly ServerTokenChecklist[]): string[] {
  let next = 1;
  return checklists.flatMap((checklist) => {
    const lines = checklistLines(checklist, next);
    next += checklist.items.length;
    return lines;
  });
}

/** Printed by `rotate --server-token` before anything else: what earlier rotations left open. */
export function printEarlierChecklists(out: TextSink, checklists: readonly ServerTokenChecklist[]): void {
  if (checklists.length === 0) return;
  out.write('Open checklists from earlier server-token rotations (tick off: tokentui rotate --server-token --checklist, then --done N):\n');
  for (const checklist of checklists) for (const line of checklistLines(checklist, null)) out.write(`${line}\n`);
  out.write('\n');
}

/** After a successful rotation: the checklist kept until ticked off. Returns why not, if it could not be. */
export function keepChecklist(env: CliEnv, input: NewChecklistInput): string | null {
  try {
    openCliChecklists(env).save(newServerTokenChecklist(input));
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

function parseItemNumber(value: string, count: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (count === 0) throw new TokenTuiError('not-found', 'no open server-token checklist: nothing to tick off', { hint: 'tokentui rotate --server-token --checklist lists them' });
  if (!Number.isInteger(number) || number < 1 || number > count) throw usageError(`--done ${value}: give an item number from 1 to ${count}`, "run 'tokentui rotate --server-token --checklist' to see the numbers");
  return number;
}

/** `rotate --server-token --checklist [--done N]`: reads (and ticks) the journal only. */
export async function runServerTokenChecklist({ invocation, io, clock }: CommandContext): Promise<number> {
  const { options } = invocation;
  if (options.confirm !== undefined) throw usageError('--confirm does not go with --checklist or --done', HELP);
  const store = openCliChecklists(io.env);
  let checklists = store.listOpen();
  if (options.done !== undefined) {
    const number = parseItemNumber(options.done, checklists.reduce((sum, checklist) => sum + checklist.items.length, 0));
    let first = 1;
    for (const checklist of checklists) {
      const index = number - first;
      first += checklist.items.length;
      const item = checklist.items[index];
      if (index < 0 || item === undefined) continue;
      if (item.doneAt === null) store.save(toggleChecklistItem(checklist, index, clock.now()));
      io.stdout.write(item.doneAt === null ? `Ticked off item ${number}: ${item.subject}.\n` : `Item ${number} (${item.subject}) was already ticked off.\n`);
      if (item.doneAt === null && openItemCount(checklist) === 1) {
        io.stdout.write(`Every item of the rotation of ${iso(checklist.rotatedAt)} is done; its checklist is no longer listed.\n`);
      }
      break;
    }
    checklists = store.listOpen();
  }
  if (checklists.length === 0) {
    io.stdout.write('No open server-token checklist.\n');
    return 0;
  }
  for (const line of numberedListing(checklists)) io.stdout.write(`${line}\n`);
  return 0;
}

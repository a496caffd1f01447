// The one command table: every feature's commands (each with its keys, `:` words and handler),
// in the order the footer and the help list them. CommandId, the keymap and the key lookup
// derive from it, so a command cannot exist apart from its keys or its behaviour.
import type { CommandTable } from '../commands/command-spec.ts';
import type { KeyName } from '../commands/key-press.ts';
import { indexKeys } from '../commands/keymap.ts';
import type { Mode } from '../commands/modes.ts';
import { auditCommands, auditOpenCommand } from '../features/audit/audit-commands.ts';
import { checklistCommands, checklistOpenCommand } from '../features/checklist/checklist-commands.ts';
import { commandLineCommands, commandLineOpenCommand, contextSwitchCommand } from '../features/command-line/command-line-commands.ts';
import { contextPickerCommands } from '../features/command-line/context-picker-commands.ts';
import { copyOnListCommand, createOpenCommand, wizardCommands } from '../features/create/create-commands.ts';
import { detailsCommands } from '../features/details/details-commands.ts';
import { helpCommands, helpOpenCommand } from '../features/help/help-commands.ts';
import { fleetCommands } from '../features/fleet/fleet-commands.ts';
import { filterCommands, listCommands } from '../features/list/list-commands.ts';
import { makeDefaultCommands, makeDefaultOpenCommand } from '../features/make-default/make-default-commands.ts';
import { revokeCommands, revokeOpenCommand } from '../features/revoke/revoke-commands.ts';
import { rotateCommands, rotateOpenCommand } from '../features/rotate/rotate-commands.ts';
import { serverTokenCommands } from '../features/server-token/server-token-commands.ts';
import { serverTtlCommands } from '../features/server-ttl/server-ttl-commands.ts';
import { appCommands } from './app-commands.ts';
import type { AppState } from './app-state.ts';

export const COMMANDS = {
  ...listCommands,
  ...detailsCommands,
  ...filterCommands,
  ...helpCommands,
  ...commandLineCommands,
  ...contextPickerCommands,
  ...revokeCommands,
  ...auditCommands,
  // What the list and the details offer, in the footer's order.
  ...createOpenCommand,
  ...rotateOpenCommand,
  ...revokeOpenCommand,
  ...makeDefaultOpenCommand,
  ...copyOnListCommand,
  ...commandLineOpenCommand,
  ...helpOpenCommand,
  ...appCommands,
  // Reached by `:` words only.
  ...contextSwitchCommand,
  ...fleetCommands,
  ...auditOpenCommand,
  ...checklistOpenCommand,
  ...wizardCommands,
  ...rotateCommands,
  ...serverTokenCommands,
  ...serverTtlCommands,
  ...checklistCommands,
  ...makeDefaultCommands,
} satisfies CommandTable<AppState>;

export type CommandId = keyof typeof COMMANDS;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

/** The table as the generic machinery sees it (keymap.ts, the gate). */
export const COMMAND_TABLE: CommandTable<AppState, CommandId> = COMMANDS;

function keymapOf<Id extends string>(table: CommandTable<AppState, Id>): { readonly [id in Id]: readonly KeyName[] } {
  const keymap = {} as { [id in Id]: readonly KeyName[] };
  for (const id of Object.keys(table) as Id[]) keymap[id] = table[id].keys;
  return keymap;
}

/** Each command's keys, by id (tests name keys by their command: remapping never breaks one). */
export const KEYMAP = keymapOf(COMMAND_TABLE);

const bindingsByMode = indexKeys(COMMAND_TABLE);

export function commandForKey(mode: Mode, key: KeyName): CommandId | undefined {
  return bindingsByMode.get(mode)?.get(key);
}

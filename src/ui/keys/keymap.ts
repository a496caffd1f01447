// Keys for every command, as data. The Record type makes a missing binding a compile error;
// test/ui/keymap.test.ts checks there is no clash within a mode.
import { COMMAND_IDS, COMMANDS, isCommandVisible, type CommandContext, type CommandId, type Mode } from './commands.ts';
import { keyLabel, type KeyName } from './key-press.ts';
import { MUTATION_KEYMAP } from './mutation-commands.ts';
import { SERVER_TOKEN_KEYMAP } from './server-token-commands.ts';

export const KEYMAP: { readonly [id in CommandId]: readonly KeyName[] } = {
  ...MUTATION_KEYMAP,
  ...SERVER_TOKEN_KEYMAP,
  'list.up': ['up', 'k'],
  'list.down': ['down', 'j'],
  'list.pageUp': ['pageup'],
  'list.pageDown': ['pagedown'],
  'list.top': ['g', 'home'],
  'list.bottom': ['G', 'end'],
  'list.filter': ['/'],
  'list.clearFilter': ['escape'],
  'list.sort': ['s'],
  'list.details': ['enter'],
  'list.mark': [' '],
  'details.scrollUp': ['up', 'k'],
  'details.scrollDown': ['down', 'j'],
  'details.back': ['escape'],
  'filter.apply': ['enter'],
  'filter.clear': ['escape'],
  'filter.deleteChar': ['backspace'],
  'help.scrollUp': ['up', 'k'],
  'help.scrollDown': ['down', 'j'],
  'help.back': ['escape', '?'],
  'command.run': ['enter'],
  'command.cancel': ['escape'],
  'command.deleteChar': ['backspace'],
  'revoke.confirm': ['y', 'enter'],
  'revoke.submit': ['enter'],
  'revoke.deleteChar': ['backspace'],
  'revoke.decline': ['n'],
  'revoke.back': ['escape'],
  // Arrows only: in the typing mode every printable key belongs to the typed id.
  'revoke.scrollUp': ['up'],
  'revoke.scrollDown': ['down'],
  'audit.scrollUp': ['up', 'k'],
  'audit.scrollDown': ['down', 'j'],
  'audit.pageUp': ['pageup'],
  'audit.pageDown': ['pagedown'],
  'audit.back': ['escape'],
  'token.create': ['c'],
  'token.rotate': ['r'],
  'token.revoke': ['d'],
  'token.copy': ['y'],
  'command.line': [':'],
  'app.help': ['?'],
  'app.quit': ['q'],
  'app.interrupt': ['ctrl+c'],
};

const bindingsByMode: ReadonlyMap<Mode, ReadonlyMap<KeyName, CommandId>> = buildIndex();

function buildIndex(): Map<Mode, Map<KeyName, CommandId>> {
  const index = new Map<Mode, Map<KeyName, CommandId>>();
  for (const id of COMMAND_IDS) {
    for (const mode of COMMANDS[id].modes) {
      const keys = index.get(mode) ?? new Map<KeyName, CommandId>();
      // First binding wins; the clash test keeps this from ever mattering.
      for (const key of KEYMAP[id]) if (!keys.has(key)) keys.set(key, id);
      index.set(mode, keys);
    }
  }
  return index;
}

export function commandForKey(mode: Mode, key: KeyName): CommandId | undefined {
  return bindingsByMode.get(mode)?.get(key);
}

/** `↓/j` */
export function keysLabel(id: CommandId): string {
  return KEYMAP[id].map(keyLabel).join('/');
}

export interface FooterHint {
  readonly keys: string;
  readonly label: string;
}

/** Runnable commands of a mode with a footer label; same-label commands merge (`↑↓ move`). */
export function footerHints(mode: Mode, context: CommandContext, readonly: boolean): FooterHint[] {
  const merged = new Map<string, string[]>();
  for (const id of COMMAND_IDS) {
    const spec = COMMANDS[id];
    if (spec.hint === undefined || !spec.modes.includes(mode)) continue;
    if (!isCommandVisible(id, readonly) || spec.disabledReason(context) !== null) continue;
    const firstKey = KEYMAP[id][0];
    if (firstKey === undefined) continue;
    merged.set(spec.hint, [...(merged.get(spec.hint) ?? []), keyLabel(firstKey)]);
  }
  return [...merged].map(([label, keys]) => ({ keys: keys.join(''), label }));
}

export interface HelpEntry {
  readonly id: CommandId;
  readonly keys: string;
  readonly description: string;
  readonly disabledReason: string | null;
}

/** Every visible command, in table order, with its reason when it cannot run. */
export function helpEntries(context: CommandContext, readonly: boolean): HelpEntry[] {
  const listed = (id: CommandId) => isCommandVisible(id, readonly) && !(COMMANDS[id].hiddenWhenDisabled === true && COMMANDS[id].disabledReason(context) !== null);
  return COMMAND_IDS.filter(listed).map((id) => ({
    id,
    keys: keysLabel(id),
    description: COMMANDS[id].description,
    disabledReason: COMMANDS[id].disabledReason(context),
  }));
}

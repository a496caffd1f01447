// The keys, footer hints and help entries of a command table (command-spec.ts): lookups built
// once from the specs' own keys, so a binding cannot exist apart from its command.
import { isCommandVisible, type CommandContext, type CommandSpec, type CommandTable } from './command-spec.ts';
import { keyLabel, type KeyName } from './key-press.ts';
import type { Mode } from './modes.ts';

export type KeyIndex<Id extends string> = ReadonlyMap<Mode, ReadonlyMap<KeyName, Id>>;

export function indexKeys<S, Id extends string>(table: CommandTable<S, Id>): KeyIndex<Id> {
  const index = new Map<Mode, Map<KeyName, Id>>();
  for (const id of Object.keys(table) as Id[]) {
    for (const mode of table[id].modes) {
      const keys = index.get(mode) ?? new Map<KeyName, Id>();
      // First binding wins; the clash test keeps this from ever mattering.
      for (const key of table[id].keys) if (!keys.has(key)) keys.set(key, id);
      index.set(mode, keys);
    }
  }
  return index;
}

/** `↓/j` */
export function keysLabel<S>(spec: CommandSpec<S>): string {
  return spec.keys.map(keyLabel).join('/');
}

export interface FooterHint {
  readonly keys: string;
  readonly label: string;
  /** Shown whatever the width (the footer drops other hints first). */
  readonly pinned?: boolean;
}

/** Runnable commands of a mode with a footer label; same-label commands merge (`↑↓ move`). */
export function footerHints<S>(table: CommandTable<S>, mode: Mode, context: CommandContext, readonly: boolean): FooterHint[] {
  const merged = new Map<string, string[]>();
  const pinned = new Set<string>();
  for (const spec of Object.values(table)) {
    if (spec.hint === undefined || !spec.modes.includes(mode)) continue;
    if (!isCommandVisible(spec, readonly) || spec.disabledReason(context) !== null) continue;
    const firstKey = spec.keys[0];
    if (firstKey === undefined) continue;
    merged.set(spec.hint, [...(merged.get(spec.hint) ?? []), keyLabel(firstKey)]);
    if (spec.pinnedHint === true) pinned.add(spec.hint);
  }
  return [...merged].map(([label, keys]) => ({ keys: keys.join(''), label, ...(pinned.has(label) ? { pinned: true } : {}) }));
}

export interface HelpEntry {
  readonly id: string;
  readonly keys: string;
  readonly description: string;
  readonly disabledReason: string | null;
}

/** Every visible command with a key, in table order, with its reason when it cannot run (`:` words are listed by the command line's entry). */
export function helpEntries<S>(table: CommandTable<S>, context: CommandContext, readonly: boolean): HelpEntry[] {
  return Object.entries(table)
    .filter(([, spec]) => spec.keys.length > 0 && isCommandVisible(spec, readonly) && !(spec.hiddenWhenDisabled === true && spec.disabledReason(context) !== null))
    .map(([id, spec]) => ({ id, keys: keysLabel(spec), description: spec.description, disabledReason: spec.disabledReason(context) }));
}

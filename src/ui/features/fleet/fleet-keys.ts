// Fleet mode's keys, as data: the footer and the key handling read this one table.
import type { KeyPress } from '../../commands/key-press.ts';

export type FleetCommand = 'down' | 'up' | 'open' | 'filter' | 'find' | 'sweep' | 'back' | 'quit';

export const FLEET_KEYS: readonly { readonly keys: readonly string[]; readonly command: FleetCommand; readonly hint: string }[] = [
  { keys: ['j', 'down'], command: 'down', hint: 'j/k move' },
  { keys: ['k', 'up'], command: 'up', hint: '' },
  { keys: ['enter'], command: 'open', hint: 'Enter details (in its context)' },
  { keys: ['/'], command: 'filter', hint: '/ filter' },
  { keys: ['f'], command: 'find', hint: 'f or :find leaked token' },
  { keys: ['X'], command: 'sweep', hint: 'X revoke all found' },
  { keys: ['escape'], command: 'back', hint: 'Esc back' },
  { keys: ['q'], command: 'quit', hint: 'q quit' },
];

export function fleetCommandFor(key: KeyPress): FleetCommand | null {
  return FLEET_KEYS.find((entry) => entry.keys.includes(key.name))?.command ?? null;
}

export const FLEET_FOOTER = FLEET_KEYS.map((entry) => entry.hint).filter((hint) => hint !== '').join(' · ');

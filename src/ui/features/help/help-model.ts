// The `?` screen, generated from the command table so it cannot drift from the keymap.
import type { CommandContext, CommandSpec, CommandTable } from '../../commands/command-spec.ts';
import { helpEntries } from '../../commands/keymap.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import type { ThemeRole } from '../../shared/theme.ts';
import { TTL_LEGEND } from '../../shared/ttl-display.ts';

/** The `?` screen over the list or a token's details. */
export interface HelpScreen {
  readonly kind: 'help';
  readonly scroll: number;
  readonly back: BackTarget;
  /** `/`: the query, while typed (editing) and after, for n/N; null = no search. */
  readonly search: HelpSearch | null;
}

export interface HelpSearch {
  readonly text: string;
  readonly editing: boolean;
}

/** Whether a help line matches a query (case-insensitive, the note included). */
export function helpLineMatches(line: HelpLine, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle !== '' && `${line.text} ${line.note ?? ''}`.toLowerCase().includes(needle);
}

/** The first matching line from `start` in `direction`, wrapping around; null = none. */
export function findHelpMatch(lines: readonly HelpLine[], query: string, start: number, direction: 1 | -1): number | null {
  for (let step = 0; step < lines.length; step++) {
    const index = (((start + direction * step) % lines.length) + lines.length) % lines.length;
    if (helpLineMatches(lines[index]!, query)) return index;
  }
  return null;
}

export interface HelpLine {
  readonly text: string;
  readonly role?: ThemeRole;
  /** Shown after the text, in the muted role (why a command is disabled). */
  readonly note?: string;
}

// Sections by where a key works; token actions and app-wide keys get their own.
const SECTIONS = ['list', 'filter', 'details', 'help', 'token', 'create', 'revoke', 'rotate', 'make-default', 'server-token', 'command', 'audit', 'app'] as const;
type Section = (typeof SECTIONS)[number];

const SECTION_TITLES: { readonly [section in Section]: string } = {
  list: 'Token list',
  filter: 'Filter prompt',
  details: 'Details',
  help: 'Help',
  token: 'Token actions (list and details)',
  create: 'Create wizard and result (the secret, shown once)',
  revoke: 'Revoke screen (impact preview, then confirmation)',
  rotate: 'Rotation plan and unfinished rotations',
  'make-default': 'Make default (m): the preview, then the confirmation',
  'server-token': 'k3s server token (R, :rotate-server-token) and its checklist (:checklist)',
  command: 'Command line (:)',
  audit: 'Audit journal (:audit)',
  app: 'Anywhere',
};

function sectionOf<S>(spec: CommandSpec<S>): Section {
  if (spec.category === 'token') return 'token';
  if (spec.category === 'app') return 'app';
  if (spec.category === 'revoke') return 'revoke';
  if (spec.category === 'create') return 'create';
  if (spec.category === 'rotate') return 'rotate';
  if (spec.category === 'make-default') return 'make-default';
  if (spec.category === 'server-token') return 'server-token';
  const firstMode: Mode = spec.modes[0] ?? 'list';
  if (firstMode === 'too-small') return 'app';
  if (firstMode === 'context-picker') return 'command';
  if (firstMode === 'help-search') return 'help';
  if (firstMode === 'list' || firstMode === 'filter' || firstMode === 'details' || firstMode === 'help' || firstMode === 'command' || firstMode === 'audit') return firstMode;
  return 'revoke';
}

const KEY_COLUMN = 16;

export function helpLines<S>(commands: CommandTable<S>, context: CommandContext, readonly: boolean): HelpLine[] {
  const entries = helpEntries(commands, context, readonly);
  const lines: HelpLine[] = [];
  for (const section of SECTIONS) {
    // Read-only mode never opens the mutation screens: their keys would only confuse.
    if (readonly && (section === 'revoke' || section === 'create' || section === 'rotate' || section === 'make-default' || section === 'server-token')) continue;
    // Only a backend with a default token has this screen.
    if (section === 'make-default' && context.makeDefaultUnavailable !== null) continue;
    // Only a backend with a server token (k3s) has this screen and its checklists.
    if (section === 'server-token' && context.serverTokenUnavailable !== null) continue;
    const inSection = entries.filter((entry) => sectionOf(commands[entry.id]!) === section);
    if (inSection.length === 0) continue;
    lines.push({ text: SECTION_TITLES[section], role: 'text.heading' });
    for (const entry of inSection) {
      const note = entry.disabledReason === null ? undefined : `(disabled: ${entry.disabledReason})`;
      lines.push({ text: `  ${entry.keys.padEnd(KEY_COLUMN)}${entry.description}`, note });
    }
  }
  if (readonly) lines.push({ text: 'Read-only mode: create, rotate and revoke are hidden and refused.', role: 'status.warn' });
  lines.push({ text: 'TTL column', role: 'text.heading' });
  for (const item of TTL_LEGEND) lines.push({ text: `  ${item.glyph}  ${item.meaning}`, role: item.role });
  lines.push({ text: 'Markers', role: 'text.heading' });
  lines.push({ text: '  ›  selected row' });
  lines.push({ text: '  ★  default token (where the backend has one)' });
  lines.push({ text: '  +  marked for revoking several tokens at once (Space)' });
  lines.push({ text: 'Columns', role: 'text.heading' });
  lines.push({ text: '  SCOPE  what a REST token lets machines join as (kubeadm, k3s: USAGES/GROUPS)' });
  lines.push({ text: '  LEFT   uses left of a use-limited token (∞ = no limit; 0 = used up)' });
  lines.push({ text: '  EXPIRES  in UTC (its title says so); z or --local-time: local time, the offset in the title' });
  return lines;
}

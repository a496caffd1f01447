// The details pane as data: labelled fields, wrapped to the terminal width. The reducer uses
// the same lines to bound scrolling, the screen to render them. TTL and status are marked
// live so the screen fills them from the shared clock on every tick.
import type { AdapterId } from '../../../adapters/contract.ts';
import { fieldLabel, type TokenFieldNames } from '../../../core/token.ts';
import { bodyLines, type Viewport } from '../../shared/layout.ts';
import { scrolledTo } from '../../shared/screen-line.ts';
import { displayWidth, wrapToWidth } from '../../shared/text-width.ts';
import type { ThemeRole } from '../../shared/theme.ts';
import { formatLocalLong, formatUtc } from '../../shared/time-format.ts';
import type { TokenEntry } from '../../shared/token-data.ts';

/** One token's details; Esc returns to the list. */
export interface DetailsScreenState {
  readonly kind: 'details';
  readonly tokenId: string;
  readonly scroll: number;
}

export interface TargetInfo {
  readonly adapterId: AdapterId;
  readonly context: string;
  readonly server: string;
  readonly joinCommand: boolean;
  /** The adapter's masked join shape for a token id, where it has one (capabilities.joinCommandShape). */
  readonly joinCommandShape?: (tokenId: string) => string;
  /** What this adapter calls description and scope (capabilities.fieldNames). */
  readonly fieldNames?: TokenFieldNames;
}


export type LiveField = 'ttl' | 'status';

export interface DetailField {
  readonly label: string;
  readonly value: string;
  readonly role?: ThemeRole;
  readonly live?: LiveField;
}

export interface DetailLine {
  /** '' on continuation lines of a wrapped value. */
  readonly label: string;
  readonly text: string;
  readonly role?: ThemeRole;
  readonly live?: LiveField;
}

export const SECRET_NOTE = 'the secret is shown only once, when a token is created; it is never listed';

const listOrNone = (items: readonly string[]): string => (items.length === 0 ? '(none)' : items.join(', '));

export function detailFields(entry: TokenEntry, target: TargetInfo): DetailField[] {
  const { token } = entry;
  const fields: DetailField[] = [
    { label: 'ID', value: token.id, role: 'text.accent' },
    { label: fieldLabel(target.fieldNames, 'description'), value: token.description === '' ? '(none)' : token.description },
    { label: 'Status', value: '', live: 'status' },
    { label: 'TTL', value: '', live: 'ttl' },
  ];
  if (token.expiresAt === null) {
    fields.push({ label: 'Expires', value: 'never' });
  } else {
    fields.push({ label: 'Expires (UTC)', value: formatUtc(token.expiresAt) });
    fields.push({ label: 'Expires (local)', value: formatLocalLong(token.expiresAt) });
  }
  if (token.invalidReason !== null) fields.push({ label: 'Invalid because', value: token.invalidReason, role: 'status.danger' });
  if (token.scope !== undefined) {
    fields.push({ label: fieldLabel(target.fieldNames, 'scope'), value: token.scope === '' ? '(none)' : token.scope });
  } else {
    fields.push({ label: 'Usages', value: listOrNone(token.usages) });
    fields.push({ label: 'Groups', value: listOrNone(token.groups) });
  }
  if (token.usesRemaining !== undefined) {
    fields.push({ label: 'Uses left', value: token.usesRemaining === null ? 'unlimited' : String(token.usesRemaining) });
  }
  if (token.isDefault !== undefined) fields.push({ label: 'Default', value: token.isDefault ? '★ yes' : 'no' });
  if (token.replaces !== undefined) fields.push({ label: 'Replaces', value: `${token.replaces} (created by a rotation of ${token.replaces})` });
  for (const [key, value] of Object.entries(token.extras ?? {})) fields.push({ label: key, value: String(value) });
  if (token.revision !== undefined) fields.push({ label: 'Revision', value: `${token.revision.uid} @ ${token.revision.version}`, role: 'text.secondary' });
  const join = target.joinCommandShape?.(token.id) ?? null;
  if (join !== null) fields.push({ label: 'Join command', value: join });
  if (target.joinCommand || join !== null) fields.push({ label: 'Secret', value: SECRET_NOTE, role: 'text.secondary' });
  return fields;
}

const LABEL_GAP = 2;

export function labelWidth(fields: readonly DetailField[]): number {
  return Math.max(0, ...fields.map((field) => displayWidth(field.label)));
}

/** One line per field, long values wrapped under themselves. */
export function detailLines(fields: readonly DetailField[], columns: number): DetailLine[] {
  const valueWidth = Math.max(10, columns - labelWidth(fields) - LABEL_GAP);
  const lines: DetailLine[] = [];
  for (const field of fields) {
    if (field.live !== undefined) {
      lines.push({ label: field.label, text: '', live: field.live });
      continue;
    }
    const wrapped = wrapToWidth(field.value, valueWidth);
    wrapped.forEach((text, index) => lines.push({ label: index === 0 ? field.label : '', text, role: field.role }));
  }
  return lines;
}

/** The details scrolled by `delta`, kept within the lines of this token (gone: nothing to scroll). */
export function scrollDetails(screen: DetailsScreenState, entry: TokenEntry | undefined, target: TargetInfo, viewport: Viewport, delta: number): DetailsScreenState {
  const lines = entry === undefined ? 0 : detailLines(detailFields(entry, target), viewport.columns).length;
  const scroll = scrolledTo(screen.scroll, delta, lines, bodyLines(viewport));
  return scroll === screen.scroll ? screen : { ...screen, scroll };
}

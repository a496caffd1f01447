// The post-rotation checklist of a k3s server-token rotation, kept in the rotation journal until
// every item is ticked off (issue 7): a sibling record kind of the rotation records
// (rotation-journal-format.ts), one file per rotation named `<checklistId>.checklist.json`.
// Pure: src/journals/server-token-checklists.ts does the file I/O. It never holds a token: only
// the 12-hex snapshot token hashes, the supervisor, times and the items' words; every string is
// redacted on the way out anyway.
import { redactSecrets } from './bootstrap-token.ts';
import { parseJsonRecord, type JsonRecord } from './json-record.ts';

export const CHECKLIST_RECORD_VERSION = 1;
export const CHECKLIST_RECORD_KIND = 'k3s-server-token-checklist';
/** File names end with this; the rotation journal's own listing skips them. */
export const CHECKLIST_FILE_SUFFIX = '.checklist.json';
const CHECKLIST_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface ChecklistItemState {
  /** Stable, e.g. `server-config:k3s-1` (src/adapters/k3s/rotation-checklist.ts). */
  readonly id: string;
  readonly subject: string;
  readonly text: string;
  /** When it was ticked off; null while open. */
  readonly doneAt: number | null;
}

export interface ServerTokenChecklist {
  readonly checklistId: string;
  readonly adapter: string;
  readonly context: string;
  readonly server: string;
  readonly supervisor: string;
  readonly oldTokenHash: string;
  readonly newTokenHash: string;
  readonly rotatedAt: number;
  readonly updatedAt: number;
  readonly items: readonly ChecklistItemState[];
}

export interface NewChecklistInput {
  readonly target: { readonly adapter: string; readonly context: string; readonly server: string };
  readonly supervisor: string;
  readonly oldTokenHash: string;
  readonly newTokenHash: string;
  readonly rotatedAt: number;
  readonly items: readonly { readonly id: string; readonly subject: string; readonly text: string }[];
}

/** `server-token-20261123t120000z-<12 hex>`: sorts by time, names a file safely. */
export function checklistIdFor(rotatedAt: number, newTokenHash: string): string {
  const stamp = new Date(rotatedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase();
  return `server-token-${stamp}-${newTokenHash.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12)}`;
}

export function newServerTokenChecklist(input: NewChecklistInput): ServerTokenChecklist {
  return {
    checklistId: checklistIdFor(input.rotatedAt, input.newTokenHash),
    ...input.target,
    supervisor: input.supervisor,
    oldTokenHash: input.oldTokenHash,
    newTokenHash: input.newTokenHash,
    rotatedAt: input.rotatedAt,
    updatedAt: input.rotatedAt,
    items: input.items.map((item) => ({ id: item.id, subject: item.subject, text: item.text, doneAt: null })),
  };
}

export function openItemCount(checklist: ServerTokenChecklist): number {
  return checklist.items.filter((item) => item.doneAt === null).length;
}

export function isChecklistOpen(checklist: ServerTokenChecklist): boolean {
  return openItemCount(checklist) > 0;
}

/** Ticks item `index` off, or opens it again; unchanged when there is no such item. */
export function toggleChecklistItem(checklist: ServerTokenChecklist, index: number, now: number): ServerTokenChecklist {
  const item = checklist.items[index];
  if (item === undefined) return checklist;
  const items = checklist.items.map((candidate, position) => (position === index ? { ...candidate, doneAt: candidate.doneAt === null ? now : null } : candidate));
  return { ...checklist, items, updatedAt: now };
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** Pretty JSON in a fixed key order, ending in a newline; every string redacted. */
export function formatChecklistRecord(checklist: ServerTokenChecklist): string {
  const record = {
    version: CHECKLIST_RECORD_VERSION,
    kind: CHECKLIST_RECORD_KIND,
    checklistId: checklist.checklistId,
    adapter: checklist.adapter,
    context: checklist.context,
    server: checklist.server,
    supervisor: checklist.supervisor,
    oldTokenHash: checklist.oldTokenHash,
    newTokenHash: checklist.newTokenHash,
    rotatedAt: iso(checklist.rotatedAt),
    updatedAt: iso(checklist.updatedAt),
    items: checklist.items.map((item) => ({ id: item.id, subject: item.subject, text: item.text, doneAt: item.doneAt === null ? null : iso(item.doneAt) })),
  };
  return `${JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value), 2)}\n`;
}

export type ParsedChecklistRecord = { readonly ok: true; readonly checklist: ServerTokenChecklist } | { readonly ok: false; readonly error: string };

type Json = JsonRecord;
const isString = (value: unknown): value is string => typeof value === 'string';

function epochOf(value: unknown): number | null {
  if (!isString(value)) return null;
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? null : epoch;
}

function readItem(value: unknown): ChecklistItemState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, subject, text, doneAt } = value as Json;
  if (!isString(id) || !isString(subject) || !isString(text)) return null;
  if (doneAt === null) return { id, subject, text, doneAt: null };
  const done = epochOf(doneAt);
  return done === null ? null : { id, subject, text, doneAt: done };
}

function invalidField(record: Json): string | null {
  if (record['version'] !== CHECKLIST_RECORD_VERSION) return 'version';
  if (record['kind'] !== CHECKLIST_RECORD_KIND) return 'kind';
  if (!isString(record['checklistId']) || !CHECKLIST_ID_PATTERN.test(record['checklistId'])) return 'checklistId';
  for (const field of ['adapter', 'context', 'server', 'supervisor', 'oldTokenHash', 'newTokenHash']) if (!isString(record[field])) return field;
  if (epochOf(record['rotatedAt']) === null) return 'rotatedAt';
  if (epochOf(record['updatedAt']) === null) return 'updatedAt';
  const items = record['items'];
  if (!Array.isArray(items) || items.length === 0 || items.some((item) => readItem(item) === null)) return 'items';
  return null;
}

export function parseChecklistRecord(text: string): ParsedChecklistRecord {
  const parsed = parseJsonRecord(text, invalidField);
  if (!parsed.ok) return parsed;
  const { record } = parsed;
  const checklist: ServerTokenChecklist = {
    checklistId: record['checklistId'] as string,
    adapter: record['adapter'] as string,
    context: record['context'] as string,
    server: record['server'] as string,
    supervisor: record['supervisor'] as string,
    oldTokenHash: record['oldTokenHash'] as string,
    newTokenHash: record['newTokenHash'] as string,
    rotatedAt: epochOf(record['rotatedAt'])!,
    updatedAt: epochOf(record['updatedAt'])!,
    items: (record['items'] as unknown[]).map((item) => readItem(item)!),
  };
  return { ok: true, checklist };
}

export function isChecklistId(value: string): boolean {
  return CHECKLIST_ID_PATTERN.test(value);
}
